import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/app/migrations.ts';
import { login, resolveApiToken } from '../src/modules/identity/use-cases/auth-service.ts';
import { sha256 } from '../src/platform/secrets.ts';
import { ORGANISATION_KINDS } from '../src/reference/vocab.ts';
import { type CliResult, runCli } from './support/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

interface Org {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}
interface UserOut {
  id: string;
  email: string;
  mustChangePassword: boolean;
  memberships: { organisationId: string; role: string }[];
}
interface ErrorOut {
  error: { code: string; message: string; issues?: { field: string; message: string }[] };
}

/** --json prints exactly one JSON document on stdout: parsing the whole of stdout proves it. */
function doc<T = Record<string, unknown>>(r: CliResult): T {
  expect(r.stdout.trim().startsWith('{'), r.stdout).toBe(true);
  return JSON.parse(r.stdout) as T;
}

function expectExit(r: CliResult, code: number) {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
}

describe.each(ENGINES)('materiel CLI on %s', (engine) => {
  let t: TestDatabase;
  const cli = (args: string[], stdin?: string) => runCli(t.url, args, stdin);
  const db = () => t.handle.db;
  let orgId: string;
  let otherOrgId: string;
  const adminEmail = `cli-admin-${engine}@example.org`;
  const viewerEmail = `cli-viewer-${engine}@example.org`;

  async function canSignIn(email: string, password: string): Promise<boolean> {
    try {
      await login(t.ctx, { email, password }, { address: `cli-test-${engine}` });
      return true;
    } catch {
      return false;
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t?.dispose());

  describe('db', () => {
    it('db status lists pending migrations and db migrate applies them, once', async () => {
      const empty = await createTestDatabase(engine, { migrate: false });
      try {
        const all = Object.keys(MIGRATIONS);
        const before = await runCli(empty.url, ['db', 'status', '--json']);
        expectExit(before, 0);
        expect(doc(before)).toMatchObject({ dialect: engine, pending: all });

        const migrated = await runCli(empty.url, ['db', 'migrate', '--json']);
        expectExit(migrated, 0);
        expect(doc(migrated)).toEqual({ dialect: engine, applied: all });
        const again = await runCli(empty.url, ['db', 'migrate', '--json']);
        expect(doc(again)).toEqual({ dialect: engine, applied: [] });

        const after = doc<{ pending: string[]; migrations: { name: string; executedAt: string | null }[] }>(
          await runCli(empty.url, ['db', 'status', '--json']),
        );
        expect(after.pending).toEqual([]);
        expect(after.migrations.map((m) => m.name)).toEqual(all);
        expect(after.migrations.every((m) => m.executedAt !== null)).toBe(true);
      } finally {
        await empty.dispose();
      }
    });
  });

  describe('org', () => {
    it('org add prints the new organisation with its id', async () => {
      const r = await cli([
        'org',
        'add',
        '--name',
        'CLI Customs',
        '--kind',
        'customs',
        '--country',
        'caf',
        '--json',
      ]);
      expectExit(r, 0);
      const org = doc<Org>(r);
      expect(org).toMatchObject({
        name: 'CLI Customs',
        kind: 'customs',
        country: 'CAF',
        confidentiality: 'restricted',
      });
      expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
      orgId = org.id;
      otherOrgId = doc<Org>(
        await cli(['org', 'add', '--name', 'CLI Other', '--kind', 'exporter', '--json']),
      ).id;
    });

    it('org add with a bad kind exits 2 and names the field and the choices', async () => {
      const r = await cli(['org', 'add', '--name', 'Bad Kind', '--kind', 'navy', '--json']);
      expectExit(r, 2);
      const { error } = doc<ErrorOut>(r);
      expect(error.code).toBe('validation');
      expect(error.issues).toEqual([
        { field: 'kind', message: `Use one of: ${ORGANISATION_KINDS.join(', ')}.` },
      ]);
      // Without --json the same problem goes to stderr and stdout stays empty.
      const human = await cli(['org', 'add', '--name', 'Bad Kind', '--kind', 'navy']);
      expectExit(human, 2);
      expect(human.stdout).toBe('');
      expect(human.stderr).toMatch(/kind: Use one of/);
    });

    it('org add refuses a missing option (2) and a duplicate name (1)', async () => {
      const missing = await cli(['org', 'add', '--name', 'No Kind', '--json']);
      expectExit(missing, 2);
      expect(doc<ErrorOut>(missing).error.code).toBe('usage');
      expect(doc<ErrorOut>(missing).error.message).toMatch(/--kind/);
      const dup = await cli(['org', 'add', '--name', 'CLI Customs', '--kind', 'customs', '--json']);
      expectExit(dup, 1);
      expect(doc<ErrorOut>(dup).error.code).toBe('conflict');
      const country = await cli([
        'org',
        'add',
        '--name',
        'Bad Country',
        '--kind',
        'customs',
        '--country',
        'France',
        '--json',
      ]);
      expectExit(country, 2);
      expect(doc<ErrorOut>(country).error.issues![0]!.field).toBe('country');
    });

    it('org list prints every organisation', async () => {
      const r = await cli(['org', 'list', '--json']);
      expectExit(r, 0);
      const names = doc<{ organisations: Org[] }>(r).organisations.map((o) => o.name);
      expect(names).toEqual(expect.arrayContaining(['CLI Customs', 'CLI Other']));
      expect(names).not.toContain('Bad Kind');
    });
  });

  describe('user', () => {
    it('user add generates a one-time password that must be changed', async () => {
      const r = await cli([
        'user',
        'add',
        '--email',
        adminEmail,
        '--name',
        'CLI Admin',
        '--org',
        orgId,
        '--role',
        'admin',
        '--json',
      ]);
      expectExit(r, 0);
      const out = doc<{ user: UserOut; oneTimePassword: string }>(r);
      expect(out.oneTimePassword).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/);
      expect(out.user).toMatchObject({ email: adminEmail, mustChangePassword: true });
      expect(out.user.memberships).toEqual([
        expect.objectContaining({ organisationId: orgId, role: 'admin' }),
      ]);
      expect(await canSignIn(adminEmail, out.oneTimePassword)).toBe(true);
    });

    it('user add --password-stdin takes the password from standard input', async () => {
      const r = await cli(
        [
          'user',
          'add',
          '--email',
          viewerEmail,
          '--name',
          'CLI Viewer',
          '--org',
          orgId,
          '--role',
          'viewer',
          '--password-stdin',
          '--json',
        ],
        'a-password-from-stdin\n',
      );
      expectExit(r, 0);
      const out = doc<{ user: UserOut; oneTimePassword: string | null }>(r);
      expect(out.oneTimePassword).toBeNull();
      expect(out.user.mustChangePassword).toBe(false);
      expect(r.stdout).not.toContain('a-password-from-stdin');
      expect(await canSignIn(viewerEmail, 'a-password-from-stdin')).toBe(true);

      const short = await cli(
        [
          'user',
          'add',
          '--email',
          'short@example.org',
          '--name',
          'S',
          '--org',
          orgId,
          '--role',
          'viewer',
          '--password-stdin',
          '--json',
        ],
        'short\n',
      );
      expectExit(short, 2);
      expect(doc<ErrorOut>(short).error.issues![0]!.field).toBe('password');
    });

    it('user add with a known e-mail in another organisation adds a membership', async () => {
      const r = await cli([
        'user',
        'add',
        '--email',
        viewerEmail.toUpperCase(),
        '--name',
        'Whatever',
        '--org',
        otherOrgId,
        '--role',
        'analyst',
        '--json',
      ]);
      expectExit(r, 0);
      const out = doc<{ user: UserOut; oneTimePassword: string | null }>(r);
      expect(out.oneTimePassword).toBeNull();
      expect(out.user.memberships.map((m) => [m.organisationId, m.role]).sort()).toEqual(
        [
          [orgId, 'viewer'],
          [otherOrgId, 'analyst'],
        ].sort(),
      );
      // The password is unchanged.
      expect(await canSignIn(viewerEmail, 'a-password-from-stdin')).toBe(true);
      const again = await cli([
        'user',
        'add',
        '--email',
        viewerEmail,
        '--name',
        'W',
        '--org',
        otherOrgId,
        '--role',
        'viewer',
        '--json',
      ]);
      expectExit(again, 1);
      expect(doc<ErrorOut>(again).error.code).toBe('conflict');
    });

    it('user add refuses a bad role (2) and an unknown organisation (2)', async () => {
      const role = await cli([
        'user',
        'add',
        '--email',
        'x@example.org',
        '--name',
        'X',
        '--org',
        orgId,
        '--role',
        'general',
        '--json',
      ]);
      expectExit(role, 2);
      expect(doc<ErrorOut>(role).error.issues![0]!.field).toBe('role');
      const org = await cli([
        'user',
        'add',
        '--email',
        'x@example.org',
        '--name',
        'X',
        '--org',
        'no-such-org',
        '--role',
        'viewer',
        '--json',
      ]);
      expectExit(org, 2);
      expect(doc<ErrorOut>(org).error.code).toBe('not_found');
      const count = await db()
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'x@example.org')
        .execute();
      expect(count).toEqual([]);
    });

    it('user list prints people, optionally of one organisation', async () => {
      const all = doc<{ users: UserOut[] }>(await cli(['user', 'list', '--json'])).users.map((u) => u.email);
      expect(all).toEqual(expect.arrayContaining([adminEmail, viewerEmail]));
      const r = await cli(['user', 'list', '--org', otherOrgId, '--json']);
      expectExit(r, 0);
      expect(doc<{ users: UserOut[] }>(r).users.map((u) => u.email)).toEqual([viewerEmail]);
    });

    it('user reset-password issues a new one-time password and ends the old one', async () => {
      const r = await cli(['user', 'reset-password', '--email', viewerEmail, '--json']);
      expectExit(r, 0);
      const out = doc<{ email: string; oneTimePassword: string }>(r);
      expect(out.email).toBe(viewerEmail);
      expect(await canSignIn(viewerEmail, 'a-password-from-stdin')).toBe(false);
      expect(await canSignIn(viewerEmail, out.oneTimePassword)).toBe(true);
      const row = await db()
        .selectFrom('users')
        .select('must_change_password')
        .where('email', '=', viewerEmail)
        .executeTakeFirstOrThrow();
      expect(row.must_change_password).toBe(1);

      const unknown = await cli(['user', 'reset-password', '--email', 'nobody@example.org', '--json']);
      expectExit(unknown, 2);
      expect(doc<ErrorOut>(unknown).error.message).toBe('The user nobody@example.org was not found.');
    });
  });

  describe('token', () => {
    let tokenId: string;
    let secret: string;

    it('token create prints the secret once and stores only its hash', async () => {
      const r = await cli(['token', 'create', '--user', viewerEmail, '--name', 'ERP screening', '--json']);
      expectExit(r, 0);
      const out = doc<{ token: string; id: string; user: string; name: string; expiresAt: string | null }>(r);
      expect(out).toMatchObject({ user: viewerEmail, name: 'ERP screening', expiresAt: null });
      expect(out.token).toMatch(/^mtl_[\w-]{40,}$/);
      expect(r.stdout.split(out.token)).toHaveLength(2);
      ({ id: tokenId, token: secret } = out);
      const row = await db()
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', tokenId)
        .executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(sha256(secret));
      expect(Object.values(row).some((v) => typeof v === 'string' && v.includes(secret.slice(10)))).toBe(
        false,
      );
      expect(row.created_by).toBe('system:cli');
      expect((await resolveApiToken(t.ctx, secret))?.email).toBe(viewerEmail);
    });

    it('token create takes an expiry and refuses a bad one, an unknown user and a missing name', async () => {
      const r = await cli([
        'token',
        'create',
        '--user',
        viewerEmail,
        '--name',
        'dated',
        '--expires',
        '2099-01-31',
        '--json',
      ]);
      expectExit(r, 0);
      expect(doc(r).expiresAt).toBe('2099-01-31T00:00:00.000Z');
      const bad = await cli([
        'token',
        'create',
        '--user',
        viewerEmail,
        '--name',
        'dated',
        '--expires',
        'soon',
        '--json',
      ]);
      expectExit(bad, 2);
      expect(doc<ErrorOut>(bad).error.issues![0]!.field).toBe('expiresAt');
      const unknown = await cli(['token', 'create', '--user', 'nobody@example.org', '--name', 'x', '--json']);
      expectExit(unknown, 2);
      expect(doc<ErrorOut>(unknown).error.code).toBe('not_found');
      expectExit(await cli(['token', 'create', '--user', viewerEmail, '--json']), 2);
    });

    it('token create without --json prints the secret for a person to copy', async () => {
      const r = await cli(['token', 'create', '--user', viewerEmail, '--name', 'human']);
      expectExit(r, 0);
      expect(r.stdout).toMatch(/shown once/);
      expect(r.stdout).toMatch(/mtl_/);
    });

    it('token list shows tokens but never a secret or hash', async () => {
      const r = await cli(['token', 'list', '--json']);
      expectExit(r, 0);
      const tokens = doc<{ tokens: { id: string; userEmail: string; name: string }[] }>(r).tokens;
      expect(tokens.find((tk) => tk.id === tokenId)).toMatchObject({
        userEmail: viewerEmail,
        name: 'ERP screening',
      });
      expect(r.stdout).not.toContain(secret);
      expect(r.stdout).not.toContain(sha256(secret));
      expect(r.stdout).not.toMatch(/token_?hash/i);
    });

    it('token revoke ends the token; an unknown id exits 2', async () => {
      const r = await cli(['token', 'revoke', tokenId, '--json']);
      expectExit(r, 0);
      expect(doc(r)).toEqual({ ok: true, id: tokenId });
      expect(await resolveApiToken(t.ctx, secret)).toBeNull();
      const unknown = await cli(['token', 'revoke', 'no-such-token', '--json']);
      expectExit(unknown, 2);
      expect(doc<ErrorOut>(unknown).error.code).toBe('not_found');
    });
  });

  describe('audit', () => {
    it('audit verify reports an intact chain with the number of entries', async () => {
      const r = await cli(['audit', 'verify', '--json']);
      expectExit(r, 0);
      const rows = await db().selectFrom('audit_log').select('seq').execute();
      expect(doc(r)).toEqual({ ok: true, entries: rows.length, firstBadEntry: null, reason: null });
    });

    it('audit list filters entries and records the CLI as the system actor', async () => {
      const r = await cli(['audit', 'list', '--action', 'organisation.create', '--limit', '1', '--json']);
      expectExit(r, 0);
      const page = doc<{
        total: number;
        entries: { action: string; actorLabel: string; after: { name: string } }[];
      }>(r);
      expect(page.total).toBe(2);
      expect(page.entries).toHaveLength(1);
      expect(page.entries[0]).toMatchObject({ action: 'organisation.create', actorLabel: 'system:cli' });
      const bad = await cli(['audit', 'list', '--limit', 'lots', '--json']);
      expectExit(bad, 2);
      expect(doc<ErrorOut>(bad).error.issues![0]!.field).toBe('limit');
    });
  });

  describe('--as EMAIL', () => {
    it("acts with that user's permissions only", async () => {
      // The viewer's password was reset above; --as needs none, whoever runs the CLI can read the database.
      const orgAdd = await cli([
        '--as',
        viewerEmail,
        'org',
        'add',
        '--name',
        'Sneaky',
        '--kind',
        'other',
        '--json',
      ]);
      expectExit(orgAdd, 1);
      expect(doc<ErrorOut>(orgAdd).error.code).toBe('forbidden');
      const userAdd = await cli([
        '--as',
        viewerEmail,
        'user',
        'add',
        '--email',
        'sneaky@example.org',
        '--name',
        'S',
        '--org',
        orgId,
        '--role',
        'admin',
        '--json',
      ]);
      expectExit(userAdd, 1);
      expect(doc<ErrorOut>(userAdd).error.code).toBe('forbidden');
      const tokenForOther = await cli([
        '--as',
        viewerEmail,
        'token',
        'create',
        '--user',
        adminEmail,
        '--name',
        'steal',
        '--json',
      ]);
      expectExit(tokenForOther, 1);
      expect(
        await db().selectFrom('users').select('id').where('email', '=', 'sneaky@example.org').execute(),
      ).toEqual([]);
      expect(
        await db().selectFrom('organisations').select('id').where('name', '=', 'Sneaky').execute(),
      ).toEqual([]);

      // The viewer sees only their own organisations.
      const list = doc<{ organisations: Org[] }>(await cli(['--as', viewerEmail, 'org', 'list', '--json']));
      expect(list.organisations.map((o) => o.id).sort()).toEqual([orgId, otherOrgId].sort());
    });

    it("lets an organisation's administrator add members, recorded under their name", async () => {
      const r = await cli([
        '--as',
        adminEmail,
        'user',
        'add',
        '--email',
        'added-by-admin@example.org',
        '--name',
        'A',
        '--org',
        orgId,
        '--role',
        'viewer',
        '--json',
      ]);
      expectExit(r, 0);
      const entry = await db()
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ action: 'user.create', actor_label: adminEmail });
      const elsewhere = await cli([
        '--as',
        adminEmail,
        'user',
        'add',
        '--email',
        'x2@example.org',
        '--name',
        'X',
        '--org',
        otherOrgId,
        '--role',
        'viewer',
        '--json',
      ]);
      // Not a member there: the organisation is "not found" (exit 2), its existence not revealed.
      expectExit(elsewhere, 2);
      expect(doc<ErrorOut>(elsewhere).error).toEqual({
        code: 'not_found',
        message: 'The organisation was not found.',
      });
    });

    it('refuses an unknown user with exit 2', async () => {
      const r = await cli(['--as', 'ghost@example.org', 'org', 'list', '--json']);
      expectExit(r, 2);
      expect(doc<ErrorOut>(r).error.message).toBe(
        'No user has the e-mail address ghost@example.org. Check --as.',
      );
    });
  });

  describe('usage errors', () => {
    it('an unknown command exits 2 with one JSON error', async () => {
      const r = await cli(['frobnicate', '--json']);
      expectExit(r, 2);
      expect(doc<ErrorOut>(r).error.code).toBe('usage');
      expect(doc<ErrorOut>(r).error.message).toMatch(/frobnicate/);
      const human = await cli(['frobnicate']);
      expectExit(human, 2);
      expect(human.stderr).toMatch(/unknown command/i);
    });

    it('an unknown command with --help, or an unknown subcommand of a group, exits 2 and names the commands there are', async () => {
      for (const [args, word, parent] of [
        [['recoveries', 'add', '--help'], 'recoveries', 'materiel'],
        [['nosuch'], 'nosuch', 'materiel'],
        [['registry', 'nosuch'], 'registry', 'materiel'],
        [['items', 'nosuch'], 'nosuch', 'materiel items'],
        [['items', 'nosuch', '--help'], 'nosuch', 'materiel items'],
        [['--as', 'someone@example.org', 'org', 'nosuch'], 'nosuch', 'materiel org'],
        [['help', 'nosuch'], 'nosuch', 'materiel'],
      ] as const) {
        const human = await cli([...args]);
        expectExit(human, 2);
        expect(human.stdout, args.join(' ')).toBe('');
        expect(human.stderr).toMatch(`unknown command '${word}' for '${parent}'`);
        expect(human.stderr).not.toMatch(/Usage:/);
        const json = await cli([...args, '--json']);
        expectExit(json, 2);
        expect(doc<ErrorOut>(json).error).toMatchObject({ code: 'usage' });
        expect(doc<ErrorOut>(json).error.message).toMatch(`unknown command '${word}'`);
      }
      const items = await cli(['items', 'nosuch']);
      expect(items.stderr).toMatch(/list, show, add, mark/);
    });

    it('known commands keep their help and their arguments', async () => {
      const help = await cli(['items', 'list', '--help']);
      expectExit(help, 0);
      expect(help.stdout).toMatch(/Usage: materiel items list/);
      const group = await cli(['help', 'items']);
      expectExit(group, 0);
      expect(group.stdout).toMatch(/Usage: materiel items/);
      // "screen" takes a name: a word after it is that name, not a subcommand.
      const screen = await cli(['screen', 'nosuch', '--json']);
      expect(doc<ErrorOut>(screen).error.message).not.toMatch(/unknown command/);
    });

    it('a bad --db URL exits 2 and says which forms work', async () => {
      for (const url of ['mysql://localhost/materiel', 'sqlite:']) {
        const r = await runCli(url, ['org', 'list', '--json']);
        expectExit(r, 2);
        const { error } = doc<ErrorOut>(r);
        expect(error.code).toBe('usage');
        expect(error.message).toMatch(/sqlite:PATH/);
      }
    });
  });

  describe('backup and restore', () => {
    it.runIf(engine === 'sqlite')(
      'backs up a running SQLite database and restores it, keeping the replaced file aside',
      async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-backup-'));
        try {
          const live = `sqlite:${path.join(dir, 'live.db')}`;
          const backupFile = path.join(dir, 'backups', 'monday.db');
          expectExit(
            await runCli(live, ['org', 'add', '--name', 'Before Backup', '--kind', 'customs', '--json']),
            0,
          );

          const b = await runCli(live, ['backup', '--to', backupFile, '--json']);
          expectExit(b, 0);
          const backup = doc<{ ok: boolean; file: string; bytes: number }>(b);
          expect(backup).toMatchObject({ ok: true, file: backupFile });
          expect(backup.bytes).toBe(fs.statSync(backupFile).size);

          expectExit(
            await runCli(live, ['org', 'add', '--name', 'After Backup', '--kind', 'customs', '--json']),
            0,
          );
          const again = await runCli(live, ['backup', '--to', backupFile, '--json']);
          expectExit(again, 2);
          expect(doc<ErrorOut>(again).error.message).toMatch(/never overwrites/);

          const r = await runCli(live, ['restore', '--from', backupFile, '--json']);
          expectExit(r, 0);
          const restored = doc<{ ok: boolean; previousKeptAt: string; database: string }>(r);
          expect(restored.database).toBe(path.join(dir, 'live.db'));
          const names = (url: string) =>
            runCli(url, ['org', 'list', '--json']).then((x) =>
              doc<{ organisations: Org[] }>(x).organisations.map((o) => o.name),
            );
          expect(await names(live)).toEqual(['Before Backup']);
          expect(fs.existsSync(restored.previousKeptAt)).toBe(true);
          expect(await names(`sqlite:${restored.previousKeptAt}`)).toEqual(['After Backup', 'Before Backup']);
          const verdict = await runCli(live, ['audit', 'verify', '--json']);
          expect(doc(verdict)).toMatchObject({ ok: true, entries: 1 });

          const junk = path.join(dir, 'junk.db');
          fs.writeFileSync(junk, 'not a database');
          const bad = await runCli(live, ['restore', '--from', junk, '--json']);
          expectExit(bad, 2);
          expect(doc<ErrorOut>(bad).error.message).toMatch(/not a Materiel SQLite backup/);
          expectExit(await runCli(live, ['restore', '--from', path.join(dir, 'missing.db'), '--json']), 2);
          expect(await names(live)).toEqual(['Before Backup']);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    );

    it.runIf(engine === 'postgres')(
      'refuses backup and restore on PostgreSQL and points to pg_dump',
      async () => {
        const file = path.join(os.tmpdir(), `materiel-pg-backup-${process.pid}.db`);
        for (const args of [
          ['backup', '--to', file],
          ['restore', '--from', file],
        ]) {
          const r = await cli([...args, '--json']);
          expectExit(r, 2);
          expect(doc<ErrorOut>(r).error.message).toMatch(/pg_dump/);
        }
        expect(fs.existsSync(file)).toBe(false);
      },
    );
  });
});
