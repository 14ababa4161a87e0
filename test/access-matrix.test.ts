import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTABLE_KINDS } from '../src/app/modules.ts';
import { login } from '../src/modules/identity/use-cases/auth-service.ts';
import {
  ensureFirstAdministrator,
  FIRST_ORGANISATION_NAME,
} from '../src/modules/identity/use-cases/bootstrap-service.ts';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { createApiToken } from '../src/modules/identity/use-cases/token-service.ts';
import { createUser } from '../src/modules/identity/use-cases/user-service.ts';
import { findImport } from '../src/modules/registry/repository/import-repository.ts';
import { attachToWeapon } from '../src/modules/registry/use-cases/attachment-service.ts';
import { startImport, uploadImportFile } from '../src/modules/registry/use-cases/import-runner.ts';
import { recordLotEvent, registerLot } from '../src/modules/registry/use-cases/lot-service.ts';
import { recordWeaponEvent, registerWeapon } from '../src/modules/registry/use-cases/weapon-service.ts';
import { recordHits } from '../src/modules/screening/use-cases/hit-service.ts';
import { loadList } from '../src/modules/screening/use-cases/list-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { grantRecords } from '../src/platform/access/grants/grant-service.ts';
import { ROLE_CLEARANCE } from '../src/platform/access/permissions.ts';
import { sha256 } from '../src/platform/secrets.ts';
import { confidentialityRank, ROLES, type Role } from '../src/reference/vocab.ts';
import { createTestApp, multipartBody, TEST_PASSWORD, type TestApp } from './support/app.ts';
import { ENGINES } from './support/databases.ts';

/**
 * The access matrix (issue 2, "Security and reliability from the start"): every API route is called
 * with no credentials, by an administrator of another organisation, by each role of the owning
 * organisation and by an installation administrator, over the session cookie and over a Bearer
 * token, and exactly the allowed callers succeed. A route without a row here fails the test.
 *
 * Who may do what comes from the roles (src/policies/permissions.ts): `admin` manages its
 * organisation's members, their tokens and reads its audit log; every role reads the organisation
 * and its members; only installation administrators add organisations and verify the whole audit
 * chain; every signed-in user manages their own sessions and tokens. Whoever cannot see organisation
 * A gets 404 for anything naming A's records, so their existence is not revealed (docs/roles.md);
 * a member of A lacking the right gets 403.
 */

type Who = Role | 'outsider' | 'installationAdmin';
/** Each role of organisation A, an administrator of organisation B (the strongest outsider), and an installation administrator. */
const CALLERS: Who[] = [...ROLES, 'outsider', 'installationAdmin'];
type Transport = 'cookie' | 'bearer';

interface Caller {
  who: Who;
  userId: string;
  email: string;
  sessionId: string;
  sessionToken: string;
  csrf: string;
  apiToken: string;
}

interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** JSON, or the bytes of a multipart body (with its content-type in `headers`). */
  body?: unknown;
  headers?: Record<string, string>;
}

interface Case {
  /** "METHOD /openapi/{path}": must match the OpenAPI document. */
  route: string;
  variant?: string;
  /** Roles of the owning organisation (A) that succeed. */
  allowed: readonly Role[] | 'all';
  /** What an administrator of organisation B gets: success on routes about oneself, else the exact refusal. */
  outsider: 'success' | 403 | 404;
  /** Status for roles of A outside `allowed`. */
  denied?: 403 | 404;
  /** Per-role exceptions to `denied` (e.g. 404 for a role that may not even read the record). */
  deniedFor?: Partial<Record<Role, 403 | 404>>;
  success?: 200 | 201 | 202;
  /** Routes about the browser session: a Bearer token gets 401. */
  sessionOnly?: boolean;
  /** Which identity makes the call: the shared one, a fresh session of it, or a fresh user with the same standing. */
  caller?: 'shared' | 'freshSession' | 'freshUser';
  /** Successful state changes add exactly one audit entry unless this is false. */
  audited?: boolean;
  prepare(c: Caller): Promise<Request>;
  /** Extra checks on a successful answer. */
  verify?(res: LightMyRequestResponse, c: Caller): Promise<void> | void;
}

/** Routes that answer without credentials on purpose. */
const PUBLIC_ROUTES = ['POST /api/session', 'GET /api/vocab'];

describe.each(ENGINES)('access matrix on %s', (engine) => {
  let t: TestApp;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let orgInstallation: string;
  const shared = new Map<Who, Caller>();
  /** A plain member of A that routes about "another member" target when they do not change it. */
  let member: Caller;
  /** Identifiers and names that belong to organisation A: none may appear in an answer to an outsider. */
  const secretsOfA = new Set<string>();
  let counter = 0;

  const db = () => t.db.handle.db;

  async function openSession(email: string, password = TEST_PASSWORD) {
    const s = await login(t.db.ctx, { email, password }, { address: '192.0.2.10' });
    const row = await db()
      .selectFrom('sessions')
      .select('id')
      .where('token_hash', '=', sha256(s.sessionToken))
      .executeTakeFirstOrThrow();
    return { sessionId: row.id, sessionToken: s.sessionToken, csrf: s.info.csrfToken };
  }

  async function tokenFor(userId: string): Promise<{ id: string; token: string }> {
    const created = await createApiToken(t.db.ctx, SYSTEM_CLI, { name: `matrix ${++counter}`, userId });
    if (secretsOfA.has(userId)) secretsOfA.add(created.apiToken.id);
    return { id: created.apiToken.id, token: created.token };
  }

  /** A new person of organisation A (not signed in). */
  async function newMemberOfA(role: Role = 'viewer'): Promise<{ id: string; email: string }> {
    const email = `a-${role}-${++counter}@alpha.test`;
    const { user } = await createUser(t.db.ctx, SYSTEM_CLI, {
      email,
      name: `Alpha ${role} ${counter}`,
      organisationId: orgA.id,
      role,
      password: TEST_PASSWORD,
    });
    secretsOfA.add(user.id).add(email);
    return { id: user.id, email };
  }

  /** A new signed-in caller with the given standing, and an API token. */
  async function newCaller(who: Who): Promise<Caller> {
    let user: { id: string; email: string };
    if (who === 'outsider' || who === 'installationAdmin') {
      const email = `${who.toLowerCase()}-${++counter}@elsewhere.test`;
      const created = await createUser(t.db.ctx, SYSTEM_CLI, {
        email,
        name: `${who} ${counter}`,
        organisationId: who === 'outsider' ? orgB.id : orgInstallation,
        role: who === 'outsider' ? 'admin' : 'viewer',
        password: TEST_PASSWORD,
      });
      user = { id: created.user.id, email };
      if (who === 'installationAdmin')
        await db().updateTable('users').set({ is_installation_admin: 1 }).where('id', '=', user.id).execute();
    } else {
      user = await newMemberOfA(who);
    }
    const session = await openSession(user.email);
    return { who, userId: user.id, email: user.email, ...session, apiToken: (await tokenFor(user.id)).token };
  }

  async function callerFor(c: Case, who: Who): Promise<Caller> {
    const base = shared.get(who)!;
    if (c.caller === 'freshUser') return newCaller(who);
    if (c.caller === 'freshSession') {
      const password = who === 'installationAdmin' ? installationPassword : TEST_PASSWORD;
      return { ...base, ...(await openSession(base.email, password)) };
    }
    return base;
  }

  function send(
    req: Request,
    credentials: { caller: Caller; transport: Transport } | Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    let headers: Record<string, string>;
    if ('caller' in credentials) {
      const { caller, transport } = credentials as { caller: Caller; transport: Transport };
      headers =
        transport === 'cookie'
          ? { cookie: `materiel_session=${caller.sessionToken}`, 'x-csrf-token': caller.csrf }
          : { authorization: `Bearer ${caller.apiToken}` };
    } else {
      headers = credentials as Record<string, string>;
    }
    return t.app.inject({
      method: req.method,
      url: req.url,
      headers: { ...req.headers, ...headers },
      ...(req.body !== undefined && { payload: req.body as object | Buffer }),
    });
  }

  async function auditCount(): Promise<number> {
    const r = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  let installationPassword: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const first = await ensureFirstAdministrator(t.db.ctx, 'root@installation.test');
    installationPassword = first!.oneTimePassword;
    // As if the administrator had already replaced the one-time password (which otherwise confines the session).
    await t.db.handle.db
      .updateTable('users')
      .set({ must_change_password: 0 })
      .where('email', '=', 'root@installation.test')
      .execute();
    orgInstallation = (
      await db()
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', FIRST_ORGANISATION_NAME)
        .executeTakeFirstOrThrow()
    ).id;
    orgA = await createOrganisation(t.db.ctx, SYSTEM_CLI, {
      name: `Alpha Customs ${engine}`,
      kind: 'customs',
    });
    orgB = await createOrganisation(t.db.ctx, SYSTEM_CLI, {
      name: `Bravo Authority ${engine}`,
      kind: 'national_authority',
    });
    secretsOfA.add(orgA.id).add(orgA.name);
    for (const role of ROLES) shared.set(role, await newCaller(role));
    shared.set('outsider', await newCaller('outsider'));
    const rootId = (
      await db()
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'root@installation.test')
        .executeTakeFirstOrThrow()
    ).id;
    shared.set('installationAdmin', {
      who: 'installationAdmin',
      userId: rootId,
      email: 'root@installation.test',
      ...(await openSession('root@installation.test', installationPassword)),
      apiToken: (await tokenFor(rootId)).token,
    });
    const m = await newMemberOfA('viewer');
    member = { who: 'viewer', userId: m.id, email: m.email, ...(await openSession(m.email)), apiToken: '' };
    member.apiToken = (await tokenFor(m.id)).token;
    await prepareRegistry();
  });
  afterAll(async () => t?.close());

  const ADMIN_ONLY: Role[] = ['admin'];
  /** registry.read: every role but the screener. */
  const REGISTRY_READ: Role[] = ['admin', 'registrar', 'field_officer', 'investigator', 'analyst', 'viewer'];
  /** registry.write. */
  const REGISTRY_WRITE: Role[] = ['admin', 'registrar'];
  /** Recovery events (seized, found, surrendered, collected, recovered, inspected) and photographs: recovery.write too. */
  const RECOVERY: Role[] = ['admin', 'registrar', 'field_officer', 'investigator'];
  /** A screener may not even read the registry: records named by id are "not found" to them. */
  const SCREENER_404 = { screener: 404 } as const;
  /** Sharing A's records with another organisation (records.share). */
  const SHARE: Role[] = ['admin', 'registrar', 'investigator'];
  const today = () => new Date().toISOString().slice(0, 10);

  /** A weapon of A, registered by the system; its id is a secret of A unless it is echoed back on purpose. */
  async function weaponOfA(
    options: { secret?: boolean; confidentiality?: 'restricted' | 'confidential' } = {},
  ) {
    const w = await registerWeapon(t.db.ctx, SYSTEM_CLI, {
      organisationId: orgA.id,
      category: 'assault_rifles',
      make: 'Matrix',
      model: 'M1',
      serial: `MX-${++counter}`,
      confidentiality: options.confidentiality ?? 'restricted',
    });
    if (options.secret !== false) secretsOfA.add(w.id);
    return w.id;
  }

  async function lotOfA(quantity = 1000) {
    const lot = await registerLot(t.db.ctx, SYSTEM_CLI, {
      organisationId: orgA.id,
      category: 'small_arms_ammunition',
      lotNumber: `LOT-${++counter}`,
      quantity,
    });
    secretsOfA.add(lot.id);
    return lot.id;
  }

  const inventoryCsv = () =>
    Buffer.from(`Serial No.,Make,Model,Category\r\nINV-${++counter},Izhmash,AKM,Assault rifles\r\n`);

  /** An inventory uploaded to A through the web flow, not yet run. */
  async function uploadOfA(csv = inventoryCsv()) {
    const { importId } = await uploadImportFile(t.db.ctx, SYSTEM_CLI, {
      organisationId: orgA.id,
      fileName: 'matrix.csv',
      bytes: csv,
    });
    secretsOfA.add(importId);
    return importId;
  }

  async function importFinished(importId: string) {
    for (let i = 0; i < 400; i++) {
      const row = await findImport(db(), importId);
      if (row?.status !== 'running') return row;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`import ${importId} is still running`);
  }

  let jpeg: Buffer;
  let attachmentOfA: string;
  let confidentialWeaponOfA: string;
  let importWithRejects: string;
  /** Registry records of A that several rows read (called at the end of beforeAll). */
  async function prepareRegistry() {
    jpeg = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 20, b: 30 } },
    })
      .jpeg()
      .toBuffer();
    attachmentOfA = (
      await attachToWeapon(t.db.ctx, SYSTEM_CLI, await weaponOfA(), { bytes: jpeg, name: 'receiver.jpg' })
    ).id;
    secretsOfA.add(attachmentOfA);
    confidentialWeaponOfA = await weaponOfA({ confidentiality: 'confidential' });
    importWithRejects = await uploadOfA(
      Buffer.from(
        'Serial No.,Make,Model,Category\r\nREJ-1,Izhmash,AKM,Slingshot\r\nREJ-2,Izhmash,AKM,Rifle\r\n',
      ),
    );
    await startImport(t.db.ctx, SYSTEM_CLI, importWithRejects, { partial: true });
    expect(await importFinished(importWithRejects)).toMatchObject({ status: 'done' });
    listV1 = (await loadList(t.db.ctx, SYSTEM_CLI, { fileOrUrl: fixture('un-consolidated-v1.xml') }))
      .versionId;
    listV2 = (await loadList(t.db.ctx, SYSTEM_CLI, { fileOrUrl: fixture('un-consolidated-v2.xml') }))
      .versionId;
  }

  let listV1: string;
  let listV2: string;
  const fixture = (name: string) =>
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/lists', name);
  /** SCREENING_RUN: every role but the viewer; deciding on hits: admin, investigator, screener. */
  const SCREENING_RUN: Role[] = [
    'admin',
    'registrar',
    'field_officer',
    'investigator',
    'analyst',
    'screener',
  ];
  const SCREENING_DECIDE: Role[] = ['admin', 'investigator', 'screener'];
  const HIT = {
    ref: 'QDi.316',
    source: 'un-sc',
    type: 'person',
    name: 'IYAD AG GHALI',
    matchedName: 'IYAD AG GHALI',
    score: 0.98,
    explanation: ['test'],
  };

  /** An open hit of A, for a decision. */
  async function hitOfA(): Promise<string> {
    const [hit] = await recordHits(t.db.ctx, SYSTEM_CLI, orgA.id, { name: 'Iyad Ag Ghaly' }, [HIT]);
    secretsOfA.add(hit!.id);
    return hit!.id;
  }
  const CASES: Case[] = [
    // --- session: about oneself, browser only -------------------------------------------------
    {
      route: 'GET /api/session',
      allowed: 'all',
      outsider: 'success',
      sessionOnly: true,
      prepare: async () => ({ method: 'GET', url: '/api/session' }),
      verify: (res, c) => expect(res.json().user.id).toBe(c.userId),
    },
    {
      route: 'DELETE /api/session',
      allowed: 'all',
      outsider: 'success',
      sessionOnly: true,
      caller: 'freshSession',
      prepare: async () => ({ method: 'DELETE', url: '/api/session' }),
      verify: async (_res, c) => {
        const after = await send({ method: 'GET', url: '/api/session' }, { caller: c, transport: 'cookie' });
        expect(after.statusCode, 'the signed-out session must stop working').toBe(401);
      },
    },
    {
      route: 'POST /api/session/password',
      allowed: 'all',
      outsider: 'success',
      sessionOnly: true,
      caller: 'freshUser',
      prepare: async () => ({
        method: 'POST',
        url: '/api/session/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password-42' },
      }),
    },
    {
      route: 'POST /api/session/organisation',
      allowed: 'all',
      outsider: 404,
      sessionOnly: true,
      audited: false,
      prepare: async () => ({
        method: 'POST',
        url: '/api/session/organisation',
        body: { organisationId: orgA.id },
      }),
      verify: (res) => expect(res.json().activeOrganisationId).toBe(orgA.id),
    },
    {
      route: 'GET /api/session/sessions',
      allowed: 'all',
      outsider: 'success',
      sessionOnly: true,
      prepare: async () => ({ method: 'GET', url: '/api/session/sessions' }),
      verify: (res, c) => expect(res.json().sessions.map((s: { id: string }) => s.id)).toContain(c.sessionId),
    },
    {
      route: 'DELETE /api/session/sessions/{id}',
      variant: "another of one's own sessions; the outsider targets a session of a member of A",
      allowed: 'all',
      outsider: 404,
      sessionOnly: true,
      prepare: async (c) => {
        const target =
          c.who === 'outsider'
            ? await openSession(member.email)
            : await openSession(
                c.email,
                c.who === 'installationAdmin' ? installationPassword : TEST_PASSWORD,
              );
        return { method: 'DELETE', url: `/api/session/sessions/${target.sessionId}` };
      },
    },
    // --- organisations ---------------------------------------------------------------------------
    {
      route: 'GET /api/organisations',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/organisations' }),
      verify: (res, c) => {
        const ids = res.json().organisations.map((o: { id: string }) => o.id);
        if (c.who === 'outsider') expect(ids).toEqual([orgB.id]);
        else expect(ids).toContain(orgA.id);
      },
    },
    {
      route: 'POST /api/organisations',
      allowed: [],
      outsider: 403,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/organisations',
        body: { name: `New organisation ${++counter}`, kind: 'customs' },
      }),
    },
    {
      route: 'GET /api/organisations/{id}',
      allowed: 'all',
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/organisations/${orgA.id}` }),
      verify: (res) => expect(res.json().id).toBe(orgA.id),
    },
    {
      route: 'PATCH /api/organisations/{id}',
      allowed: ADMIN_ONLY,
      outsider: 404,
      prepare: async () => ({
        method: 'PATCH',
        url: `/api/organisations/${orgA.id}`,
        body: { country: counter++ % 2 ? 'FRA' : 'CAF' },
      }),
    },
    // --- users -----------------------------------------------------------------------------------
    {
      route: 'GET /api/users',
      variant: 'members of A',
      allowed: 'all',
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/users?organisationId=${orgA.id}` }),
      verify: (res) => expect(res.json().users.map((u: { id: string }) => u.id)).toContain(member.userId),
    },
    {
      route: 'GET /api/users',
      variant: 'every member one can see',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/users' }),
    },
    {
      route: 'POST /api/users',
      allowed: ADMIN_ONLY,
      outsider: 404,
      success: 201,
      prepare: async () => {
        const email = `added-${++counter}@alpha.test`;
        secretsOfA.add(email);
        return {
          method: 'POST',
          url: '/api/users',
          body: { email, name: 'Added', organisationId: orgA.id, role: 'viewer' },
        };
      },
      verify: (res) => {
        secretsOfA.add(res.json().user.id);
      },
    },
    {
      route: 'GET /api/users/{id}',
      variant: 'another member of A',
      allowed: 'all',
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/users/${member.userId}` }),
      verify: (res) => expect(res.json().email).toBe(member.email),
    },
    {
      route: 'PATCH /api/users/{id}',
      variant: 'another member of A',
      allowed: ADMIN_ONLY,
      outsider: 404,
      prepare: async () => ({
        method: 'PATCH',
        url: `/api/users/${(await newMemberOfA()).id}`,
        body: { name: 'Renamed by someone' },
      }),
    },
    {
      route: 'PATCH /api/users/{id}',
      variant: 'oneself',
      allowed: 'all',
      outsider: 'success',
      prepare: async (c) => ({ method: 'PATCH', url: `/api/users/${c.userId}`, body: { locale: 'fr' } }),
      verify: (res) => expect(res.json().locale).toBe('fr'),
    },
    {
      route: 'PUT /api/users/{id}/role',
      allowed: ADMIN_ONLY,
      outsider: 404,
      prepare: async () => ({
        method: 'PUT',
        url: `/api/users/${(await newMemberOfA()).id}/role`,
        body: { organisationId: orgA.id, role: 'analyst' },
      }),
    },
    {
      route: 'DELETE /api/users/{id}/memberships/{organisationId}',
      allowed: ADMIN_ONLY,
      outsider: 404,
      prepare: async () => ({
        method: 'DELETE',
        url: `/api/users/${(await newMemberOfA()).id}/memberships/${orgA.id}`,
      }),
    },
    {
      route: 'POST /api/users/{id}/password-reset',
      allowed: ADMIN_ONLY,
      outsider: 404,
      prepare: async () => ({
        method: 'POST',
        url: `/api/users/${(await newMemberOfA()).id}/password-reset`,
      }),
      verify: (res) => expect(res.json().oneTimePassword).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/),
    },
    // --- API tokens ------------------------------------------------------------------------------
    {
      route: 'GET /api/tokens',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/tokens' }),
      verify: (res, c) => {
        const owners = new Set(res.json().tokens.map((tk: { userId: string }) => tk.userId));
        expect(owners).toContain(c.userId);
        // Administrators also see the tokens of their members (the outsider those of B's, which the
        // leak check keeps apart from A's); every other role sees only its own.
        if (c.who === 'admin' || c.who === 'installationAdmin') expect(owners).toContain(member.userId);
        else if (c.who !== 'outsider') expect([...owners]).toEqual([c.userId]);
      },
    },
    {
      route: 'POST /api/tokens',
      variant: 'for oneself',
      allowed: 'all',
      outsider: 'success',
      success: 201,
      prepare: async () => ({ method: 'POST', url: '/api/tokens', body: { name: `own ${++counter}` } }),
      verify: (res, c) => expect(res.json().apiToken.userId).toBe(c.userId),
    },
    {
      route: 'POST /api/tokens',
      variant: 'for another member of A',
      allowed: ADMIN_ONLY,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/tokens',
        body: { name: `for member ${++counter}`, userId: member.userId },
      }),
      verify: (res) => {
        secretsOfA.add(res.json().apiToken.id);
      },
    },
    {
      route: 'DELETE /api/tokens/{id}',
      variant: 'a token of another member of A',
      allowed: ADMIN_ONLY,
      outsider: 404,
      prepare: async () => ({ method: 'DELETE', url: `/api/tokens/${(await tokenFor(member.userId)).id}` }),
    },
    {
      route: 'DELETE /api/tokens/{id}',
      variant: "one's own token",
      allowed: 'all',
      outsider: 'success',
      prepare: async (c) => ({ method: 'DELETE', url: `/api/tokens/${(await tokenFor(c.userId)).id}` }),
    },
    // --- audit -----------------------------------------------------------------------------------
    {
      route: 'GET /api/audit',
      variant: "A's log",
      allowed: ADMIN_ONLY,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/audit?organisationId=${orgA.id}` }),
      verify: (res) => {
        const entries = res.json().entries as { organisationId: string }[];
        expect(entries.length).toBeGreaterThan(0);
        expect(entries.every((e) => e.organisationId === orgA.id)).toBe(true);
      },
    },
    {
      route: 'GET /api/audit',
      variant: 'every log one may read',
      allowed: ADMIN_ONLY,
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/audit' }),
    },
    {
      route: 'GET /api/audit/verify',
      allowed: [],
      outsider: 403,
      prepare: async () => ({ method: 'GET', url: '/api/audit/verify' }),
      verify: (res) => expect(res.json()).toMatchObject({ ok: true, firstBadEntry: null }),
    },
    // --- registry: vocabularies and sites -------------------------------------------------------
    {
      route: 'GET /api/vocab/registry',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/vocab/registry' }),
      verify: (res) =>
        expect(res.json().categories).toContainEqual(expect.objectContaining({ code: 'assault_rifles' })),
    },
    {
      route: 'GET /api/sites',
      variant: "A's sites",
      allowed: REGISTRY_READ,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/sites?organisationId=${orgA.id}` }),
    },
    {
      route: 'GET /api/sites',
      variant: 'every site one can see',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/sites' }),
    },
    {
      route: 'POST /api/sites',
      allowed: REGISTRY_WRITE,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/sites',
        body: { organisationId: orgA.id, name: `Depot ${++counter}` },
      }),
      verify: (res) => {
        secretsOfA.add(res.json().id);
      },
    },
    // --- registry: weapons ---------------------------------------------------------------------------
    {
      route: 'GET /api/weapons',
      variant: "A's registry",
      allowed: REGISTRY_READ,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/weapons?organisationId=${orgA.id}&limit=500` }),
      verify: (res, c) => {
        const ids = (res.json().items as { id: string }[]).map((w) => w.id);
        expect(ids.length).toBeGreaterThan(0);
        const cleared =
          c.who === 'installationAdmin' ||
          confidentialityRank(ROLE_CLEARANCE[c.who as Role]) >= confidentialityRank('confidential');
        if (cleared) expect(ids).toContain(confidentialWeaponOfA);
        else
          expect(ids, 'a confidential weapon listed to a role without clearance').not.toContain(
            confidentialWeaponOfA,
          );
      },
    },
    {
      route: 'GET /api/weapons',
      variant: 'every weapon one can see',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/weapons?limit=500' }),
    },
    {
      route: 'POST /api/weapons',
      allowed: REGISTRY_WRITE,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/weapons',
        body: {
          organisationId: orgA.id,
          category: 'Assault rifles',
          make: 'Izhmash',
          model: 'AKM',
          serial: `API-${++counter}`,
          markings: [{ kind: 'manufacturer', text: 'Ижмаш', script: 'cyrillic' }],
        },
      }),
      verify: (res) => {
        secretsOfA.add(res.json().id);
      },
    },
    {
      route: 'GET /api/weapons/{id}',
      allowed: REGISTRY_READ,
      denied: 404,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/weapons/${await weaponOfA()}` }),
      verify: (res) => expect(res.json().events.map((e: { type: string }) => e.type)).toEqual(['registered']),
    },
    {
      route: 'POST /api/grants',
      allowed: SHARE,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/grants',
        body: {
          recordType: 'weapon',
          recordIds: [await weaponOfA()],
          granteeOrganisationId: orgB.id,
          purpose: 'Matrix: a trace request',
        },
      }),
      verify: (res) => expect(res.json().grants[0].status).toBe('active'),
    },
    {
      route: 'GET /api/grants',
      variant: 'received',
      allowed: 'all',
      outsider: 404,
      prepare: async () => ({
        method: 'GET',
        url: `/api/grants?organisationId=${orgA.id}&direction=received`,
      }),
    },
    {
      route: 'GET /api/grants',
      variant: 'given',
      allowed: SHARE,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/grants?organisationId=${orgA.id}&direction=given` }),
    },
    {
      route: 'POST /api/grants/{id}/revoke',
      allowed: SHARE,
      // B's administrator sees the grant (B received it) but may not end it.
      outsider: 403,
      prepare: async () => {
        const [grant] = await grantRecords(t.db.ctx, SYSTEM_CLI, GRANTABLE_KINDS, {
          recordType: 'weapon',
          recordIds: [await weaponOfA()],
          granteeOrganisationId: orgB.id,
          purpose: 'Matrix: to be revoked',
        });
        return { method: 'POST', url: `/api/grants/${grant!.id}/revoke`, body: { reason: 'Matrix' } };
      },
      verify: (res) => expect(res.json().status).toBe('revoked'),
    },
    {
      route: 'GET /api/weapons/{id}',
      variant: 'a confidential weapon',
      allowed: ['admin', 'registrar', 'field_officer', 'investigator', 'analyst'],
      denied: 404,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/weapons/${confidentialWeaponOfA}` }),
    },
    {
      route: 'POST /api/weapons/{id}/events',
      variant: 'issued',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: `/api/weapons/${await weaponOfA()}/events`,
        body: { type: 'issued', occurredOn: today(), counterpart: '1st Company' },
      }),
      verify: (res) => expect(res.json().status).toBe('issued'),
    },
    {
      route: 'POST /api/weapons/{id}/events',
      variant: 'seized (a recovery event)',
      allowed: RECOVERY,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      prepare: async () => {
        const id = await weaponOfA();
        await recordWeaponEvent(t.db.ctx, SYSTEM_CLI, id, { type: 'reported_stolen', occurredOn: today() });
        return {
          method: 'POST',
          url: `/api/weapons/${id}/events`,
          body: { type: 'seized', occurredOn: today(), place: 'Checkpoint 4' },
        };
      },
      verify: (res) => expect(res.json().status).toBe('seized'),
    },
    {
      route: 'POST /api/weapons/{id}/markings',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: `/api/weapons/${await weaponOfA()}/markings`,
        body: { kind: 'proof_mark', text: 'Звезда', script: 'cyrillic', position: 'barrel' },
      }),
    },
    {
      route: 'POST /api/weapons/marking-codes',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      // The refusal names the weapon id the caller gave, which reveals nothing they did not know.
      prepare: async () => ({
        method: 'POST',
        url: '/api/weapons/marking-codes',
        body: { weaponIds: [await weaponOfA({ secret: false })], country: 'CAF' },
      }),
      verify: (res) => expect(res.json().issued[0].code).toMatch(/^CAF-\d{4}-\d{6}-[0-9A-Z]$/),
    },
    {
      route: 'POST /api/weapons/{id}/attachments',
      allowed: RECOVERY,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      prepare: async () => {
        const { payload, headers } = multipartBody(
          { role: 'overall_left' },
          { name: 'left.jpg', content: jpeg, type: 'image/jpeg' },
        );
        return {
          method: 'POST',
          url: `/api/weapons/${await weaponOfA()}/attachments`,
          body: payload,
          headers,
        };
      },
      verify: (res) => {
        secretsOfA.add(res.json().id);
      },
    },
    {
      route: 'GET /api/attachments/{id}',
      allowed: REGISTRY_READ,
      denied: 404,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/attachments/${attachmentOfA}?thumbnail=1` }),
      verify: (res) => expect(res.headers['content-type']).toBe('image/jpeg'),
    },
    {
      route: 'GET /api/weapons/export',
      allowed: REGISTRY_READ,
      outsider: 404,
      prepare: async () => ({
        method: 'GET',
        url: `/api/weapons/export?organisationId=${orgA.id}&format=json`,
      }),
      verify: (res) => expect(JSON.parse(res.body).length).toBeGreaterThan(0),
    },
    // --- registry: ammunition lots -----------------------------------------------------------------
    {
      route: 'GET /api/lots',
      variant: "A's lots",
      allowed: REGISTRY_READ,
      outsider: 404,
      prepare: async () => {
        await lotOfA();
        return { method: 'GET', url: `/api/lots?organisationId=${orgA.id}` };
      },
      verify: (res) => expect(res.json().total).toBeGreaterThan(0),
    },
    {
      route: 'GET /api/lots',
      variant: 'every lot one can see',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/lots' }),
    },
    {
      route: 'POST /api/lots',
      allowed: REGISTRY_WRITE,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/lots',
        body: { organisationId: orgA.id, category: 'Cartouches', lotNumber: `L-${++counter}`, quantity: 500 },
      }),
      verify: (res) => {
        secretsOfA.add(res.json().id);
      },
    },
    {
      route: 'GET /api/lots/{id}',
      allowed: REGISTRY_READ,
      denied: 404,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/lots/${await lotOfA()}` }),
    },
    {
      route: 'POST /api/lots/{id}/events',
      variant: 'issued',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: `/api/lots/${await lotOfA()}/events`,
        body: { type: 'issued', occurredOn: today(), quantity: 100 },
      }),
      verify: (res) => expect(res.json().quantity).toBe(900),
    },
    {
      route: 'POST /api/lots/{id}/events',
      variant: 'seized (a recovery event)',
      allowed: RECOVERY,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 201,
      prepare: async () => {
        const id = await lotOfA(50);
        await recordLotEvent(t.db.ctx, SYSTEM_CLI, id, {
          type: 'reported_stolen',
          occurredOn: today(),
          quantity: 50,
        });
        return {
          method: 'POST',
          url: `/api/lots/${id}/events`,
          body: { type: 'seized', occurredOn: today(), quantity: 30 },
        };
      },
      verify: (res) => expect(res.json()).toMatchObject({ status: 'seized', quantity: 30 }),
    },
    // --- registry: inventory imports (web flow) ----------------------------------------------------
    {
      route: 'POST /api/imports',
      allowed: REGISTRY_WRITE,
      outsider: 404,
      success: 201,
      // Uploading stages a file; the import that commits records is audited when it runs.
      audited: false,
      prepare: async () => {
        const { payload, headers } = multipartBody(
          { organisationId: orgA.id },
          { name: 'inventory.csv', content: inventoryCsv(), type: 'text/csv' },
        );
        return { method: 'POST', url: '/api/imports', body: payload, headers };
      },
      verify: (res) => {
        secretsOfA.add(res.json().importId);
        expect(res.json().columns).toMatchObject({ serial: 0, make: 1, model: 2, category: 3 });
      },
    },
    {
      route: 'POST /api/imports/{id}/preview',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      audited: false,
      prepare: async () => ({
        method: 'POST',
        url: `/api/imports/${await uploadOfA()}/preview`,
        body: { columns: { Model: null } },
      }),
      verify: (res) => expect(res.json().unmapped).toEqual([{ column: 2, header: 'Model' }]),
    },
    {
      route: 'POST /api/imports/{id}/run',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      success: 202,
      // It runs in the background; the import's own audit entry is written when it commits.
      audited: false,
      prepare: async () => ({
        method: 'POST',
        url: `/api/imports/${await uploadOfA()}/run`,
        body: { partial: false },
      }),
      verify: async (res) => {
        expect(await importFinished(res.json().importId)).toMatchObject({ status: 'done' });
      },
    },
    {
      route: 'GET /api/imports/{id}',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/imports/${importWithRejects}` }),
      verify: (res) =>
        expect(res.json()).toMatchObject({ status: 'done', summary: { imported: 1, rejected: 1 } }),
    },
    {
      route: 'GET /api/imports/{id}/rejects',
      allowed: REGISTRY_WRITE,
      deniedFor: SCREENER_404,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/imports/${importWithRejects}/rejects` }),
      verify: (res) => expect(res.body).toContain('REJ-1'),
    },
    // --- designations and screening -----------------------------------------------------------
    {
      route: 'POST /api/screen',
      allowed: SCREENING_RUN,
      outsider: 'success',
      prepare: async () => ({
        method: 'POST',
        url: '/api/screen',
        body: { queries: [{ name: 'Iyad Ag Ghaly', type: 'person' }] },
      }),
      verify: (res) => expect(res.json().results[0].results[0]).toMatchObject({ ref: 'QDi.316' }),
    },
    {
      route: 'POST /api/screen/compare',
      allowed: SCREENING_RUN,
      outsider: 'success',
      audited: false,
      prepare: async () => ({
        method: 'POST',
        url: '/api/screen/compare',
        body: { a: 'Muhammad Ali', b: 'Mohamed Aly', type: 'person' },
      }),
    },
    {
      route: 'GET /api/lists',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/lists' }),
      verify: (res) => expect(res.json().versions.length).toBeGreaterThanOrEqual(2),
    },
    {
      route: 'POST /api/lists',
      allowed: [],
      outsider: 403,
      denied: 403,
      success: 201,
      // The same file again: loaded already, nothing changes and nothing is audited.
      audited: false,
      prepare: async () => {
        const { payload, headers } = multipartBody(
          {},
          {
            name: 'un-consolidated-v2.xml',
            content: fs.readFileSync(fixture('un-consolidated-v2.xml')),
            type: 'application/xml',
          },
        );
        return { method: 'POST', url: '/api/lists', body: payload, headers };
      },
      verify: (res) => expect(res.json()).toMatchObject({ unchanged: true }),
    },
    {
      route: 'GET /api/lists/diff',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: `/api/lists/diff?from=${listV1}&to=${listV2}` }),
      verify: (res) => expect(res.json().added).toContain('QDi.419'),
    },
    {
      route: 'GET /api/designations',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/designations?q=ghali' }),
    },
    {
      route: 'GET /api/designations/{source}/{ref}',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/designations/un-sc/QDi.316' }),
    },
    {
      route: 'GET /api/parties',
      variant: "A's parties",
      allowed: SCREENING_RUN,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/parties?organisationId=${orgA.id}` }),
    },
    {
      route: 'GET /api/parties',
      variant: 'every party one can see',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/parties' }),
    },
    {
      route: 'POST /api/parties',
      allowed: SCREENING_RUN,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/parties',
        body: { organisationId: orgA.id, name: `Party ${++counter} Trading`, type: 'organization' },
      }),
      verify: (res) => secretsOfA.add(res.json().party.id),
    },
    {
      route: 'GET /api/hits',
      variant: "A's hits",
      allowed: SCREENING_RUN,
      outsider: 404,
      prepare: async () => ({ method: 'GET', url: `/api/hits?organisationId=${orgA.id}` }),
    },
    {
      route: 'GET /api/hits',
      variant: 'every hit one can see',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/hits' }),
    },
    {
      route: 'POST /api/hits',
      allowed: SCREENING_RUN,
      outsider: 404,
      success: 201,
      prepare: async () => ({
        method: 'POST',
        url: '/api/hits',
        body: { organisationId: orgA.id, query: { name: 'Iyad Ag Ghaly' }, results: [HIT] },
      }),
      verify: (res) => {
        for (const h of res.json().hits) secretsOfA.add(h.id);
      },
    },
    {
      route: 'POST /api/hits/{id}/decision',
      allowed: SCREENING_DECIDE,
      outsider: 404,
      deniedFor: { viewer: 404 },
      prepare: async () => ({
        method: 'POST',
        url: `/api/hits/${await hitOfA()}/decision`,
        body: { decision: 'escalated', reason: 'Same name and nationality; check the date of birth.' },
      }),
      verify: (res) => expect(res.json()).toMatchObject({ status: 'escalated' }),
    },
    {
      route: 'GET /api/notifications',
      allowed: 'all',
      outsider: 'success',
      prepare: async () => ({ method: 'GET', url: '/api/notifications' }),
    },
  ];

  function expectedStatus(c: Case, who: Who, transport: Transport): number {
    if (transport === 'bearer' && c.sessionOnly) return 401;
    const success = c.success ?? 200;
    if (who === 'installationAdmin') return success;
    if (who === 'outsider') return c.outsider === 'success' ? success : c.outsider;
    return c.allowed === 'all' || c.allowed.includes(who) ? success : (c.deniedFor?.[who] ?? c.denied ?? 403);
  }

  const ERROR_CODE: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

  it('has a row for every API route the server answers', async () => {
    const doc = (await t.anonymous('GET', '/api/openapi.json')).json() as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const inMatrix = new Set([...CASES.map((c) => c.route), ...PUBLIC_ROUTES]);
    expect(
      documented.filter((r) => !inMatrix.has(r)),
      'routes without a matrix row',
    ).toEqual([]);
    expect(
      [...inMatrix].filter((r) => !documented.includes(r)),
      'matrix rows for no route',
    ).toEqual([]);

    // A route hidden from the OpenAPI document would escape the check above: walk the router too.
    const served = routesFromPrintout(t.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.includes(' /api/'))
      .filter((r) => !/ \/api\/docs(\/|$)/.test(r) && !r.endsWith(' /api/openapi.json'));
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
    expect(served.length).toBe(documented.length);
  });

  it('lets the public routes answer without credentials, and nothing else', async () => {
    expect((await t.anonymous('GET', '/api/vocab')).statusCode).toBe(200);
    const signIn = await t.anonymous('POST', '/api/session', {
      email: member.email,
      password: TEST_PASSWORD,
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('refuses every other route with 401 without credentials, with a forged cookie or a forged token', async () => {
    const admin = shared.get('admin')!;
    const problems: string[] = [];
    for (const c of CASES) {
      for (const [label, headers] of [
        ['none', {}],
        ['forged cookie', { cookie: 'materiel_session=forged', 'x-csrf-token': 'forged' }],
        ['forged token', { authorization: 'Bearer mtl_forged' }],
      ] as const) {
        const req = await c.prepare(admin);
        const before = await auditCount();
        const res = await send(req, headers);
        const name = `${c.route}${c.variant ? ` (${c.variant})` : ''} [${label}]`;
        if (res.statusCode !== 401) problems.push(`${name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        else if (res.json().error.code !== 'unauthenticated') problems.push(`${name}: code ${res.body}`);
        if ((await auditCount()) !== before) problems.push(`${name}: an audit entry was written`);
      }
    }
    expect(problems).toEqual([]);
  });

  for (const c of CASES) {
    for (const transport of ['cookie', 'bearer'] as const) {
      it(`${c.route}${c.variant ? ` (${c.variant})` : ''} over ${transport === 'cookie' ? 'the session cookie' : 'a Bearer token'}`, async () => {
        const actual: Record<string, number> = {};
        const expected: Record<string, number> = {};
        const problems: string[] = [];
        for (const who of CALLERS) {
          const caller = await callerFor(c, who);
          const req = await c.prepare(caller);
          const before = await auditCount();
          const res = await send(req, { caller, transport });
          actual[who] = res.statusCode;
          expected[who] = expectedStatus(c, who, transport);
          const written = (await auditCount()) - before;
          if (res.statusCode < 300) {
            try {
              await c.verify?.(res, caller);
            } catch (e) {
              problems.push(`${who}: ${(e as Error).message}`);
            }
            if (req.method !== 'GET' && c.audited !== false && written !== 1)
              problems.push(`${who}: the change wrote ${written} audit entries instead of 1`);
          } else {
            if (written !== 0) problems.push(`${who}: a refused request wrote ${written} audit entries`);
            const code = (res.json() as { error?: { code?: string } }).error?.code;
            if (ERROR_CODE[res.statusCode] && code !== ERROR_CODE[res.statusCode])
              problems.push(`${who}: status ${res.statusCode} with error code ${code}`);
          }
          if (who === 'outsider') {
            const leaked = [...secretsOfA].filter((s) => res.body.includes(s));
            if (leaked.length) problems.push(`outsider: the answer contains data of A: ${leaked.join(', ')}`);
          }
        }
        expect({ statuses: actual, problems }).toEqual({ statuses: expected, problems: [] });
      });
    }
  }
});

/** "METHOD /path/{param}" for every route in Fastify's route tree printout (HEAD left out). */
function routesFromPrintout(printout: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of printout.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}
