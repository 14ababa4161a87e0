import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../src/modules/registry/contracts.ts';
import { readTabular } from '../src/platform/files/tabular-reader.ts';
import {
  CSV_INVENTORY,
  CUSTOM_MAPPING,
  ENCODING_SAMPLE,
  FILES,
  FIXTURE_DIR,
  type Inventory,
  writeFixtures,
  XLSX_INVENTORY,
} from './fixtures/registry/make-fixtures.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { type CliResult, runCli } from './support/cli.ts';
import { ENGINES } from './support/databases.ts';

/**
 * Issue 3, "Done when": a 1,000-row CSV and an XLSX with messy headers, mixed scripts and 20 bad rows
 * import with exactly the right errors and nothing half-written; re-import is a no-op. The files are
 * made by test/fixtures/registry/make-fixtures.ts, which also says which rows are bad and why.
 */

interface ErrorDoc {
  error: { code: string; message: string; issues?: { field: string; message: string }[] };
}

function expectExit(r: CliResult, code: number) {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr}`).toBe(code);
}

const TABLES = ['weapons', 'ledger_events', 'weapon_markings', 'sites', 'imports', 'audit_log'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

const currentYear = new Date().getUTCFullYear();

/** Every row of a file as the user sees it (row number -> cells), read independently of the import. */
async function fileRows(file: string): Promise<Map<number, string[]>> {
  const rows = new Map<number, string[]>();
  if (file.endsWith('.csv')) {
    const records = parse(fs.readFileSync(file, 'utf8'), {
      delimiter: ';',
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    for (const [i, cells] of records.entries()) rows.set(i + 1, cells);
  } else {
    for await (const r of readTabular(file, 'xlsx')) rows.set(r.rowNumber, r.cells);
  }
  return rows;
}

describe('the inventory fixtures', () => {
  it('are what test/fixtures/registry/make-fixtures.ts generates, byte for byte', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-fixtures-'));
    try {
      await writeFixtures(dir);
      for (const name of Object.values(FILES)) {
        expect(
          fs.readFileSync(path.join(dir, name)).equals(fs.readFileSync(path.join(FIXTURE_DIR, name))),
          name,
        ).toBe(true);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)('inventory import on %s', (engine) => {
  let t: TestApp;
  let work: string;
  const cli = (args: string[]) => runCli(t.db.url, args);
  const db = () => t.db.handle.db;
  const fixture = (name: string) => path.join(work, name);

  async function counts(): Promise<Counts> {
    const out = {} as Counts;
    for (const table of TABLES) {
      const r = await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(r.n);
    }
    return out;
  }

  function diff(before: Counts, after: Counts): Partial<Counts> {
    const d: Partial<Counts> = {};
    for (const table of TABLES) if (after[table] !== before[table]) d[table] = after[table] - before[table];
    return d;
  }

  async function importJson(file: string, org: string, ...flags: string[]) {
    const r = await cli(['import', 'items', file, '--org', org, '--json', ...flags]);
    return { r, summary: JSON.parse(r.stdout) as ImportSummary };
  }

  async function weaponsOf(org: string) {
    return db().selectFrom('weapons').selectAll().where('organisation_id', '=', org).execute();
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    // The import writes its rejects file next to the input by default: work on copies.
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-import-'));
    for (const name of Object.values(FILES))
      fs.copyFileSync(path.join(FIXTURE_DIR, name), path.join(work, name));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const FORMATS: [string, Inventory, string, string][] = [
    ['CSV (French, semicolons, title line)', CSV_INVENTORY, FILES.csv, FILES.csvCorrected],
    ['XLSX (English, header on row 3, unknown column)', XLSX_INVENTORY, FILES.xlsx, FILES.xlsxCorrected],
  ];

  describe.each(FORMATS)('%s', (_label, inventory, fileName, correctedName) => {
    let org: string;
    beforeAll(async () => {
      org = (await t.org(`Depot ${fileName} ${engine}`)).id;
    });

    it('all or nothing: reports exactly the 20 bad rows by row, column and reason, and writes nothing', async () => {
      const before = await counts();
      const { r, summary } = await importJson(fixture(fileName), org);
      expectExit(r, 2);
      expect(summary).toMatchObject({
        committed: false,
        dryRun: false,
        imported: 0,
        rejected: 20,
        rows: 1000,
        importId: null,
        rejectsFile: null,
        sitesCreated: [],
      });
      expect(summary.errors).toEqual(inventory.errors(currentYear));
      // Serials that differ by one look-alike character (O/0, I/1), same make and model.
      expect(summary.duplicates).toEqual(inventory.duplicates);
      expect(diff(before, await counts())).toEqual({});
      expect(fs.existsSync(fixture(fileName.replace(/\.\w+$/, '.rejects.csv')))).toBe(false);
    });

    it('--dry-run checks every row and writes nothing', async () => {
      const before = await counts();
      const bad = await importJson(fixture(fileName), org, '--dry-run');
      expectExit(bad.r, 2);
      expect(bad.summary).toMatchObject({ dryRun: true, committed: false, rejected: 20, imported: 980 });
      expect(bad.summary.errors).toEqual(inventory.errors(currentYear));

      const good = await importJson(fixture(correctedName), org, '--dry-run');
      expectExit(good.r, 0);
      expect(good.summary).toMatchObject({
        dryRun: true,
        committed: false,
        imported: 1000,
        rejected: 0,
        importId: null,
        errors: [],
      });
      expect(good.summary.sitesCreated.sort()).toEqual([...inventory.sites].sort());
      expect(diff(before, await counts())).toEqual({});
    });

    it('--partial commits the 980 good rows and writes the 20 bad ones, with their reasons, to the rejects file', async () => {
      const before = await counts();
      const rejects = path.join(work, `${fileName}.rejects.csv`);
      const { r, summary } = await importJson(fixture(fileName), org, '--partial', '--rejects', rejects);
      expectExit(r, 0);
      expect(summary).toMatchObject({
        committed: true,
        imported: 980,
        unchanged: 0,
        rejected: 20,
        rows: 1000,
      });
      expect(summary.rejectsFile).toBe(rejects);
      expect(summary.sitesCreated.sort()).toEqual([...inventory.sites].sort());
      const changes = diff(before, await counts());
      expect(changes).toMatchObject({
        weapons: 980,
        ledger_events: 980,
        sites: 3,
        imports: 1,
        audit_log: 1,
      });
      expect(changes.weapon_markings).toBeGreaterThan(300);

      // The rejects file: the header of the file with an Errors column first, and exactly the 20 rows as they were.
      const records = parse(fs.readFileSync(rejects), { bom: true, relax_column_count: true }) as string[][];
      expect(records[0]).toEqual(['Errors', ...inventory.headers]);
      const original = await fileRows(fixture(fileName));
      const expected = inventory.errors(currentYear);
      expect(records.slice(1)).toHaveLength(20);
      records.slice(1).forEach((record, i) => {
        const e = expected[i]!;
        expect(record[0]).toBe(`${e.column}: ${e.message}`);
        expect(record.slice(1)).toEqual(original.get(e.row));
      });

      // Every weapon registered, with its ledger and the import it came from.
      const weapons = await weaponsOf(org);
      expect(weapons).toHaveLength(980);
      expect(new Set(weapons.map((w) => w.import_id))).toEqual(new Set([summary.importId]));
      expect(weapons.every((w) => w.status === 'in_stock')).toBe(true);
      const audit = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('record_id', '=', summary.importId)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['registry.import']);
    });

    it('keeps what was read and searches on the normalised forms (look-alikes, Arabic-Indic digits, labels)', async () => {
      const weapons = await weaponsOf(org);
      const cyrillic = weapons.filter((w) => /[\u0400-\u04ff]/.test(w.serial_raw ?? ''));
      expect(cyrillic.length).toBeGreaterThan(5);
      for (const w of cyrillic) expect(w.serial_normalised).toMatch(/^[A-Z]{1,2}\d{7}$/);
      const arabicIndic = weapons.filter((w) => /[\u0660-\u0669]/.test(w.serial_raw ?? ''));
      expect(arabicIndic.length).toBeGreaterThan(5);
      for (const w of arabicIndic) expect(w.serial_normalised).toMatch(/^[A-Z]*\d{7}$/);
      // Categories given as French labels, English labels and codes all end up as codes.
      expect(new Set(weapons.map((w) => w.category))).toEqual(
        new Set(['assault_rifles', 'revolvers_pistols', 'rifles_carbines', 'light_machine_guns']),
      );
      // Countries by French name, former state or code, all ISO3.
      for (const w of weapons) expect(w.country_of_manufacture).toMatch(/^[A-Z]{3}$/);
      expect(weapons.some((w) => w.country_of_manufacture === 'SUN')).toBe(true);
      // Weapons without a serial are registered by their national registration number.
      const byRegistration = weapons.filter((w) => w.serial_normalised === null);
      expect(byRegistration.length).toBeGreaterThan(5);
      for (const w of byRegistration) expect(w.national_registration_number).toMatch(/^CAF-PN-\d{6}$/);
      // Cyrillic markings are kept as read, with their script.
      const markings = await db()
        .selectFrom('weapon_markings')
        .innerJoin('weapons', 'weapons.id', 'weapon_markings.weapon_id')
        .select(['weapon_markings.text_raw', 'weapon_markings.script'])
        .where('weapons.organisation_id', '=', org)
        .where('weapon_markings.text_raw', '=', 'Ижмаш')
        .execute();
      expect(markings.length).toBeGreaterThan(10);
      expect(new Set(markings.map((m) => m.script))).toEqual(new Set(['cyrillic']));
    });

    it('re-importing the same file changes nothing but records the import itself', async () => {
      const before = await counts();
      const rejects = path.join(work, `${fileName}.again.rejects.csv`);
      const { r, summary } = await importJson(fixture(fileName), org, '--partial', '--rejects', rejects);
      expectExit(r, 0);
      expect(summary).toMatchObject({ imported: 0, unchanged: 980, rejected: 20, sitesCreated: [] });
      expect(summary.errors).toEqual(inventory.errors(currentYear));
      expect(diff(before, await counts())).toEqual({ imports: 1, audit_log: 1 });
    });

    it('importing the corrected file adds exactly the 20 corrected rows', async () => {
      const before = await counts();
      const known = new Set((await weaponsOf(org)).map((w) => w.id));
      const { r, summary } = await importJson(fixture(correctedName), org);
      expectExit(r, 0);
      expect(summary).toMatchObject({
        committed: true,
        imported: 20,
        unchanged: 980,
        rejected: 0,
        errors: [],
      });
      expect(diff(before, await counts())).toMatchObject({
        weapons: 20,
        ledger_events: 20,
        imports: 1,
        audit_log: 1,
      });
      const added = (await weaponsOf(org)).filter((w) => !known.has(w.id));
      const rowsOfAdded = (
        await db()
          .selectFrom('ledger_events')
          .select('details_json')
          .where(
            'subject_id',
            'in',
            added.map((w) => w.id),
          )
          .execute()
      ).map((e) => (JSON.parse(e.details_json!) as { row: number }).row);
      expect(rowsOfAdded.sort((a, b) => a - b)).toEqual(inventory.errors(currentYear).map((e) => e.row));
      // And once more: nothing left to do.
      const again = await importJson(fixture(correctedName), org);
      expect(again.summary).toMatchObject({ imported: 0, unchanged: 1000, rejected: 0 });
    });
  });

  it('reports registered weapons whose serial differs by a look-alike character as likely duplicates', async () => {
    const org = (await t.org(`Likely duplicates ${engine}`)).id;
    const first = path.join(work, 'first.csv');
    fs.writeFileSync(first, 'Serial No.,Make,Model,Category\r\nAK1079190,Izhmash,AKM,Assault rifles\r\n');
    expectExit((await importJson(first, org)).r, 0);
    const second = path.join(work, 'second.csv');
    fs.writeFileSync(
      second,
      'Serial No.,Make,Model,Category\r\nAK1O79190,Izhmash,AKM,Assault rifles\r\nAKI079I90,IZHMASH,AKM,assault_rifles\r\n',
    );
    const { r, summary } = await importJson(second, org);
    expectExit(r, 0);
    expect(summary.imported).toBe(2);
    const [registered] = await db()
      .selectFrom('weapons')
      .select('id')
      .where('organisation_id', '=', org)
      .where('serial_raw', '=', 'AK1079190')
      .execute();
    expect(summary.duplicates).toEqual([
      {
        row: 2,
        serial: 'AK1O79190',
        message:
          'A registered weapon has a serial that differs only by look-alike characters or make/model spelling.',
        candidates: [{ weaponId: registered!.id, make: 'Izhmash', model: 'AKM', serial: 'AK1079190' }],
      },
      expect.objectContaining({
        row: 3,
        serial: 'AKI079I90',
        message: 'Row 2 has a serial that differs only by look-alike characters or make/model spelling.',
      }),
      expect.objectContaining({
        row: 3,
        candidates: [expect.objectContaining({ weaponId: registered!.id })],
      }),
    ]);
  });

  it('reads columns named by a mapping file (by header and by letter), with defaults and a header row', async () => {
    const org = (await t.org(`Mapped ${engine}`)).id;
    const before = await counts();
    const plain = await importJson(fixture(FILES.customColumns), org);
    expectExit(plain.r, 2);
    expect((JSON.parse(plain.r.stdout) as ErrorDoc).error.message).toMatch(
      /no header row found in the first 25 rows.*mapping file/,
    );

    const { r, summary } = await importJson(
      fixture(FILES.customColumns),
      org,
      '--mapping',
      fixture(FILES.customMapping),
    );
    expectExit(r, 0);
    expect(summary).toMatchObject({ imported: 3, rejected: 0 });
    expect(summary.mapping).toEqual({
      Identifiant: 'serial',
      Fabr: 'make',
      Genre: 'model',
      'Année prod': 'year_of_manufacture',
    });
    const weapons = (await weaponsOf(org)).sort((a, b) => a.serial_raw!.localeCompare(b.serial_raw!));
    expect(
      weapons.map((w) => [
        w.serial_raw,
        w.make,
        w.model,
        w.category,
        w.condition,
        Number(w.year_of_manufacture),
        w.notes,
      ]),
    ).toEqual([
      ['KB-1001', 'Izhmash', 'AKM', 'assault_rifles', 'serviceable', 1971, null],
      ['KB-1002', 'Izhmash', 'AK-74', 'assault_rifles', 'serviceable', 1984, null],
      ['KB-1003', 'Norinco', 'Type 56', 'assault_rifles', 'serviceable', 1979, null],
    ]);
    expect(diff(before, await counts())).toMatchObject({ weapons: 3, imports: 1, audit_log: 1 });

    const wrong = path.join(work, 'wrong.mapping.json');
    fs.writeFileSync(wrong, JSON.stringify({ ...CUSTOM_MAPPING, columns: { Identifiant: 'serial_number' } }));
    const refused = await importJson(fixture(FILES.customColumns), org, '--mapping', wrong);
    expectExit(refused.r, 2);
    expect((JSON.parse(refused.r.stdout) as ErrorDoc).error.message).toMatch(
      /maps Identifiant to unknown fields.*serial, /,
    );
  });

  it('refuses a file without a recognisable header, saying what to do', async () => {
    const org = (await t.org(`No header ${engine}`)).id;
    const before = await counts();
    const r = await cli(['import', 'items', fixture(FILES.noHeader), '--org', org, '--json']);
    expectExit(r, 2);
    const e = (JSON.parse(r.stdout) as ErrorDoc).error;
    expect(e.code).toBe('validation');
    expect(e.message).toBe(
      'no-header.csv: no header row found in the first 25 rows. Name the columns (e.g. "Serial No.", "Make", "Model", "Category") or give a mapping file.',
    );
    expect(diff(before, await counts())).toEqual({});
  });

  it('reads UTF-8 with a byte-order mark, UTF-16LE and Windows-1252 alike', async () => {
    const org = (await t.org(`Encodings ${engine}`)).id;
    const results: Partial<ImportSummary>[] = [];
    for (const name of [FILES.windows1252, FILES.utf8Bom, FILES.utf16le]) {
      const { r, summary } = await importJson(fixture(name), org);
      expectExit(r, 0);
      results.push({ imported: summary.imported, unchanged: summary.unchanged, rejected: summary.rejected });
    }
    // The same three weapons: read identically whatever the encoding, so the 2nd and 3rd change nothing.
    expect(results).toEqual([
      { imported: 3, unchanged: 0, rejected: 0 },
      { imported: 0, unchanged: 3, rejected: 0 },
      { imported: 0, unchanged: 3, rejected: 0 },
    ]);
    const weapons = await weaponsOf(org);
    expect(weapons.map((w) => [w.serial_raw, w.make, w.model]).sort()).toEqual(
      ENCODING_SAMPLE.map((w) => [w.serial, w.make, w.model]).sort(),
    );
    expect(weapons.map((w) => w.country_of_manufacture).sort()).toEqual(['ESP', 'FRA', 'FRA']);
  });

  describe('who may import', () => {
    let org: string;
    let other: string;
    const csv = () => fs.readFileSync(fixture(FILES.utf8Bom));
    beforeAll(async () => {
      org = (await t.org(`Importing ${engine}`)).id;
      other = (await t.org(`Elsewhere ${engine}`)).id;
    });

    it('a registrar of another organisation cannot import into this one, nor learn that it exists', async () => {
      const outsider = await t.user(other, 'registrar');
      const before = await counts();
      const api = await outsider.upload(
        '/api/imports',
        { organisationId: org },
        { name: 'in.csv', content: csv() },
      );
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
      const r = await cli([
        '--as',
        outsider.email,
        'import',
        'items',
        fixture(FILES.utf8Bom),
        '--org',
        org,
        '--json',
      ]);
      expectExit(r, 2);
      expect((JSON.parse(r.stdout) as ErrorDoc).error).toMatchObject({
        code: 'not_found',
        message: 'The organisation was not found.',
      });
      expect(diff(before, await counts())).toEqual({});
    });

    it('a viewer of the organisation is refused; a registrar may', async () => {
      const viewer = await t.user(org, 'viewer');
      const before = await counts();
      const api = await viewer.upload(
        '/api/imports',
        { organisationId: org },
        { name: 'in.csv', content: csv() },
      );
      expect(api.statusCode).toBe(403);
      expect(api.json().error.code).toBe('forbidden');
      const r = await cli([
        '--as',
        viewer.email,
        'import',
        'items',
        fixture(FILES.utf8Bom),
        '--org',
        org,
        '--json',
      ]);
      expectExit(r, 1);
      expect((JSON.parse(r.stdout) as ErrorDoc).error.code).toBe('forbidden');
      expect(diff(before, await counts())).toEqual({});

      const registrar = await t.user(org, 'registrar');
      const ok = await cli([
        '--as',
        registrar.email,
        'import',
        'items',
        fixture(FILES.utf8Bom),
        '--org',
        org,
        '--json',
      ]);
      expectExit(ok, 0);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['actor_label', 'action'])
        .where('action', '=', 'registry.import')
        .where('organisation_id', '=', org)
        .execute();
      expect(audit).toEqual([{ actor_label: registrar.email, action: 'registry.import' }]);
    });
  });
});
