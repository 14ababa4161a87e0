import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportItems } from '../src/modules/registry/use-cases/export-service.ts';
import { importItems } from '../src/modules/registry/use-cases/import-service.ts';
import { getWeapon, listWeapons, registerWeapon } from '../src/modules/registry/use-cases/weapon-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { createTestApp, type TestApp, type TestClient } from './support/app.ts';
import { runCli } from './support/cli.ts';
import { ENGINES } from './support/databases.ts';

/** CSV injection (issue 8): what a spreadsheet would run as a formula is written as text. */
const HYPERLINK = '=HYPERLINK("http://x","y")';
const CALC = "=cmd|' /C calc'!A0";
const SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const PLUS = '+1+1';
const MINUS = '-2+3';
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'lists');

/** Every cell of a CSV document: none may start a formula (a negative number is a number). */
function expectNoFormula(csv: Buffer | string): string[][] {
  const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  for (const [r, row] of rows.entries())
    for (const cell of row)
      expect(
        /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell),
        `row ${r + 1}: ${JSON.stringify(cell)}`,
      ).toBe(false);
  return rows;
}

/** A cell as a CSV file quotes it. */
function csvCell(cell: string): string {
  return `"${cell.replaceAll('"', '""')}"`;
}

/** The neutralised form of a cell as it appears in the file: quoted, apostrophe first. */
function quoted(cell: string): string {
  return csvCell(`'${cell}`);
}

describe.each(ENGINES)('CSV files the project writes, on %s', (engine) => {
  let t: TestApp;
  let work: string;
  let orgId: string;
  let registrar: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-csv-injection-'));
    orgId = (await t.org(`Formula commission ${engine}`)).id;
    registrar = await t.user(orgId, 'registrar');
    await registerWeapon(t.db.ctx, SYSTEM_CLI, {
      organisationId: orgId,
      category: 'assault_rifles',
      make: SUM,
      model: PLUS,
      serial: HYPERLINK,
      notes: CALC,
      markings: [{ kind: 'factory_code', text: MINUS }],
    });
  });
  afterAll(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    await t?.close();
  });

  async function expectWeaponCopied(organisationId: string) {
    const [copy] = (await listWeapons(t.db.ctx, SYSTEM_CLI, { organisationId })).items;
    const detail = await getWeapon(t.db.ctx, SYSTEM_CLI, copy!.id);
    expect(detail).toMatchObject({ serial: HYPERLINK, notes: CALC, make: SUM, model: PLUS });
    expect(detail.markings.map((m) => m.text)).toEqual([MINUS]);
  }

  it('the registry export (service and API) quotes formulas as text, and re-imports them unchanged', async () => {
    const file = path.join(work, 'registry.csv');
    await exportItems(t.db.ctx, SYSTEM_CLI, orgId, 'csv', file);
    const text = fs.readFileSync(file, 'utf8');
    for (const cell of [HYPERLINK, CALC, SUM, PLUS, MINUS]) expect(text).toContain(quoted(cell));
    expectNoFormula(text);

    const res = await registrar.request('GET', `/api/weapons/export?organisationId=${orgId}&format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain(quoted(HYPERLINK));
    expectNoFormula(res.rawPayload);

    const copy = (await t.org(`Copy of the CSV export ${engine}`)).id;
    const summary = await importItems(t.db.ctx, SYSTEM_CLI, { organisationId: copy, filePath: file });
    expect(summary).toMatchObject({ imported: 1, rejected: 0 });
    await expectWeaponCopied(copy);
  });

  it('the XLSX export writes the same cells as text, never as formulas', async () => {
    const file = path.join(work, 'registry.xlsx');
    await exportItems(t.db.ctx, SYSTEM_CLI, orgId, 'xlsx', file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const row = sheet.getRow(2);
    for (const [column, value] of [
      ['Serial number', HYPERLINK],
      ['Notes', CALC],
      ['Make', SUM],
      ['Model', PLUS],
      ['Markings', MINUS],
    ]) {
      const cell = row.getCell(header.indexOf(column!) + 1);
      expect({ column, type: cell.type, value: cell.value }).toEqual({
        column,
        type: ExcelJS.ValueType.String,
        value,
      });
    }
    row.eachCell((cell) => expect(cell.formula).toBeFalsy());

    const copy = (await t.org(`Copy of the XLSX export ${engine}`)).id;
    await importItems(t.db.ctx, SYSTEM_CLI, { organisationId: copy, filePath: file });
    await expectWeaponCopied(copy);
  });

  const inventory = [
    'Category,Make,Model,Serial number,Year of manufacture,Notes',
    'assault_rifles,Izhmash,AKM,KT 5521,1974,fine',
    `assault_rifles,${csvCell(SUM)},AKM,${csvCell(HYPERLINK)},2999,${csvCell(CALC)}`,
  ].join('\n');

  it('the rejects file of a CLI import neutralises the refused cells, and imports again once corrected', async () => {
    const org = (await t.org(`CLI rejects ${engine}`)).id;
    const input = path.join(work, 'inventory.csv');
    const rejects = path.join(work, 'inventory.rejects.csv');
    fs.writeFileSync(input, inventory);
    const r = await runCli(t.db.url, [
      'import',
      'items',
      input,
      '--org',
      org,
      '--partial',
      '--rejects',
      rejects,
      '--json',
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: 1, rejected: 1 });
    const text = fs.readFileSync(rejects, 'utf8');
    for (const cell of [HYPERLINK, CALC, SUM]) expect(text).toContain(quoted(cell));
    const rows = expectNoFormula(text);
    expect(rows[1]![5]).toBe('2999');

    fs.writeFileSync(rejects, text.replace(',2999,', ',1999,'));
    const again = await importItems(t.db.ctx, SYSTEM_CLI, { organisationId: org, filePath: rejects });
    expect(again).toMatchObject({ imported: 1, rejected: 0 });
    const weapons = (await listWeapons(t.db.ctx, SYSTEM_CLI, { organisationId: org })).items;
    expect(weapons.map((w) => w.serial).sort()).toEqual([HYPERLINK, 'KT 5521'].sort());
  });

  it('the rejects file offered by the API after a web import neutralises them too', async () => {
    const upload = await registrar.upload(
      '/api/imports',
      { organisationId: orgId },
      { name: 'inventory.csv', content: inventory, type: 'text/csv' },
    );
    expect(upload.statusCode, upload.body).toBe(201);
    const importId = upload.json().importId as string;
    const run = await registrar.request('POST', `/api/imports/${importId}/run`, { partial: true });
    expect(run.statusCode, run.body).toBe(202);
    for (let i = 0; i < 200; i++) {
      if ((await registrar.request('GET', `/api/imports/${importId}`)).json().status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const res = await registrar.request('GET', `/api/imports/${importId}/rejects`);
    expect(res.statusCode, res.body).toBe(200);
    for (const cell of [HYPERLINK, CALC, SUM]) expect(res.body).toContain(quoted(cell));
    expectNoFormula(res.rawPayload);
  });

  it('screening results (screen --input, screen compare --pairs) neutralise names and ids', async () => {
    const load = await runCli(t.db.url, [
      'lists',
      'load',
      path.join(FIXTURES, 'un-consolidated-v1.xml'),
      '--json',
    ]);
    expect(load.code, load.stdout + load.stderr).toBe(0);
    const input = path.join(work, 'parties.csv');
    const output = path.join(work, 'results.csv');
    fs.writeFileSync(
      input,
      ['id,name', `${csvCell(HYPERLINK)},Bahaji Said`, `P2,${csvCell(CALC)}`].join('\n'),
    );
    const r = await runCli(t.db.url, ['screen', '--input', input, '--output', output, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const results = fs.readFileSync(output, 'utf8');
    expect(results).toContain(quoted(HYPERLINK));
    expect(results).toContain(quoted(CALC));
    expectNoFormula(results);

    const pairs = path.join(work, 'pairs.csv');
    const scores = path.join(work, 'scores.csv');
    fs.writeFileSync(pairs, ['name1,name2', `${csvCell(CALC)},${PLUS}`].join('\n'));
    const compared = await runCli(t.db.url, [
      'screen',
      'compare',
      '--pairs',
      pairs,
      '--output',
      scores,
      '--json',
    ]);
    expect(compared.code, compared.stdout + compared.stderr).toBe(0);
    const scored = fs.readFileSync(scores, 'utf8');
    expect(scored).toContain(quoted(CALC));
    expect(scored).toContain(quoted(PLUS));
    expectNoFormula(scored);
  });
});
