import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readTabular, readTabularBatches, type TabularRow } from './tabular-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-tabular-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function write(content: string | Buffer, extension = 'csv'): string {
  const file = path.join(dir, `f${++fileCount}.${extension}`);
  fs.writeFileSync(file, content);
  return file;
}

async function readAll(file: string): Promise<TabularRow[]> {
  const rows: TabularRow[] = [];
  for await (const row of readTabular(file, 'csv')) rows.push(row);
  return rows;
}

describe('reading CSV inventories', () => {
  it('reads UTF-8 with a BOM, without the BOM in the first header', async () => {
    const rows = await readAll(write(Buffer.from('\ufeffN° de série;Marque\nАК-47;Ижмаш\n', 'utf8')));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['N° de série', 'Marque'] },
      { rowNumber: 2, cells: ['АК-47', 'Ижмаш'] },
    ]);
  });

  it("reads Excel's UTF-16 'Unicode text' (tab-separated)", async () => {
    const text = 'Serial\tMake\r\nКН1234\tIzhmash\r\n';
    const rows = await readAll(
      write(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    );
    expect(rows.map((r) => r.cells)).toEqual([
      ['Serial', 'Make'],
      ['КН1234', 'Izhmash'],
    ]);
  });

  it('reads Windows-1252 with the characters that differ from Latin-1 (’ œ €)', async () => {
    const bytes = Buffer.from([
      ...Buffer.from('Cat', 'latin1'),
      0x3b,
      ...Buffer.from('Note\n', 'latin1'),
      ...Buffer.from('Fusil d', 'latin1'),
      0x92, // ’
      ...Buffer.from('assaut;', 'latin1'),
      0x9c, // œ
      ...Buffer.from('uvre 5 ', 'latin1'),
      0x80, // €
      0x0a,
    ]);
    const rows = await readAll(write(bytes));
    expect(rows[1]!.cells).toEqual(['Fusil d’assaut', 'œuvre 5 €']);
  });

  it('numbers rows as a spreadsheet shows them: blank lines count, a multi-line cell is one row', async () => {
    const rows = await readAll(
      write('Title of the inventory\n\nSerial,Notes\nA1,"first line\nsecond line"\nA2,plain\n'),
    );
    expect(rows.map((r) => [r.rowNumber, r.cells[0]])).toEqual([
      [1, 'Title of the inventory'],
      [2, ''],
      [3, 'Serial'],
      [4, 'A1'],
      [5, 'A2'],
    ]);
    expect(rows[3]!.cells[1]).toBe('first line\nsecond line');
  });

  it('keeps a quote inside an unquoted cell as text', async () => {
    const rows = await readAll(write('Model,Calibre\nType "56",7.62"\n'));
    expect(rows[1]!.cells).toEqual(['Type "56"', '7.62"']);
  });

  it('reads the last row whether or not the file ends with a newline, and keeps a final blank line', async () => {
    expect((await readAll(write('a,b\n1,2'))).length).toBe(2);
    expect((await readAll(write('a,b\n1,2\n'))).length).toBe(2);
    expect((await readAll(write('a,b\r\n1,2\r\n'))).map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect((await readAll(write('a,b\n1,2\n\n'))).map((r) => r.rowNumber)).toEqual([1, 2, 3]);
  });

  it('hands large files over in batches with row numbers that run on across them', async () => {
    const lines = ['Serial,Make'];
    for (let i = 0; i < 5000; i++) lines.push(`S${i},Норинко`);
    const file = write(`${lines.join('\n')}\n`);
    const batches: TabularRow[][] = [];
    for await (const batch of readTabularBatches(file, 'csv')) batches.push(batch);
    expect(batches.length).toBeGreaterThan(1);
    const rows = batches.flat();
    expect(rows.length).toBe(5001);
    expect(rows.every((r, i) => r.rowNumber === i + 1)).toBe(true);
    expect(rows[5000]!.cells).toEqual(['S4999', 'Норинко']);
  });

  it('keeps multi-byte characters whole where the file is read in pieces', async () => {
    // 64 KB read chunks: a run of two- and three-byte characters is cut somewhere inside a character.
    const cell = 'Ж€'.repeat(30_000);
    const rows = await readAll(write(`Serial,Markings\nA1,${cell}\n`));
    expect(rows[1]!.cells[1]).toBe(cell);
  });

  it('stops reading when the caller stops early, leaving no open stream behind', async () => {
    const lines = ['Serial'];
    for (let i = 0; i < 20_000; i++) lines.push(`S${i}`);
    const file = write(lines.join('\n'));
    let seen = 0;
    for await (const _ of readTabular(file, 'csv')) if (++seen === 10) break;
    expect(seen).toBe(10);
  });

  it('reads back whatever a spreadsheet program writes (property)', async () => {
    const cellText = fc.string({ unit: 'grapheme', maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.array(fc.array(cellText, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 20,
          }),
        ),
        fc.constantFrom(',', ';', '\t'),
        async (table, delimiter) => {
          // A first row of plain headers lets the delimiter be detected as it is for real inventories.
          const header = table[0]!.map((_, i) => `Column ${i + 1}`);
          const file = write(stringify([header, ...table], { delimiter, quoted: true }));
          const rows = await readAll(file);
          expect(rows.map((r) => r.cells)).toEqual([header, ...table]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
