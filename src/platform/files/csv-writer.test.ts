import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  csvStringifier,
  csvText,
  neutraliseCell,
  restoreNeutralisedCell,
  restoreNeutralisedCells,
} from './csv-writer.ts';
import { readTabular } from './tabular-reader.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-csv-writer-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function readBack(text: string): Promise<string[][]> {
  const file = path.join(work, `t-${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, text);
  const rows: string[][] = [];
  for await (const row of readTabular(file, 'csv')) rows.push(row.cells);
  return rows;
}

describe('neutraliseCell', () => {
  it('prefixes an apostrophe to every cell a spreadsheet would run as a formula', () => {
    for (const cell of [
      '=HYPERLINK("http://x","y")',
      "=cmd|' /C calc'!A0",
      '+1+1',
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1',
      '\r=1',
      '－1',
      '＝1+1',
      '＋1',
      '＠SUM(1)',
    ])
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary text, and negative numbers, as they are', () => {
    for (const cell of ['AK-47', 'KT 5521', '', 'a=b', ' =1', '-5', '-12.5', '-.5', '-1e3', "'quoted"])
      expect(neutraliseCell(cell)).toBe(cell);
  });

  it('gives a cell that already starts with apostrophes one more, so it reads back unchanged', () => {
    expect(neutraliseCell("'=1")).toBe("''=1");
    expect(restoreNeutralisedCell("''=1")).toBe("'=1");
  });

  it('is undone exactly by restoreNeutralisedCell, whatever the text', () => {
    const formulaish = fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '＝', '5', '.', 'e', 'a', ' ');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: formulaish })), (text) => {
        expect(restoreNeutralisedCell(neutraliseCell(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('restores a whole row in place', () => {
    const row = ["'=1", 'plain', "'-2+3", "'-5"];
    expect(restoreNeutralisedCells(row)).toBe(row);
    expect(row).toEqual(['=1', 'plain', '-2+3', "'-5"]);
  });
});

describe('csvText and csvStringifier', () => {
  const rows = [
    ['Serial number', 'Notes', 'Count'],
    ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", -5],
    ['@SUM(1)', '-12.5', 3],
  ];

  it('quote every neutralised cell, and no cell of the file starts a formula', async () => {
    const text = csvText(rows);
    expect(text).toBe(
      [
        'Serial number,Notes,Count',
        `"'=HYPERLINK(""http://x"",""y"")","'=cmd|' /C calc'!A0",-5`,
        `"'@SUM(1)",-12.5,3`,
        '',
      ].join('\n'),
    );
    const plain = csvText(rows.map((r) => r.map(String)));
    for (const line of plain.split('\n'))
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('read back through the tabular reader as they were written', async () => {
    expect(await readBack(csvText(rows, { bom: true }))).toEqual(rows.map((r) => r.map(String)));
  });

  it('stream the same text', async () => {
    const csv = csvStringifier();
    let text = '';
    csv.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const done = new Promise((resolve) => csv.on('end', resolve));
    for (const row of rows) csv.write(row);
    csv.end();
    await done;
    expect(text).toBe(csvText(rows));
  });

  it('round-trip any text through a file', async () => {
    // No tabs, semicolons or bars: the reader guesses the delimiter, and on two short lines a
    // cell full of tabs can outvote the comma (neutralising has its own tests above).
    const cell = fc.string({
      unit: fc.constantFrom('=', '+', '-', '@', '\r', "'", '"', ',', 'a', '1', ' ', '＝', '\n'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 5 }), async (records) => {
        // A header row keeps delimiter detection on the comma; blank records are not rows.
        const table = [['a', 'b'], ...records.map(([x, y]) => [`k${x}`, y])];
        expect(await readBack(csvText(table, { bom: true }))).toEqual(table);
      }),
      { numRuns: 100 },
    );
  });
});
