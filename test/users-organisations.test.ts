import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdministrator } from '../src/modules/identity/use-cases/bootstrap-service.ts';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { createUser } from '../src/modules/identity/use-cases/user-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { fromJson } from '../src/platform/db/json.ts';
import type { Role } from '../src/reference/vocab.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/app.ts';
import { ENGINES } from './support/databases.ts';

interface Session {
  email: string;
  userId: string;
  cookie: string;
  call(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

interface Membership {
  organisationId: string;
  organisationName: string;
  role: Role;
}

describe.each(ENGINES)('users, organisations and memberships on %s', (engine) => {
  let t: TestApp;
  let root: Session;
  let counter = 0;

  const db = () => t.db.handle.db;

  async function signIn(email: string, password = TEST_PASSWORD): Promise<Session> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password },
      // One address per sign-in keeps this file clear of the per-address sign-in limit.
      remoteAddress: `10.7.${Math.floor(++counter / 250)}.${counter % 250}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = `materiel_session=${res.cookies.find((c) => c.name === 'materiel_session')!.value}`;
    const { csrfToken, user } = res.json() as { csrfToken: string; user: { id: string } };
    return {
      email,
      userId: user.id,
      cookie,
      call: (method, url, body) =>
        t.app.inject({
          method: method as 'GET',
          url,
          headers: { cookie, 'x-csrf-token': csrfToken },
          ...(body !== undefined && { payload: body as object }),
        }),
    };
  }

  async function org(name: string): Promise<string> {
    return (await createOrganisation(t.db.ctx, SYSTEM_CLI, { name: `${name} ${engine}`, kind: 'customs' }))
      .id;
  }

  /** Adds a person (or a membership for a known e-mail) through the service. */
  async function member(
    orgId: string,
    role: Role,
    email = `person-${++counter}@example.org`,
  ): Promise<string> {
    await createUser(t.db.ctx, SYSTEM_CLI, {
      email,
      name: `Person ${counter}`,
      organisationId: orgId,
      role,
      password: TEST_PASSWORD,
    });
    return email;
  }

  async function auditCount(): Promise<number> {
    const r = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function lastAudit() {
    const row = await db()
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return {
      ...row,
      before: fromJson<Record<string, unknown>>(row.before_json),
      after: fromJson<Record<string, unknown>>(row.after_json),
    };
  }

  /** Runs a request and checks that it wrote nothing to the audit log. */
  async function refused(req: Promise<LightMyRequestResponse>, status: number, code: string) {
    const before = await auditCount();
    const res = await req;
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await auditCount(), 'a refused change must not be audited').toBe(before);
    return res;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const first = await ensureFirstAdministrator(t.db.ctx, 'root@installation.test');
    // As if the administrator had already replaced the one-time password (which otherwise confines the session).
    await t.db.handle.db
      .updateTable('users')
      .set({ must_change_password: 0 })
      .where('email', '=', 'root@installation.test')
      .execute();
    root = await signIn(first!.email, first!.oneTimePassword);
  });
  afterAll(async () => t?.close());

  describe('the last administrator', () => {
    it('cannot be demoted or removed, by themselves or by an installation administrator', async () => {
      const orgId = await org('Lonely');
      const only = await signIn(await member(orgId, 'admin'));
      for (const caller of [only, root]) {
        const demote = await refused(
          caller.call('PUT', `/api/users/${only.userId}/role`, { organisationId: orgId, role: 'viewer' }),
          409,
          'conflict',
        );
        expect(demote.json().error.message).toBe(
          'This is the last administrator of the organisation. Make someone else administrator first.',
        );
        await refused(
          caller.call('DELETE', `/api/users/${only.userId}/memberships/${orgId}`),
          409,
          'conflict',
        );
      }
      const me = await only.call('GET', '/api/session');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.memberships).toEqual([
        expect.objectContaining({ organisationId: orgId, role: 'admin' }),
      ]);

      // With a second administrator the first may step down.
      const second = await signIn(await member(orgId, 'admin'));
      expect(
        (await only.call('PUT', `/api/users/${only.userId}/role`, { organisationId: orgId, role: 'viewer' }))
          .statusCode,
      ).toBe(200);
      // ...and now the second is the last one.
      await refused(
        second.call('DELETE', `/api/users/${second.userId}/memberships/${orgId}`),
        409,
        'conflict',
      );
    });

    it('does not count a disabled administrator', async () => {
      const orgId = await org('Half-disabled');
      const active = await signIn(await member(orgId, 'admin'));
      const dormant = await signIn(await member(orgId, 'admin'));
      expect(
        (await active.call('PATCH', `/api/users/${dormant.userId}`, { disabled: true })).statusCode,
      ).toBe(200);
      await refused(
        active.call('PUT', `/api/users/${active.userId}/role`, { organisationId: orgId, role: 'registrar' }),
        409,
        'conflict',
      );
    });
  });

  describe('a person in two organisations', () => {
    let alpha: string;
    let bravo: string;
    let charlie: string;
    let both: Session;
    let adminAlpha: Session;

    beforeAll(async () => {
      alpha = await org('Alpha');
      bravo = await org('Bravo');
      charlie = await org('Charlie');
      adminAlpha = await signIn(await member(alpha, 'admin'));
      await member(bravo, 'admin');
      const email = await member(alpha, 'viewer');
      await member(bravo, 'investigator', email);
      both = await signIn(email);
    });

    it('sees both memberships and switches only between their own organisations', async () => {
      const info = (await both.call('GET', '/api/session')).json();
      expect((info.user.memberships as Membership[]).map((m) => [m.organisationId, m.role]).sort()).toEqual(
        [
          [alpha, 'viewer'],
          [bravo, 'investigator'],
        ].sort(),
      );
      expect([alpha, bravo]).toContain(info.activeOrganisationId);

      for (const target of [bravo, alpha]) {
        const res = await both.call('POST', '/api/session/organisation', { organisationId: target });
        expect(res.statusCode).toBe(200);
        expect(res.json().activeOrganisationId).toBe(target);
        expect((await both.call('GET', '/api/session')).json().activeOrganisationId).toBe(target);
      }
      for (const elsewhere of [charlie, 'no-such-organisation']) {
        const res = await both.call('POST', '/api/session/organisation', { organisationId: elsewhere });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
      expect((await both.call('GET', '/api/session')).json().activeOrganisationId).toBe(alpha);
    });

    it('an installation administrator switches to any organisation that exists, and gets 404 for one that does not', async () => {
      expect(
        (await root.call('POST', '/api/session/organisation', { organisationId: charlie })).statusCode,
      ).toBe(200);
      const missing = await root.call('POST', '/api/session/organisation', {
        organisationId: 'no-such-organisation',
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('not_found');
    });

    it("shows the other members of Alpha only the person's Alpha membership", async () => {
      const viewer = await signIn(await member(alpha, 'viewer'));
      for (const caller of [adminAlpha, viewer]) {
        const one = (await caller.call('GET', `/api/users/${both.userId}`)).json();
        expect(one.memberships.map((m: Membership) => m.organisationId)).toEqual([alpha]);
        const list = (await caller.call('GET', `/api/users?organisationId=${alpha}`)).json().users as {
          id: string;
          memberships: Membership[];
        }[];
        const listed = list.find((u) => u.id === both.userId)!;
        expect(listed.memberships.map((m) => m.organisationId)).toEqual([alpha]);
        expect(JSON.stringify(list)).not.toContain(bravo);
      }
      // The person and the installation administrator see everything.
      for (const caller of [both, root]) {
        const one = (await caller.call('GET', `/api/users/${both.userId}`)).json();
        expect(one.memberships).toHaveLength(2);
      }
    });

    it("Alpha's administrator cannot disable, reset or mint a token for them, but manages their Alpha membership", async () => {
      await refused(
        adminAlpha.call('PATCH', `/api/users/${both.userId}`, { disabled: true }),
        403,
        'forbidden',
      );
      await refused(
        adminAlpha.call('PATCH', `/api/users/${both.userId}`, { name: 'Renamed' }),
        403,
        'forbidden',
      );
      await refused(adminAlpha.call('POST', `/api/users/${both.userId}/password-reset`), 403, 'forbidden');
      // A token acts with all of the person's rights, in Bravo too: only someone with authority everywhere makes one.
      await refused(
        adminAlpha.call('POST', '/api/tokens', { name: 'backdoor', userId: both.userId }),
        403,
        'forbidden',
      );
      expect((await both.call('GET', '/api/session')).statusCode).toBe(200);

      const role = await adminAlpha.call('PUT', `/api/users/${both.userId}/role`, {
        organisationId: alpha,
        role: 'analyst',
      });
      expect(role.statusCode).toBe(200);
      expect(role.json().memberships).toEqual([
        expect.objectContaining({ organisationId: alpha, role: 'analyst' }),
      ]);
      // Bravo's role is untouched.
      const bravoRole = await db()
        .selectFrom('memberships')
        .select('role')
        .where('user_id', '=', both.userId)
        .where('organisation_id', '=', bravo)
        .executeTakeFirstOrThrow();
      expect(bravoRole.role).toBe('investigator');

      // An administrator of both organisations can do what Alpha's alone could not.
      const adminOfBoth = await member(alpha, 'admin');
      await member(bravo, 'admin', adminOfBoth);
      const boss = await signIn(adminOfBoth);
      expect(
        (await boss.call('POST', '/api/tokens', { name: 'allowed', userId: both.userId })).statusCode,
      ).toBe(201);
      expect((await boss.call('PATCH', `/api/users/${both.userId}`, { disabled: true })).statusCode).toBe(
        200,
      );
    });

    it("an organisation's administrator has no power over an installation administrator who is a member", async () => {
      await member(alpha, 'viewer', root.email);
      await refused(adminAlpha.call('POST', `/api/users/${root.userId}/password-reset`), 403, 'forbidden');
      await refused(
        adminAlpha.call('PATCH', `/api/users/${root.userId}`, { disabled: true }),
        403,
        'forbidden',
      );
      await refused(
        adminAlpha.call('POST', '/api/tokens', { name: 'takeover', userId: root.userId }),
        403,
        'forbidden',
      );
      expect((await root.call('GET', '/api/session')).statusCode).toBe(200);
      // The membership itself is Alpha's to manage.
      expect(
        (await adminAlpha.call('DELETE', `/api/users/${root.userId}/memberships/${alpha}`)).statusCode,
      ).toBe(200);

      // Even when Alpha is the only organisation the installation administrator belongs to.
      const deputy = await signIn(await member(alpha, 'viewer'));
      await db()
        .updateTable('users')
        .set({ is_installation_admin: 1 })
        .where('id', '=', deputy.userId)
        .execute();
      await refused(adminAlpha.call('POST', `/api/users/${deputy.userId}/password-reset`), 403, 'forbidden');
      await refused(
        adminAlpha.call('PATCH', `/api/users/${deputy.userId}`, { disabled: true }),
        403,
        'forbidden',
      );
      await refused(
        adminAlpha.call('POST', '/api/tokens', { name: 'takeover', userId: deputy.userId }),
        403,
        'forbidden',
      );
      expect((await root.call('POST', `/api/users/${deputy.userId}/password-reset`)).statusCode).toBe(200);
    });
  });

  it('a role change signs the person out everywhere and takes effect at once', async () => {
    const orgId = await org('Roles');
    const admin = await signIn(await member(orgId, 'admin'));
    const email = await member(orgId, 'viewer');
    const first = await signIn(email);
    const second = await signIn(email);
    const token = (await first.call('POST', '/api/tokens', { name: 'script' })).json().token as string;
    const auditAsToken = () =>
      t.app.inject({
        method: 'GET',
        url: `/api/audit?organisationId=${orgId}`,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await auditAsToken()).statusCode).toBe(403);

    const res = await admin.call('PUT', `/api/users/${first.userId}/role`, {
      organisationId: orgId,
      role: 'admin',
    });
    expect(res.statusCode).toBe(200);
    for (const s of [first, second]) expect((await s.call('GET', '/api/session')).statusCode).toBe(401);
    expect((await admin.call('GET', '/api/session')).statusCode).toBe(200);
    const again = (await (await signIn(email)).call('GET', '/api/session')).json();
    expect(again.user.memberships).toEqual([
      expect.objectContaining({ organisationId: orgId, role: 'admin' }),
    ]);
    // Tokens carry the person's current role.
    expect((await auditAsToken()).statusCode).toBe(200);
  });

  it('refuses a second organisation with the same name', async () => {
    const name = `Duplicate ${engine}`;
    const created = await root.call('POST', '/api/organisations', { name, kind: 'customs' });
    expect(created.statusCode).toBe(201);
    const dup = await refused(
      root.call('POST', '/api/organisations', { name: `  ${name} `, kind: 'exporter' }),
      409,
      'conflict',
    );
    expect(dup.json().error.message).toBe(
      `An organisation named "${name}" already exists. Choose another name.`,
    );

    const other = await root.call('POST', '/api/organisations', { name: `Other ${engine}`, kind: 'customs' });
    await refused(root.call('PATCH', `/api/organisations/${other.json().id}`, { name }), 409, 'conflict');
    // Keeping one's own name is not a clash.
    expect(
      (await root.call('PATCH', `/api/organisations/${other.json().id}`, { name: `Other ${engine}` }))
        .statusCode,
    ).toBe(200);
  });

  it('adds exactly one audit entry, with before and after, for every change', async () => {
    const steps: {
      label: string;
      run: () => Promise<LightMyRequestResponse>;
      expect: (entry: Awaited<ReturnType<typeof lastAudit>>) => void;
    }[] = [];
    let orgId = '';
    let userId = '';
    let tokenId = '';
    const email = `audited-${engine}@example.org`;
    const home = await org('Audit home');
    const admin = await signIn(await member(home, 'admin'));
    const actor = (e: { actor_label: string; actor_id: string | null }, s: Session) => {
      expect(e.actor_label).toBe(s.email);
      expect(e.actor_id).toBe(s.userId);
    };
    steps.push(
      {
        label: 'organisation.create',
        run: () =>
          root.call('POST', '/api/organisations', {
            name: `Audited ${engine}`,
            kind: 'customs',
            country: 'CAF',
          }),
        expect: (e) => {
          actor(e, root);
          expect(e.after).toMatchObject({ name: `Audited ${engine}`, kind: 'customs', country: 'CAF' });
          expect(e.before).toBeNull();
        },
      },
      {
        label: 'organisation.update',
        run: () => root.call('PATCH', `/api/organisations/${orgId}`, { country: 'TCD' }),
        expect: (e) => {
          expect(e.before).toMatchObject({ country: 'CAF' });
          expect(e.after).toMatchObject({ country: 'TCD' });
        },
      },
      {
        label: 'user.create',
        run: () =>
          root.call('POST', '/api/users', {
            email,
            name: 'Audited Person',
            organisationId: orgId,
            role: 'viewer',
          }),
        expect: (e) => {
          expect(e.organisation_id).toBe(orgId);
          expect(e.after).toEqual({ email, name: 'Audited Person', organisationId: orgId, role: 'viewer' });
        },
      },
      {
        label: 'membership.role',
        run: () => root.call('PUT', `/api/users/${userId}/role`, { organisationId: orgId, role: 'analyst' }),
        expect: (e) => {
          expect(e.before).toEqual({ role: 'viewer' });
          expect(e.after).toEqual({ role: 'analyst' });
        },
      },
      {
        label: 'user.update',
        run: () => root.call('PATCH', `/api/users/${userId}`, { name: 'Audited Renamed' }),
        expect: (e) => {
          expect(e.before).toMatchObject({ name: 'Audited Person' });
          expect(e.after).toMatchObject({ name: 'Audited Renamed' });
        },
      },
      {
        label: 'user.disable',
        run: () => root.call('PATCH', `/api/users/${userId}`, { disabled: true }),
        expect: (e) => {
          expect(e.before).toMatchObject({ disabled: false });
          expect(e.after).toMatchObject({ disabled: true });
        },
      },
      {
        label: 'user.enable',
        run: () => root.call('PATCH', `/api/users/${userId}`, { disabled: false }),
        expect: (e) => {
          expect(e.before).toMatchObject({ disabled: true });
          expect(e.after).toMatchObject({ disabled: false });
        },
      },
      {
        label: 'user.password_reset',
        run: () => root.call('POST', `/api/users/${userId}/password-reset`),
        expect: (e) => expect(e.record_id).toBe(userId),
      },
      {
        label: 'membership.add',
        run: () =>
          admin.call('POST', '/api/users', {
            email,
            name: 'ignored',
            organisationId: home,
            role: 'screener',
          }),
        expect: (e) => {
          actor(e, admin);
          expect(e.after).toMatchObject({ email, role: 'screener' });
        },
      },
      {
        label: 'token.create',
        run: () => root.call('POST', '/api/tokens', { name: 'audited token', userId }),
        expect: (e) => {
          expect(e.after).toMatchObject({ name: 'audited token', userId });
          expect(e.after).not.toHaveProperty('token');
        },
      },
      {
        label: 'token.revoke',
        run: () => root.call('DELETE', `/api/tokens/${tokenId}`),
        expect: (e) => expect(e.record_id).toBe(tokenId),
      },
      {
        label: 'membership.remove',
        run: () => root.call('DELETE', `/api/users/${userId}/memberships/${orgId}`),
        expect: (e) => {
          expect(e.organisation_id).toBe(orgId);
          expect(e.before).toEqual({ role: 'analyst' });
        },
      },
    );
    for (const step of steps) {
      const before = await auditCount();
      const res = await step.run();
      expect(res.statusCode, `${step.label}: ${res.body}`).toBeLessThan(300);
      const body = res.json();
      if (step.label === 'organisation.create') orgId = body.id;
      if (step.label === 'user.create') userId = body.user.id;
      if (step.label === 'token.create') tokenId = body.apiToken.id;
      expect(await auditCount(), step.label).toBe(before + 1);
      const entry = await lastAudit();
      expect(entry.action).toBe(step.label);
      expect(entry.address).toBe('127.0.0.1');
      step.expect(entry);
    }
    const verdict = (await root.call('GET', '/api/audit/verify')).json();
    expect(verdict).toMatchObject({ ok: true, firstBadEntry: null });
  });
});
