import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { createUser } from '../src/modules/identity/use-cases/user-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

describe.each(ENGINES)('audit log hash chain on %s', (engine) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t.dispose());

  async function seed(n: number) {
    for (let i = 0; i < n; i++) {
      const org = await createOrganisation(t.ctx, SYSTEM_CLI, {
        name: `Org ${engine} ${Date.now()}-${i}`,
        kind: 'customs',
      });
      await createUser(t.ctx, SYSTEM_CLI, {
        email: `p${Date.now()}-${i}@x.org`,
        name: 'P',
        organisationId: org.id,
        role: 'viewer',
        password: 'long-enough-password',
      });
    }
  }

  async function verify() {
    const r = await runCli(t.url, ['audit', 'verify', '--json']);
    return { code: r.code, ...r.json<{ ok: boolean; entries: number; firstBadEntry: number | null }>() };
  }

  it('verifies an untouched log, and every change adds exactly one entry', async () => {
    await seed(3);
    expect(await verify()).toMatchObject({ code: 0, ok: true, entries: 6, firstBadEntry: null });
  });

  it('detects an edited entry and names it', async () => {
    await sql`update audit_log set actor_label = 'someone-else' where seq = 3`.execute(t.handle.db);
    expect(await verify()).toMatchObject({ code: 1, ok: false, firstBadEntry: 3 });
    // Put it back so the next tamper is tested on its own.
    await sql`update audit_log set actor_label = 'system:cli' where seq = 3`.execute(t.handle.db);
    expect((await verify()).ok).toBe(true);
  });

  it('detects an edited before/after payload', async () => {
    const row = await t.handle.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await t.handle.db
      .updateTable('audit_log')
      .set({ after_json: row.after_json!.replace('viewer', 'admin') })
      .where('seq', '=', 2)
      .execute();
    expect(await verify()).toMatchObject({ ok: false, firstBadEntry: 2 });
    await t.handle.db
      .updateTable('audit_log')
      .set({ after_json: row.after_json })
      .where('seq', '=', 2)
      .execute();
  });

  it('detects a removed entry in the middle', async () => {
    const row = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    await t.handle.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    expect(await verify()).toMatchObject({ ok: false, firstBadEntry: 5 });
    await t.handle.db.insertInto('audit_log').values(row).execute();
    expect((await verify()).ok).toBe(true);
  });

  it('detects the removal of the newest entry', async () => {
    const row = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 6)
      .executeTakeFirstOrThrow();
    await t.handle.db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    expect(await verify()).toMatchObject({ ok: false });
    await t.handle.db.insertInto('audit_log').values(row).execute();
  });

  it('detects reordered entries (two entries swapped)', async () => {
    const a = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const b = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    await t.handle.db.deleteFrom('audit_log').where('seq', 'in', [2, 3]).execute();
    await t.handle.db
      .insertInto('audit_log')
      .values([
        { ...a, seq: 3 },
        { ...b, seq: 2 },
      ])
      .execute();
    expect(await verify()).toMatchObject({ ok: false, firstBadEntry: 2 });
  });

  it('refuses verification to a user who is not an installation administrator', async () => {
    const org = await createOrganisation(t.ctx, SYSTEM_CLI, { name: `Admins ${engine}`, kind: 'customs' });
    await createUser(t.ctx, SYSTEM_CLI, {
      email: `orgadmin-${engine}@x.org`,
      name: 'A',
      organisationId: org.id,
      role: 'admin',
      password: 'long-enough-password',
    });
    const r = await runCli(t.url, ['--as', `orgadmin-${engine}@x.org`, 'audit', 'verify', '--json']);
    expect(r.code).toBe(1);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('forbidden');
  });
});
