import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { createUser } from '../src/modules/identity/use-cases/user-service.ts';
import type { WeaponDetail, WeaponSummary } from '../src/modules/registry/contracts.ts';
import { validateMarkingCode } from '../src/modules/registry/domain/national-marking-code.ts';
import { MATERIEL_CATEGORIES } from '../src/modules/registry/vocab.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import type { Role } from '../src/reference/vocab.ts';
import { TEST_PASSWORD } from './support/app.ts';
import { type CliResult, runCli } from './support/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

/** The registry commands of issue 3: --json prints one document; exit 0 success, 1 failure, 2 bad input. */

interface ErrorOut {
  error: { code: string; message: string; issues?: { field: string; message: string; value?: string }[] };
}

function doc<T = Record<string, unknown>>(r: CliResult): T {
  expect(r.stdout.trim().startsWith('{'), r.stdout).toBe(true);
  return JSON.parse(r.stdout) as T;
}

function expectExit(r: CliResult, code: number) {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
}

const today = () => new Date().toISOString().slice(0, 10);

describe.each(ENGINES)('registry CLI on %s', (engine) => {
  let t: TestDatabase;
  let org: string;
  let other: string;
  let work: string;
  const cli = (args: string[]) => runCli(t.url, args);
  const emails: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    org = (
      await createOrganisation(t.ctx, SYSTEM_CLI, {
        name: `CLI Armoury ${engine}`,
        kind: 'national_authority',
      })
    ).id;
    other = (await createOrganisation(t.ctx, SYSTEM_CLI, { name: `CLI Other ${engine}`, kind: 'customs' }))
      .id;
    for (const role of ['registrar', 'field_officer', 'viewer'] as Role[]) {
      const email = `cli-${role}-${engine}@example.org`;
      await createUser(t.ctx, SYSTEM_CLI, {
        email,
        name: role,
        organisationId: org,
        role,
        password: TEST_PASSWORD,
      });
      emails[role] = email;
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-registry-cli-'));
  });
  afterAll(async () => {
    await t?.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('vocab lists codes with their labels; an unknown list is a usage error', async () => {
    const r = await cli(['vocab', 'categories', '--json']);
    expectExit(r, 0);
    const out = doc<{ name: string; entries: { code: string; label: string; labelFr: string }[] }>(r);
    expect(out.name).toBe('categories');
    expect(out.entries.map((e) => e.code)).toEqual(MATERIEL_CATEGORIES.codes);
    expect(out.entries).toContainEqual({
      code: 'assault_rifles',
      label: 'Assault rifles',
      labelFr: "Fusils d'assaut",
    });
    const events = doc<{ entries: { code: string }[] }>(await cli(['--json', 'vocab', 'event-types']));
    expect(events.entries.map((e) => e.code)).toContain('reported_stolen');
    const bad = await cli(['vocab', 'weapons', '--json']);
    expectExit(bad, 2);
    expect(doc<ErrorOut>(bad).error.message).toMatch(
      /^Unknown vocabulary "weapons"\. Choose one of: categories, /,
    );
  });

  it('sites add and list', async () => {
    const r = await cli([
      'sites',
      'add',
      '--org',
      org,
      '--name',
      'Dépôt central',
      '--country',
      'caf',
      '--json',
    ]);
    expectExit(r, 0);
    expect(doc(r)).toMatchObject({
      organisationId: org,
      name: 'Dépôt central',
      kind: 'depot',
      country: 'CAF',
    });
    const again = await cli(['sites', 'add', '--org', org, '--name', 'Dépôt central', '--json']);
    expectExit(again, 1);
    expect(doc<ErrorOut>(again).error).toEqual({
      code: 'conflict',
      message: 'A site named "Dépôt central" exists already.',
    });
    const list = doc<{ sites: { name: string }[] }>(await cli(['sites', 'list', '--org', org, '--json']));
    expect(list.sites.map((s) => s.name)).toEqual(['Dépôt central']);
    const nowhere = await cli(['sites', 'add', '--org', 'no-such-organisation', '--name', 'X', '--json']);
    expectExit(nowhere, 2);
    expect(doc<ErrorOut>(nowhere).error).toEqual({
      code: 'not_found',
      message: 'The organisation was not found.',
    });
  });

  describe('items', () => {
    let akm: WeaponDetail;

    it('items add registers a weapon from options, the category given by its label', async () => {
      const r = await cli([
        'items',
        'add',
        '--org',
        org,
        '--category',
        "Fusils d'assaut",
        '--make',
        'Izhmash',
        '--model',
        'AKM',
        '--calibre',
        '7,62 x 39',
        '--serial',
        'АК 0012',
        '--country',
        'SUN',
        '--year',
        '1971',
        '--marking',
        'Ижмаш',
        'مصنع ٥٤',
        '--json',
      ]);
      expectExit(r, 0);
      akm = doc<WeaponDetail>(r);
      expect(akm).toMatchObject({
        category: 'assault_rifles',
        calibre: '7.62x39mm',
        serial: 'АК 0012',
        serialNormalised: 'AK0012',
        yearOfManufacture: 1971,
        status: 'in_stock',
      });
      expect(akm.markings.map((m) => m.text)).toEqual(['Ижмаш', 'مصنع ٥٤']);

      const file = path.join(work, 'pistol.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          category: 'Pistolet',
          make: 'Tula',
          model: 'TT-33',
          serial: 'TT-1001',
          markings: [{ kind: 'proof_mark', text: 'ТОЗ', script: 'cyrillic', position: 'frame_left' }],
        }),
      );
      const fromFile = await cli(['items', 'add', '--org', org, '--file', file, '--json']);
      expectExit(fromFile, 0);
      expect(doc<WeaponDetail>(fromFile)).toMatchObject({ category: 'revolvers_pistols', serial: 'TT-1001' });
    });

    it('items add refuses bad input (exit 2), a duplicate (exit 1) and a role without the right (exit 1)', async () => {
      const bad = await cli([
        'items',
        'add',
        '--org',
        org,
        '--category',
        'Slingshot',
        '--serial',
        'X-1',
        '--json',
      ]);
      expectExit(bad, 2);
      expect(doc<ErrorOut>(bad).error.issues).toEqual([
        {
          field: 'category',
          value: 'Slingshot',
          message:
            '"Slingshot" is not a known category. Use a code or label from "materiel vocab categories".',
        },
      ]);
      const twice = await cli([
        'items',
        'add',
        '--org',
        org,
        '--category',
        'assault_rifles',
        '--make',
        'IZHMASH',
        '--model',
        'akm',
        '--serial',
        'ak-0012',
        '--json',
      ]);
      expectExit(twice, 1);
      expect(doc<ErrorOut>(twice).error).toEqual({
        code: 'conflict',
        message: `This weapon is already registered (id ${akm.id}). Record an event on it instead.`,
      });
      const viewer = await cli([
        '--as',
        emails.viewer!,
        'items',
        'add',
        '--org',
        org,
        '--category',
        'rifle',
        '--serial',
        'V-1',
        '--json',
      ]);
      expectExit(viewer, 1);
      expect(doc<ErrorOut>(viewer).error.code).toBe('forbidden');
      const missing = await cli(['items', 'add', '--category', 'rifle', '--json']);
      expectExit(missing, 2);
      expect(doc<ErrorOut>(missing).error).toMatchObject({ code: 'usage' });
      expect(missing.stdout.trim().split('\n')).toHaveLength(1);
    });

    it('items list prints {"total","items"}, with filters and the category by code or label', async () => {
      const all = await cli(['items', 'list', '--org', org, '--json']);
      expectExit(all, 0);
      const page = doc<{ total: number; items: WeaponSummary[] }>(all);
      expect(Object.keys(page).sort()).toEqual(['items', 'total']);
      expect(page.total).toBe(2);
      const byLabel = doc<{ total: number; items: WeaponSummary[] }>(
        await cli([
          'items',
          'list',
          '--org',
          org,
          '--category',
          'Revolvers and self-loading pistols',
          '--json',
        ]),
      );
      const byCode = doc<{ total: number; items: WeaponSummary[] }>(
        await cli(['items', 'list', '--org', org, '--category', 'revolvers_pistols', '--json']),
      );
      expect(byLabel).toEqual(byCode);
      expect(byLabel.items.map((w) => w.serial)).toEqual(['TT-1001']);
      const partial = doc<{ total: number; items: WeaponSummary[] }>(
        await cli(['items', 'list', '--org', org, '--q', 'AK00?2', '--json']),
      );
      expect(partial.items.map((w) => w.id)).toEqual([akm.id]);
      const paged = doc<{ total: number; items: WeaponSummary[] }>(
        await cli([
          'items',
          'list',
          '--org',
          org,
          '--limit',
          '1',
          '--offset',
          '1',
          '--sort',
          'serial',
          '--direction',
          'asc',
          '--json',
        ]),
      );
      expect(paged.total).toBe(2);
      expect(paged.items.map((w) => w.serial)).toEqual(['TT-1001']);
      const unknown = await cli(['items', 'list', '--org', org, '--category', 'Slingshot', '--json']);
      expectExit(unknown, 2);
      const outsider = await cli(['items', 'list', '--org', 'no-such-organisation', '--json']);
      expectExit(outsider, 2);
    });

    it('items show prints the weapon with its markings and ledger; an unknown id is bad input', async () => {
      const r = await cli(['items', 'show', akm.id, '--json']);
      expectExit(r, 0);
      const w = doc<WeaponDetail>(r);
      expect(w.id).toBe(akm.id);
      expect(w.events.map((e) => e.type)).toEqual(['registered']);
      const human = await cli(['items', 'show', akm.id]);
      expectExit(human, 0);
      expect(human.stdout).toContain('Ижмаш');
      const none = await cli(['items', 'show', 'no-such-weapon', '--json']);
      expectExit(none, 2);
      expect(doc<ErrorOut>(none).error).toEqual({ code: 'not_found', message: 'The weapon was not found.' });
    });

    it('events add records ledger events by code or label; impossible events and missing reasons are bad input', async () => {
      const issued = await cli([
        'events',
        'add',
        akm.id,
        '--type',
        'Distribué',
        '--counterpart',
        '3rd Battalion',
        '--document',
        'licence:LIC-2024-17',
        '--json',
      ]);
      expectExit(issued, 0);
      const out = doc<{ weapon: WeaponDetail; event: WeaponDetail['events'][number] }>(issued);
      expect(out.weapon.status).toBe('issued');
      expect(out.event).toMatchObject({
        type: 'issued',
        occurredOn: today(),
        counterpart: '3rd Battalion',
        documents: [{ kind: 'licence', reference: 'LIC-2024-17' }],
      });
      const again = await cli(['events', 'add', akm.id, '--type', 'issued', '--json']);
      expectExit(again, 2);
      expect(doc<ErrorOut>(again).error.message).toContain('is not possible: the item is issued since event');
      const noReason = await cli([
        'events',
        'add',
        akm.id,
        '--type',
        'corrected',
        '--corrects',
        out.event.id,
        '--json',
      ]);
      expectExit(noReason, 2);
      const corrected = await cli([
        'events',
        'add',
        akm.id,
        '--type',
        'correction',
        '--corrects',
        out.event.id,
        '--reason',
        'Issued to the wrong unit.',
        '--json',
      ]);
      expectExit(corrected, 0);
      expect(doc<{ weapon: WeaponDetail }>(corrected).weapon.status).toBe('in_stock');
      const badType = await cli(['events', 'add', akm.id, '--type', 'exploded', '--json']);
      expectExit(badType, 2);
      expect(doc<ErrorOut>(badType).error.message).toContain('materiel vocab event-types');
    });

    it('a field officer may record a seizure but not an issue (--as)', async () => {
      const w = doc<WeaponDetail>(
        await cli([
          'items',
          'add',
          '--org',
          org,
          '--category',
          'rifle',
          '--make',
          'Mosin',
          '--serial',
          'MN-1',
          '--json',
        ]),
      );
      expectExit(await cli(['events', 'add', w.id, '--type', 'stolen', '--json']), 0);
      const seized = await cli([
        '--as',
        emails.field_officer!,
        'events',
        'add',
        w.id,
        '--type',
        'seized',
        '--place',
        'Bria',
        '--json',
      ]);
      expectExit(seized, 0);
      expect(doc<{ weapon: WeaponDetail }>(seized).weapon.status).toBe('seized');
      const issue = await cli([
        '--as',
        emails.field_officer!,
        'events',
        'add',
        w.id,
        '--type',
        'received',
        '--json',
      ]);
      expectExit(issue, 1);
      expect(doc<ErrorOut>(issue).error.code).toBe('forbidden');
    });

    it('items mark issues national marking codes, printable for labels', async () => {
      const ids: string[] = [];
      for (const n of [1, 2]) {
        const r = await cli([
          'items',
          'add',
          '--org',
          org,
          '--category',
          'Rifles and carbines',
          '--registration',
          `DDR-${n}`,
          '--json',
        ]);
        expectExit(r, 0);
        ids.push(doc<WeaponDetail>(r).id);
      }
      const r = await cli(['items', 'mark', ...ids, '--country', 'CAF', '--year', '2025', '--json']);
      expectExit(r, 0);
      const { issued } = doc<{ issued: { weaponId: string; code: string }[] }>(r);
      expect(issued.map((i) => i.weaponId)).toEqual(ids);
      expect(new Set(issued.map((i) => i.code)).size).toBe(2);
      for (const { code } of issued) expect(validateMarkingCode(code)).toEqual({ ok: true });
      const twice = await cli(['items', 'mark', ids[0]!, '--country', 'CAF', '--json']);
      expectExit(twice, 2);
      expect(doc<ErrorOut>(twice).error.message).toContain('already carries the national marking code');
      const third = doc<WeaponDetail>(
        await cli(['items', 'add', '--org', org, '--category', 'rifle', '--registration', 'DDR-3', '--json']),
      );
      const noCountry = await cli(['items', 'mark', third.id, '--json']);
      expectExit(noCountry, 2);
      expect(doc<ErrorOut>(noCountry).error.message).toBe(
        "The organisation has no country: give the country of the code (ISO3), or set the organisation's country.",
      );
      expectExit(await cli(['items', 'mark', 'no-such-weapon', '--country', 'CAF', '--json']), 2);
    });
  });

  it('import items takes a category label as a mapping default; export items writes every weapon', async () => {
    const target = (
      await createOrganisation(t.ctx, SYSTEM_CLI, { name: `CLI Import ${engine}`, kind: 'customs' })
    ).id;
    const file = path.join(work, 'list.csv');
    fs.writeFileSync(file, 'Serial No.;Make;Model\r\n1001;Izhmash;AKM\r\n1002;Izhmash;AKM\r\n');
    const mapping = path.join(work, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ defaults: { category: 'Fusils d’assaut' } }));
    const r = await cli(['import', 'items', file, '--org', target, '--mapping', mapping, '--json']);
    expectExit(r, 0);
    expect(doc(r)).toMatchObject({ imported: 2, unchanged: 0, rejected: 0, errors: [], duplicates: [] });
    const listed = doc<{ items: WeaponSummary[] }>(await cli(['items', 'list', '--org', target, '--json']));
    expect(listed.items.map((w) => w.category)).toEqual(['assault_rifles', 'assault_rifles']);

    const noSuchFile = await cli([
      'import',
      'items',
      path.join(work, 'absent.csv'),
      '--org',
      target,
      '--json',
    ]);
    expectExit(noSuchFile, 2);
    const wrongType = path.join(work, 'list.pdf');
    fs.writeFileSync(wrongType, '%PDF-1.4');
    expectExit(await cli(['import', 'items', wrongType, '--org', target, '--json']), 2);
    expectExit(await cli(['import', 'items', file, '--org', other, '--as', emails.registrar!, '--json']), 2);
    const level = await cli([
      'import',
      'items',
      file,
      '--org',
      target,
      '--confidentiality',
      'secret',
      '--json',
    ]);
    expectExit(level, 2);
    expect(doc<ErrorOut>(level).error.message).toBe(
      '"secret" is not a confidentiality level. Use one of: public, restricted, confidential, strictly_confidential.',
    );

    const out = path.join(work, 'export.csv');
    const exported = await cli(['export', 'items', '--org', org, '--format', 'csv', '--out', out, '--json']);
    expectExit(exported, 0);
    const { rows } = doc<{ rows: number; file: string }>(exported);
    const total = doc<{ total: number }>(await cli(['items', 'list', '--org', org, '--json'])).total;
    expect(rows).toBe(total);
    expect(parse(fs.readFileSync(out), { bom: true })).toHaveLength(total + 1);
    const badFormat = await cli(['export', 'items', '--org', org, '--format', 'pdf', '--out', out, '--json']);
    expectExit(badFormat, 2);
    expect(doc<ErrorOut>(badFormat).error.message).toBe('--format must be one of csv, xlsx, json.');
  });

  it('import items --registered-on dates the registration events; a bad or future date writes nothing', async () => {
    const target = (
      await createOrganisation(t.ctx, SYSTEM_CLI, { name: `CLI Dated ${engine}`, kind: 'national_authority' })
    ).id;
    const file = path.join(work, 'dated.csv');
    fs.writeFileSync(file, 'Category,Serial No.,Make,Model\nPistols,P-77,Tokarev,TT-33\n');
    for (const [date, message] of [
      ['2025-02-30', '"2025-02-30" is not a date: give the registration date as YYYY-MM-DD.'],
      ['01/03/2025', '"01/03/2025" is not a date: give the registration date as YYYY-MM-DD.'],
      ['2999-01-01', 'The registration date 2999-01-01 is in the future.'],
    ] as const) {
      const refused = await cli([
        'import',
        'items',
        file,
        '--org',
        target,
        '--registered-on',
        date,
        '--json',
      ]);
      expectExit(refused, 2);
      expect(doc<ErrorOut>(refused).error.message).toBe(message);
    }
    expect(doc<{ total: number }>(await cli(['items', 'list', '--org', target, '--json'])).total).toBe(0);

    const r = await cli([
      'import',
      'items',
      file,
      '--org',
      target,
      '--registered-on',
      '2025-03-01',
      '--json',
    ]);
    expectExit(r, 0);
    const [weapon] = doc<{ items: WeaponSummary[] }>(
      await cli(['items', 'list', '--org', target, '--json']),
    ).items;
    const shown = doc<{ events: { type: string; occurredOn: string }[] }>(
      await cli(['items', 'show', weapon!.id, '--json']),
    );
    expect(shown.events.map((e) => [e.type, e.occurredOn])).toEqual([['registered', '2025-03-01']]);
  });
});
