import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db/schema.ts';
import { createTestApp, type TestApp, type TestClient } from './support/app.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

/** Designations lists (issue 4): loading versions, differences, the list as it stood on a date, history. */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lists');
const fixture = (name: string) => path.join(FIXTURES, name);
const SHARED_DATA = path.join(ROOT, '..', 'shared', 'data');
const HAS_SHARED = fs.existsSync(path.join(SHARED_DATA, 'un-sc-consolidated'));
if (!HAS_SHARED) {
  console.warn(
    `lists: skipping the tests on the full UN and OFAC lists: ${SHARED_DATA} is absent (it exists only in the workplace).`,
  );
}

const V1 = '2018-10-29T19:09:49.856-04:00';
const V2 = '2020-03-20T19:09:21.822-04:00';

interface LoadResult {
  source: string;
  version: string;
  persons: number;
  entities: number;
  added: string[];
  removed: string[];
  changed: { ref: string; name: string; fields: string[] }[];
  previousVersion: string | null;
  unchanged: boolean;
  versionId: string;
}

interface VersionInfo {
  id: string;
  source: string;
  version: string;
  generatedAt: string;
  fileName: string;
  loadedBy: string;
}

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  added?: unknown[];
  removed?: unknown[];
}

interface SnapshotDiff {
  source: string;
  fromVersion: string;
  toVersion: string;
  added: string[];
  removed: string[];
  changed: { ref: string; name: string; fields: FieldChange[] }[];
  unchanged: number;
}

interface CliError {
  error: { code: string; message: string; issues?: { field: string; message: string }[] };
}

async function countRows(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]!.n);
}

const STORAGE_TABLES = ['list_versions', 'designation_records', 'list_version_members', 'audit_log', 'jobs'];

async function storageCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of STORAGE_TABLES) out[table] = await countRows(db, table);
  return out;
}

describe.each(ENGINES)('designations lists on %s', (engine) => {
  let t: TestApp;
  let viewer: TestClient;
  let orgAdminEmail: string;
  let orgAdmin: TestClient;
  let installationAdmin: TestClient;
  const db = () => t.db.handle.db;
  const cli = (args: string[]) => runCli(t.db.url, args);

  async function versions(): Promise<VersionInfo[]> {
    const r = await cli(['lists', 'versions', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return r.json<{ versions: VersionInfo[] }>().versions;
  }

  async function versionId(source: string, version: string): Promise<string> {
    const v = (await versions()).find((x) => x.source === source && x.version === version);
    if (!v) throw new Error(`no version ${source} ${version}`);
    return v.id;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = await t.org(`Lists Authority ${engine}`);
    viewer = await t.user(org.id, 'viewer');
    orgAdminEmail = `orgadmin-lists-${engine}@example.org`;
    orgAdmin = await t.user(org.id, 'admin', orgAdminEmail);
    const root = await t.user(org.id, 'viewer', `root-lists-${engine}@example.org`);
    await db().updateTable('users').set({ is_installation_admin: 1 }).where('id', '=', root.userId).execute();
    installationAdmin = await t.signIn(root.email);
  });
  afterAll(async () => t?.close());

  it('loads the first version: counts, and no differences since there is nothing to compare with', async () => {
    const r = await cli(['lists', 'load', fixture('un-consolidated-v1.xml'), '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json<LoadResult>()).toMatchObject({
      source: 'un-sc',
      version: V1,
      persons: 13,
      entities: 5,
      added: [],
      removed: [],
      changed: [],
      unchanged: false,
    });
    expect(await countRows(db(), 'list_versions')).toBe(1);
    expect(await countRows(db(), 'designation_records')).toBe(18);
    expect(await countRows(db(), 'list_version_members')).toBe(18);
  });

  it('loads a newer version and prints what was added, removed and changed', async () => {
    const audits = await countRows(db(), 'audit_log');
    const r = await cli(['lists', 'load', fixture('un-consolidated-v2.xml'), '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = r.json<LoadResult>();
    expect(out).toMatchObject({
      source: 'un-sc',
      version: V2,
      persons: 14,
      entities: 4,
      added: ['QDi.419'],
      removed: ['KPe.055'],
      previousVersion: V1,
      unchanged: false,
    });
    expect(out.changed).toHaveLength(1);
    expect(out.changed[0]).toMatchObject({ ref: 'QDi.080', name: 'SAID BAHAJI' });
    expect(out.changed[0]!.fields).toEqual(expect.arrayContaining(['narrative', 'lastUpdated']));
    expect(await countRows(db(), 'list_versions')).toBe(2);
    // Unchanged designations share their stored record: only QDi.419 and the new QDi.080 are new.
    expect(await countRows(db(), 'designation_records')).toBe(20);
    expect(await countRows(db(), 'list_version_members')).toBe(36);
    // One audit entry for the load.
    expect(await countRows(db(), 'audit_log')).toBe(audits + 1);
    const entry = await db()
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('list.load');
  });

  it('loading the same file again changes nothing', async () => {
    const before = await storageCounts(db());
    const r = await cli(['lists', 'load', fixture('un-consolidated-v2.xml'), '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json<LoadResult>()).toMatchObject({
      source: 'un-sc',
      version: V2,
      unchanged: true,
      added: [],
      removed: [],
      changed: [],
    });
    expect(await storageCounts(db())).toEqual(before);
    // The human form says so too.
    const human = await cli(['lists', 'load', fixture('un-consolidated-v2.xml')]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/loaded already: nothing changed/);
    expect(await storageCounts(db())).toEqual(before);
  });

  it('refuses a truncated file with the line and reason, and the version in force stays', async () => {
    const before = await storageCounts(db());
    const r = await cli(['lists', 'load', fixture('un-consolidated-truncated.xml'), '--json']);
    expect(r.code).toBe(2);
    const err = r.json<CliError>().error;
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/line 16/);
    expect(err.message).toMatch(/truncated or malformed\. The version in force is unchanged\.$/);
    expect(err.issues?.[0]?.field).toMatch(/line 16/);
    const human = await cli(['lists', 'load', fixture('un-consolidated-truncated.xml')]);
    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/line 16/);
    expect(await storageCounts(db())).toEqual(before);
    const inForce = await viewer.request('GET', '/api/designations?source=un-sc&limit=500');
    expect(inForce.statusCode, inForce.body).toBe(200);
    const items = inForce.json().items as { ref: string; version: string }[];
    expect(items.length).toBe(18);
    expect(new Set(items.map((i) => i.version))).toEqual(new Set([V2]));
  });

  it('refuses a missing file and a bad --source as usage errors', async () => {
    const missing = await cli(['lists', 'load', fixture('no-such-list.xml'), '--json']);
    expect(missing.code).toBe(2);
    expect(missing.json<CliError>().error.message).toMatch(/does not exist/);
    const source = await cli([
      'lists',
      'load',
      fixture('un-consolidated-v1.xml'),
      '--source',
      'eu',
      '--json',
    ]);
    expect(source.code).toBe(2);
  });

  it('loads the OFAC excerpt, which carries no date, with --version', async () => {
    const without = await cli(['lists', 'load', fixture('ofac-sdn-excerpt.csv'), '--json']);
    expect(without.code).toBe(2);
    expect(without.json<CliError>().error.message).toMatch(/--version/);
    const r = await cli([
      'lists',
      'load',
      fixture('ofac-sdn-excerpt.csv'),
      '--source',
      'ofac-sdn',
      '--version',
      '2024-05-03',
      '--json',
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json<LoadResult>()).toMatchObject({
      source: 'ofac-sdn',
      version: '2024-05-03',
      persons: 13,
      entities: 18,
      unchanged: false,
    });
    const v = await versions();
    expect(v.map((x) => `${x.source} ${x.version}`).sort()).toEqual([
      'ofac-sdn 2024-05-03',
      `un-sc ${V1}`,
      `un-sc ${V2}`,
    ]);
    expect(v.every((x) => x.loadedBy === 'system:cli')).toBe(true);
  });

  it('lists diff gives the changes field by field', async () => {
    const from = await versionId('un-sc', V1);
    const to = await versionId('un-sc', V2);
    const r = await cli(['lists', 'diff', from, to, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const d = r.json<SnapshotDiff>();
    expect(d).toMatchObject({
      source: 'un-sc',
      fromVersion: V1,
      toVersion: V2,
      added: ['QDi.419'],
      removed: ['KPe.055'],
      unchanged: 16,
    });
    expect(d.changed.map((c) => c.ref)).toEqual(['QDi.080']);
    const fields = new Map(d.changed[0]!.fields.map((f) => [f.field, f]));
    expect([...fields.keys()].sort()).toEqual(['lastUpdated', 'narrative']);
    expect(fields.get('lastUpdated')).toMatchObject({ added: ['2019-05-01'], removed: [] });
    expect(String(fields.get('narrative')!.before)).toMatch(/4517705/);
    expect(String(fields.get('narrative')!.before)).not.toMatch(/2253/);
    expect(String(fields.get('narrative')!.after)).toMatch(/resolution 2253 \(2015\)/);

    const human = await cli(['lists', 'diff', from, to]);
    expect(human.stdout).toMatch(/1 added, 1 removed, 1 changed, 16 unchanged/);
    expect(human.stdout).toMatch(/Changed QDi\.080 SAID BAHAJI: lastUpdated, narrative/);

    // Backwards: the same difference mirrored.
    const back = (await cli(['lists', 'diff', to, from, '--json'])).json<SnapshotDiff>();
    expect(back).toMatchObject({ added: ['KPe.055'], removed: ['QDi.419'] });

    // The API gives the same.
    const api = await viewer.request('GET', `/api/lists/diff?from=${from}&to=${to}`);
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json()).toEqual(d);
  });

  it('lists diff refuses unknown versions and versions of different lists', async () => {
    const from = await versionId('un-sc', V1);
    const ofac = await versionId('ofac-sdn', '2024-05-03');
    const unknown = await cli(['lists', 'diff', from, 'no-such-version', '--json']);
    expect(unknown.code).toBe(2);
    const mixed = await cli(['lists', 'diff', from, ofac, '--json']);
    expect(mixed.code).toBe(2);
    expect(mixed.json<CliError>().error.message).toMatch(/same list/);
  });

  it('shows the designations as they stood on a date between two versions', async () => {
    const r = await viewer.request('GET', '/api/designations?asOf=2019-06-01&source=un-sc&limit=500');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { ref: string; name: string; version: string }[];
    const refs = items.map((i) => i.ref);
    expect(refs).toContain('KPe.055');
    expect(refs).not.toContain('QDi.419');
    expect(items).toHaveLength(18);
    expect(items.find((i) => i.ref === 'KPe.055')).toMatchObject({
      name: 'CHANG AN SHIPPING & TECHNOLOGY',
      version: V1,
    });

    // Every list, as it stood then: the OFAC version is from 2024, so it was not in force yet.
    const all = await viewer.request('GET', '/api/designations?asOf=2019-06-01&limit=500');
    expect((all.json().items as { ref: string }[]).map((i) => i.ref).sort()).toEqual([...refs].sort());

    // Today: the newer version.
    const now = await viewer.request('GET', '/api/designations?source=un-sc&limit=500');
    const nowRefs = (now.json().items as { ref: string }[]).map((i) => i.ref);
    expect(nowRefs).toContain('QDi.419');
    expect(nowRefs).not.toContain('KPe.055');

    // On the day the first version was generated (New York evening, next day in UTC), and before any list.
    const sameDay = await viewer.request('GET', '/api/designations?asOf=2018-10-30&source=un-sc');
    expect((sameDay.json().items as { version: string }[])[0]?.version).toBe(V1);
    const before = await viewer.request('GET', '/api/designations?asOf=2018-01-01');
    expect(before.json().items).toEqual([]);

    // Found by name or reference.
    const byName = await viewer.request('GET', '/api/designations?q=bahaji');
    expect((byName.json().items as { ref: string }[]).map((i) => i.ref)).toEqual(['QDi.080']);
    const byRef = await viewer.request('GET', '/api/designations?q=QDi.316');
    expect((byRef.json().items as { ref: string }[]).map((i) => i.ref)).toEqual(['QDi.316']);
  });

  it('lists show prints the designations in force on a date, searchable, on the CLI', async () => {
    const then = await cli([
      'lists',
      'show',
      '--as-of',
      '2019-06-01',
      '--source',
      'un-sc',
      '--limit',
      '500',
      '--json',
    ]);
    expect(then.code, then.stdout + then.stderr).toBe(0);
    const items = then.json<{ items: { ref: string; version: string }[] }>().items;
    expect(items).toHaveLength(18);
    expect(items.map((i) => i.ref)).toContain('KPe.055');
    expect(items.every((i) => i.version === V1)).toBe(true);

    const found = await cli(['lists', 'show', '--search', 'bahaji']);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/QDi\.080/);
    const none = await cli(['lists', 'show', '--as-of', '2018-01-01']);
    expect(none.stdout).toMatch(/No designation in the lists in force on 2018-01-01/);

    const badDate = await cli(['lists', 'show', '--as-of', '29/10/2018', '--json']);
    expect(badDate.code).toBe(2);
    expect(badDate.json<{ error: { message: string } }>().error.message).toMatch(/YYYY-MM-DD/);
    expect((await cli(['lists', 'show', '--limit', '0'])).code).toBe(2);
    expect((await cli(['lists', 'show', '--source', 'eu'])).code).toBe(2);
  });

  it('takes an instant with its offset, and refuses a date that is not a date', async () => {
    // The first version was generated at 19:09:49 New York time (23:09:49 UTC).
    const after = await viewer.request(
      'GET',
      `/api/designations?source=un-sc&asOf=${encodeURIComponent('2018-10-29T20:00:00-04:00')}`,
    );
    expect(after.statusCode, after.body).toBe(200);
    expect((after.json().items as { version: string }[])[0]?.version).toBe(V1);
    const before = await viewer.request(
      'GET',
      `/api/designations?source=un-sc&asOf=${encodeURIComponent('2018-10-29T19:00:00-04:00')}`,
    );
    expect(before.json().items).toEqual([]);
    for (const bad of ['last-tuesday', '2019-13-45', '29/10/2018']) {
      const r = await viewer.request('GET', `/api/designations?asOf=${encodeURIComponent(bad)}`);
      expect(r.statusCode, bad).toBe(400);
    }
  });

  it('shows a designation with its history and the fields that changed', async () => {
    const r = await viewer.request('GET', '/api/designations/un-sc/QDi.080');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as {
      designation: { ref: string; name: string; narrative: string; nationalities: unknown[] };
      listedInCurrentVersion: boolean;
      history: { version: string; changes: FieldChange[] }[];
    };
    expect(body.designation).toMatchObject({ ref: 'QDi.080', name: 'SAID BAHAJI' });
    expect(body.designation.narrative).toMatch(/2253/);
    expect(body.listedInCurrentVersion).toBe(true);
    expect(body.history.map((h) => h.version)).toEqual([V1, V2]);
    expect(body.history[0]!.changes).toEqual([]);
    expect(body.history[1]!.changes.map((c) => c.field).sort()).toEqual(['lastUpdated', 'narrative']);
    const narrative = body.history[1]!.changes.find((c) => c.field === 'narrative')!;
    expect(String(narrative.after)).toMatch(/2253/);

    const unchangedRecord = await viewer.request('GET', '/api/designations/un-sc/QDi.316');
    expect(unchangedRecord.json().history.map((h: { changes: unknown[] }) => h.changes)).toEqual([[], []]);

    const removed = await viewer.request('GET', '/api/designations/un-sc/KPe.055');
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ listedInCurrentVersion: false });
    expect(removed.json().history.map((h: { version: string }) => h.version)).toEqual([V1]);

    const added = await viewer.request('GET', '/api/designations/un-sc/QDi.419');
    expect(added.json()).toMatchObject({ listedInCurrentVersion: true });

    const missing = await viewer.request('GET', '/api/designations/un-sc/XXi.999');
    expect(missing.statusCode).toBe(404);
    const anonymous = await t.anonymous('GET', '/api/designations/un-sc/QDi.080');
    expect(anonymous.statusCode).toBe(401);
  });

  describe('only installation administrators (or the CLI system actor) load lists', () => {
    it('refuses an organisation administrator on the API', async () => {
      const before = await storageCounts(db());
      const r = await orgAdmin.upload(
        '/api/lists',
        {},
        { name: 'un-consolidated-v1.xml', content: fs.readFileSync(fixture('un-consolidated-v1.xml')) },
      );
      expect(r.statusCode, r.body).toBe(403);
      const viewerTry = await viewer.upload(
        '/api/lists',
        {},
        { name: 'un-consolidated-v1.xml', content: fs.readFileSync(fixture('un-consolidated-v1.xml')) },
      );
      expect(viewerTry.statusCode).toBe(403);
      expect(await storageCounts(db())).toEqual(before);
    });

    it('refuses an organisation administrator on the CLI (--as)', async () => {
      const before = await storageCounts(db());
      const r = await cli([
        '--as',
        orgAdminEmail,
        'lists',
        'load',
        fixture('un-consolidated-v1.xml'),
        '--json',
      ]);
      expect(r.code).toBe(1);
      expect(r.json<CliError>().error.code).toBe('forbidden');
      expect(await storageCounts(db())).toEqual(before);
    });

    it('lets an installation administrator upload a list', async () => {
      const before = await storageCounts(db());
      const r = await installationAdmin.upload(
        '/api/lists',
        { source: 'un-sc' },
        { name: 'un-consolidated-v2.xml', content: fs.readFileSync(fixture('un-consolidated-v2.xml')) },
      );
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ source: 'un-sc', version: V2, unchanged: true });
      expect(await storageCounts(db())).toEqual(before);

      const truncated = await installationAdmin.upload(
        '/api/lists',
        {},
        {
          name: 'un-consolidated-truncated.xml',
          content: fs.readFileSync(fixture('un-consolidated-truncated.xml')),
        },
      );
      expect(truncated.statusCode).toBe(400);
      expect(truncated.body).toMatch(/line 16/);
      expect(await storageCounts(db())).toEqual(before);

      const empty = await installationAdmin.upload('/api/lists', {});
      expect(empty.statusCode).toBe(400);

      // The source, when given, is one of the lists the installation knows.
      const unknownSource = await installationAdmin.upload(
        '/api/lists',
        { source: 'eu' },
        { name: 'un-consolidated-v2.xml', content: fs.readFileSync(fixture('un-consolidated-v2.xml')) },
      );
      expect(unknownSource.statusCode, unknownSource.body).toBe(400);
      expect(unknownSource.json().error.message).toMatch(/un-sc or ofac-sdn/);
      expect(await storageCounts(db())).toEqual(before);

      // A file part without a name is still a list (the source is detected from its content).
      const nameless = await installationAdmin.upload(
        '/api/lists',
        {},
        { name: '', content: fs.readFileSync(fixture('un-consolidated-v2.xml')) },
      );
      expect([201, 400]).toContain(nameless.statusCode);
      if (nameless.statusCode === 201)
        expect(nameless.json()).toMatchObject({ version: V2, unchanged: true });
      expect(await storageCounts(db())).toEqual(before);
    });
  });
});

describe.skipIf(!HAS_SHARED).each(ENGINES)('the full UN and OFAC lists on %s', (engine) => {
  let t: TestDatabase;
  const un = (date: string) => path.join(SHARED_DATA, 'un-sc-consolidated', `consolidated-${date}.xml`);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t?.dispose());

  async function load(file: string): Promise<LoadResult> {
    const r = await runCli(t.url, ['lists', 'load', file, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return r.json<LoadResult>();
  }

  it('2018-10-29 to 2020-03-20: exactly 23 added and 102 removed', { timeout: 120_000 }, async () => {
    const first = await load(un('2018-10-29'));
    expect(first).toMatchObject({ persons: 703, entities: 390, added: [], removed: [] });
    const second = await load(un('2020-03-20'));
    expect(second).toMatchObject({ persons: 709, entities: 305, previousVersion: first.version });
    expect(second.added).toHaveLength(23);
    expect(second.removed).toHaveLength(102);
    expect(second.changed.length).toBeGreaterThan(0);
  });

  it('loads the third UN version and the OFAC SDN file', { timeout: 120_000 }, async () => {
    const third = await load(un('2018-08-24'));
    expect(third).toMatchObject({ source: 'un-sc', persons: 701, entities: 397, unchanged: false });
    const ofac = await load(path.join(SHARED_DATA, 'ofac', 'sdn-2024-05-03.csv'));
    expect(ofac).toMatchObject({
      source: 'ofac-sdn',
      version: '2024-05-03',
      persons: 6854,
      entities: 14965 - 6854,
      unchanged: false,
    });
    const versions = await runCli(t.url, ['lists', 'versions', '--json']);
    expect(versions.json<{ versions: unknown[] }>().versions).toHaveLength(4);
  });
});
