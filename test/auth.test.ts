import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { createUser } from '../src/modules/identity/use-cases/user-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { sha256 } from '../src/platform/secrets.ts';
import type { Role } from '../src/reference/vocab.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/app.ts';
import { ENGINES } from './support/databases.ts';

const REFUSED = 'The e-mail address or password is not right.';

interface Session {
  email: string;
  userId: string;
  token: string;
  cookie: string;
  csrf: string;
  call(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

describe.each(ENGINES)('authentication and request security on %s', (engine) => {
  let t: TestApp;
  let orgId: string;
  let admin: Session;
  let addressCounter = 0;
  let userCounter = 0;
  /** Every secret this file handles, to prove none reaches the audit log. */
  const secrets = new Set<string>([TEST_PASSWORD]);

  const db = () => t.db.handle.db;
  /** Each sign-in comes from its own address unless a test wants to share one. */
  const freshAddress = () =>
    `10.${engine === 'sqlite' ? 1 : 2}.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

  function inject(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    remoteAddress?: string,
  ) {
    return t.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body !== undefined && { payload: body as object }),
      ...(remoteAddress && { remoteAddress }),
    });
  }

  function signInRequest(email: string, password: string, address = freshAddress()) {
    return inject('POST', '/api/session', { email, password }, {}, address);
  }

  function sessionFrom(res: LightMyRequestResponse): Session {
    expect(res.statusCode, res.body).toBe(200);
    const token = res.cookies.find((c) => c.name === 'materiel_session')!.value;
    const info = res.json() as { csrfToken: string; user: { id: string; email: string } };
    secrets.add(token).add(info.csrfToken);
    const cookie = `materiel_session=${token}`;
    return {
      email: info.user.email,
      userId: info.user.id,
      token,
      cookie,
      csrf: info.csrfToken,
      call: (method, url, body, headers = {}) =>
        inject(method, url, body, { cookie, 'x-csrf-token': info.csrfToken, ...headers }),
    };
  }

  async function signIn(email: string, password = TEST_PASSWORD, address?: string): Promise<Session> {
    return sessionFrom(await signInRequest(email, password, address));
  }

  async function newUser(role: Role = 'viewer', password = TEST_PASSWORD): Promise<string> {
    const email = `auth-${++userCounter}@example.org`;
    await createUser(t.db.ctx, SYSTEM_CLI, {
      email,
      name: `User ${userCounter}`,
      organisationId: orgId,
      role,
      password,
    });
    return email;
  }

  /** Moves the application's clock; restored after each test. */
  function advanceClock(ms: number) {
    const now = t.db.ctx.now;
    t.db.ctx.now = () => new Date(now().getTime() + ms);
  }

  function withoutCsrf(s: Session, method: string, url: string, body?: unknown, csrf?: string) {
    return inject(method, url, body, {
      cookie: s.cookie,
      ...(csrf !== undefined && { 'x-csrf-token': csrf }),
    });
  }

  async function count(table: 'api_tokens' | 'audit_log' | 'sessions'): Promise<number> {
    const r = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    orgId = (await createOrganisation(t.db.ctx, SYSTEM_CLI, { name: 'Auth Org', kind: 'customs' })).id;
    admin = await signIn(await newUser('admin'));
  });
  afterEach(() => {
    t.db.ctx.now = () => new Date();
  });
  afterAll(async () => t?.close());

  describe('signing in', () => {
    it('signs in with the right password and sets a HttpOnly, SameSite=Strict session cookie', async () => {
      const email = await newUser();
      const res = await signInRequest(`  ${email.toUpperCase()} `, TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user.email).toBe(email);
      expect(body.csrfToken).toMatch(/^\S{20,}$/);
      expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(11 * 3_600_000);
      expect(res.body).not.toMatch(/password_?hash|scrypt\$/i);
      const cookie = res.cookies.find((c) => c.name === 'materiel_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      // Plain HTTP in tests: Secure is set only behind TLS.
      expect(cookie.secure).toBeUndefined();
      const raw = String(res.headers['set-cookie']);
      expect(raw).toMatch(/HttpOnly/);
      expect(raw).toMatch(/SameSite=Strict/);
      const me = await inject('GET', '/api/session', undefined, {
        cookie: `materiel_session=${cookie.value}`,
      });
      expect(me.json().user.email).toBe(email);
    });

    it('gives the same answer for an unknown e-mail and a wrong password, and sets no cookie', async () => {
      const email = await newUser();
      const wrong = await signInRequest(email, 'not-the-password-at-all');
      const unknown = await signInRequest('nobody-here@example.org', 'not-the-password-at-all');
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: REFUSED } });
        expect(res.cookies).toEqual([]);
      }
    });

    it('names the missing fields', async () => {
      const res = await inject('POST', '/api/session', {});
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation');
      expect(
        res
          .json()
          .error.issues.map((i: { field: string }) => i.field)
          .sort(),
      ).toEqual(['body.email', 'body.password']);
      const notAnObject = await inject('POST', '/api/session', 'just text', { 'content-type': 'text/plain' });
      expect(notAnObject.statusCode).toBe(400);
      expect(notAnObject.json().error.issues[0].field).toBe('body');
    });

    it('locks an account for 15 minutes after 5 failures, whatever the address, then lets it in again', async () => {
      const email = await newUser();
      for (let i = 0; i < 5; i++)
        expect((await signInRequest(email, `wrong-password-${i}`)).statusCode).toBe(401);
      for (const password of [TEST_PASSWORD, 'wrong-again']) {
        const locked = await signInRequest(email, password);
        expect(locked.statusCode).toBe(429);
        expect(locked.json().error).toEqual({
          code: 'rate_limited',
          message:
            'Too many failed sign-ins. Wait 15 minutes, or ask an administrator to reset your password.',
        });
      }
      // Another account is not affected.
      expect((await signInRequest(await newUser(), TEST_PASSWORD)).statusCode).toBe(200);
      advanceClock(14 * 60_000);
      expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(429);
      advanceClock(61_000);
      expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(200);
      // A success clears the count: four more failures do not lock.
      for (let i = 0; i < 4; i++) await signInRequest(email, `wrong-password-${i}`);
      expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('refuses an address after 20 failures across accounts, while other addresses still sign in', async () => {
      const noisy = '198.51.100.7';
      for (let i = 0; i < 20; i++) {
        const res = await signInRequest(`guess-${i}@example.org`, 'password-guess-1', noisy);
        expect(res.statusCode).toBe(401);
      }
      const email = await newUser();
      const refused = await signInRequest(email, TEST_PASSWORD, noisy);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect((await signInRequest(email, TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
    });

    it('allows at most 30 sign-in requests a minute from one address', async () => {
      const email = await newUser();
      const busy = '198.51.100.30';
      for (let i = 0; i < 30; i++)
        expect((await signInRequest(email, TEST_PASSWORD, busy)).statusCode).toBe(200);
      const res = await signInRequest(email, TEST_PASSWORD, busy);
      expect(res.statusCode).toBe(429);
      expect(res.json().error).toEqual({
        code: 'rate_limited',
        message: 'Too many requests. Wait a moment and try again.',
      });
      expect((await signInRequest(email, TEST_PASSWORD, '198.51.100.31')).statusCode).toBe(200);
    });
  });

  describe('sessions', () => {
    it('refuses a disabled account at sign-in and stops its sessions and tokens at once', async () => {
      const email = await newUser();
      const session = await signIn(email);
      const token = (await session.call('POST', '/api/tokens', { name: 'script' })).json().token as string;
      secrets.add(token);
      const bearer = { authorization: `Bearer ${token}` };
      expect((await inject('GET', '/api/tokens', undefined, bearer)).statusCode).toBe(200);

      const disabled = await admin.call('PATCH', `/api/users/${session.userId}`, { disabled: true });
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json().disabled).toBe(true);

      expect((await session.call('GET', '/api/session')).statusCode).toBe(401);
      expect((await inject('GET', '/api/tokens', undefined, bearer)).statusCode).toBe(401);
      const refused = await signInRequest(email, TEST_PASSWORD);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.message).toBe('This account is disabled. Ask an administrator.');
      // A wrong password on a disabled account says no more than for anyone else.
      expect((await signInRequest(email, 'wrong-password-9')).json().error.message).toBe(REFUSED);

      await admin.call('PATCH', `/api/users/${session.userId}`, { disabled: false });
      expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(200);
      // The sessions ended by disabling stay ended; the token works again with the account.
      expect((await session.call('GET', '/api/session')).statusCode).toBe(401);
      expect((await inject('GET', '/api/tokens', undefined, bearer)).statusCode).toBe(200);
    });

    it('expires a session after 12 hours', async () => {
      const session = await signIn(await newUser());
      advanceClock(11 * 3_600_000 + 59 * 60_000);
      expect((await session.call('GET', '/api/session')).statusCode).toBe(200);
      advanceClock(61_000);
      const expired = await session.call('GET', '/api/session');
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('unauthenticated');
      // A new session does not list the expired one.
      const fresh = await signIn(session.email);
      const list = (await fresh.call('GET', '/api/session/sessions')).json().sessions as {
        current: boolean;
      }[];
      expect(list).toHaveLength(1);
      expect(list[0]!.current).toBe(true);
    });

    it('signing out ends the session and clears the cookie', async () => {
      const session = await signIn(await newUser());
      const out = await session.call('DELETE', '/api/session');
      expect(out.statusCode).toBe(200);
      const cleared = out.cookies.find((c) => c.name === 'materiel_session')!;
      expect(cleared.value).toBe('');
      expect(cleared.expires!.getTime()).toBeLessThan(Date.now());
      expect((await session.call('GET', '/api/session')).statusCode).toBe(401);
      expect((await session.call('DELETE', '/api/session')).statusCode).toBe(401);
    });

    it("revokes one of one's own sessions, and no one else's", async () => {
      const email = await newUser();
      const laptop = await signIn(email);
      const phone = await signIn(email);
      const list = (await laptop.call('GET', '/api/session/sessions')).json().sessions as {
        id: string;
        current: boolean;
      }[];
      expect(list).toHaveLength(2);
      const phoneId = list.find((s) => !s.current)!.id;
      expect((await laptop.call('DELETE', `/api/session/sessions/${phoneId}`)).statusCode).toBe(200);
      expect((await phone.call('GET', '/api/session')).statusCode).toBe(401);
      expect((await laptop.call('GET', '/api/session')).statusCode).toBe(200);

      const other = await signIn(await newUser());
      const otherId = (await other.call('GET', '/api/session/sessions')).json().sessions[0].id;
      // Not even an administrator revokes someone else's session through this route.
      for (const caller of [laptop, admin]) {
        const res = await caller.call('DELETE', `/api/session/sessions/${otherId}`);
        expect(res.statusCode).toBe(404);
      }
      expect((await other.call('GET', '/api/session')).statusCode).toBe(200);
    });

    it('changing the password signs out the other sessions and clears "must change password"', async () => {
      const created = await admin.call('POST', '/api/users', {
        email: `otp-${++userCounter}@example.org`,
        name: 'One-time',
        organisationId: orgId,
        role: 'viewer',
      });
      expect(created.statusCode).toBe(201);
      const { user, oneTimePassword } = created.json() as {
        user: { email: string; mustChangePassword: boolean };
        oneTimePassword: string;
      };
      secrets.add(oneTimePassword);
      expect(user.mustChangePassword).toBe(true);
      const here = await signIn(user.email, oneTimePassword);
      const elsewhere = await signIn(user.email, oneTimePassword);
      expect((await here.call('GET', '/api/session')).json().user.mustChangePassword).toBe(true);

      const newPassword = 'my-own-chosen-password-77';
      secrets.add(newPassword);
      const wrong = await here.call('POST', '/api/session/password', {
        currentPassword: 'not-my-password',
        newPassword,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.issues).toEqual([{ field: 'currentPassword', message: 'Not right.' }]);
      const short = await here.call('POST', '/api/session/password', {
        currentPassword: oneTimePassword,
        newPassword: 'short',
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.issues[0].field).toBe('body.newPassword');
      expect((await elsewhere.call('GET', '/api/session')).statusCode).toBe(200);

      const changed = await here.call('POST', '/api/session/password', {
        currentPassword: oneTimePassword,
        newPassword,
      });
      expect(changed.statusCode).toBe(200);
      expect((await elsewhere.call('GET', '/api/session')).statusCode).toBe(401);
      const me = await here.call('GET', '/api/session');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.mustChangePassword).toBe(false);
      expect((await signInRequest(user.email, oneTimePassword)).statusCode).toBe(401);
      expect((await signInRequest(user.email, newPassword)).statusCode).toBe(200);
    });
  });

  describe('CSRF protection', () => {
    it('refuses a cookie-authenticated change without the right X-CSRF-Token, and changes nothing', async () => {
      const session = await signIn(await newUser());
      const other = await signIn(await newUser());
      const tokensBefore = await count('api_tokens');
      const auditBefore = await count('audit_log');
      for (const csrf of [undefined, 'wrong-token', other.csrf, '']) {
        const res = await withoutCsrf(session, 'POST', '/api/tokens', { name: 'csrf attempt' }, csrf);
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toEqual({
          code: 'forbidden',
          message: 'The request is missing its CSRF token. Reload the page and try again.',
        });
        const rename = await withoutCsrf(
          session,
          'PATCH',
          `/api/users/${session.userId}`,
          { name: 'Hijacked' },
          csrf,
        );
        expect(rename.statusCode).toBe(403);
        expect((await withoutCsrf(session, 'DELETE', '/api/session', undefined, csrf)).statusCode).toBe(403);
      }
      expect(await count('api_tokens')).toBe(tokensBefore);
      expect(await count('audit_log')).toBe(auditBefore);
      const me = await session.call('GET', '/api/session');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.name).not.toBe('Hijacked');
      // Reading needs no CSRF token; the right one lets the change through.
      expect((await withoutCsrf(session, 'GET', '/api/tokens')).statusCode).toBe(200);
      expect((await session.call('POST', '/api/tokens', { name: 'legit' })).statusCode).toBe(201);
    });
  });

  describe('API tokens', () => {
    it('works as "Authorization: Bearer" without a CSRF token', async () => {
      const session = await signIn(await newUser());
      const token = (await session.call('POST', '/api/tokens', { name: 'script' })).json().token as string;
      secrets.add(token);
      const bearer = { authorization: `Bearer ${token}` };
      const created = await inject('POST', '/api/tokens', { name: 'made by a script' }, bearer);
      expect(created.statusCode).toBe(201);
      secrets.add(created.json().token);
      const renamed = await inject('PATCH', `/api/users/${session.userId}`, { name: 'Scripted' }, bearer);
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().name).toBe('Scripted');
      // A token acts through the API, not as a browser session.
      expect((await inject('GET', '/api/session', undefined, bearer)).statusCode).toBe(401);
      // A bad token is refused even next to a valid cookie: the caller asked to be that token.
      const mixed = await inject('GET', '/api/tokens', undefined, {
        authorization: 'Bearer mtl_not-a-token',
        cookie: session.cookie,
      });
      expect(mixed.statusCode).toBe(401);
    });

    it('refuses revoked and expired tokens with 401', async () => {
      const session = await signIn(await newUser());
      const make = async (body: object) => {
        const res = await session.call('POST', '/api/tokens', body);
        expect(res.statusCode, res.body).toBe(201);
        secrets.add(res.json().token);
        return res.json() as { token: string; apiToken: { id: string } };
      };
      const revoked = await make({ name: 'to revoke' });
      expect((await session.call('DELETE', `/api/tokens/${revoked.apiToken.id}`)).statusCode).toBe(200);
      const refused = await inject('GET', '/api/tokens', undefined, {
        authorization: `Bearer ${revoked.token}`,
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error).toEqual({
        code: 'unauthenticated',
        message: 'The API token is not valid, has expired or was revoked.',
      });

      const expiring = await make({
        name: 'short-lived',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const bearer = { authorization: `Bearer ${expiring.token}` };
      expect((await inject('GET', '/api/tokens', undefined, bearer)).statusCode).toBe(200);
      advanceClock(3_600_000 + 1000);
      expect((await inject('GET', '/api/tokens', undefined, bearer)).statusCode).toBe(401);
    });

    it('refuses an expiry that is not a date or is already past', async () => {
      const session = await signIn(await newUser());
      for (const expiresAt of ['next tuesday', '2001-01-01T00:00:00Z']) {
        const res = await session.call('POST', '/api/tokens', { name: 'bad expiry', expiresAt });
        expect(res.statusCode, expiresAt).toBe(400);
        expect(res.json().error.issues[0].field).toBe('expiresAt');
      }
      // Any ISO form is stored as UTC, so expiry comparisons hold.
      const res = await session.call('POST', '/api/tokens', {
        name: 'offset',
        expiresAt: '2099-06-01T12:00:00+02:00',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().apiToken.expiresAt).toBe('2099-06-01T10:00:00.000Z');
    });

    it('stores only the hash of a token and of a session, never the secret', async () => {
      const session = await signIn(await newUser());
      const res = await session.call('POST', '/api/tokens', { name: 'stored?' });
      const { token, apiToken } = res.json() as { token: string; apiToken: { id: string; prefix: string } };
      secrets.add(token);
      expect(token).toMatch(/^mtl_/);
      const row = await db()
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', apiToken.id)
        .executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(sha256(token));
      expect(JSON.stringify(row)).not.toContain(token.slice(10));
      expect(apiToken.prefix).toBe(token.slice(0, 10));
      const listed = await session.call('GET', '/api/tokens');
      expect(listed.body).not.toContain(token);
      expect(listed.body).not.toContain(row.token_hash);

      const sessionRow = await db()
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', sha256(session.token))
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(sessionRow)).not.toContain(session.token);
    });
  });

  it('never writes a password, token or session secret into the audit log', async () => {
    // Work through every path that handles a secret, then read the whole log.
    const password = 'audit-me-if-you-can-123';
    secrets.add(password);
    const created = await admin.call('POST', '/api/users', {
      email: `secretive-${++userCounter}@example.org`,
      name: 'Secretive',
      organisationId: orgId,
      role: 'viewer',
      password,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id as string;
    await signInRequest(created.json().user.email, 'a-wrong-password-456');
    secrets.add('a-wrong-password-456');
    const s = await signIn(created.json().user.email, password);
    const next = 'next-password-for-audit-789';
    secrets.add(next);
    expect(
      (await s.call('POST', '/api/session/password', { currentPassword: password, newPassword: next }))
        .statusCode,
    ).toBe(200);
    const reset = await admin.call('POST', `/api/users/${id}/password-reset`);
    secrets.add(reset.json().oneTimePassword);
    const tk = await admin.call('POST', '/api/tokens', { name: 'for them', userId: id });
    secrets.add(tk.json().token);

    const hashes = (await db().selectFrom('users').select('password_hash').execute()).map(
      (r) => r.password_hash!,
    );
    const log = JSON.stringify(await db().selectFrom('audit_log').selectAll().execute());
    const found = [...secrets, ...hashes].filter((secret) => log.includes(secret));
    expect(found).toEqual([]);
    expect(log).toContain('user.password_change');
    expect(log).toContain('user.password_reset');
  });

  describe('HTTP hardening', () => {
    it('sends security headers on API answers, the docs and the health check', async () => {
      for (const url of ['/api/vocab', '/api/docs', '/healthz', '/api/session']) {
        const res = await inject('GET', url);
        expect(res.headers['content-security-policy'], url).toMatch(/default-src 'self'/);
        expect(res.headers['content-security-policy'], url).toMatch(/object-src 'none'/);
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy'], url).toBe('no-referrer');
        expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
        expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
        expect(res.headers['x-powered-by'], url).toBeUndefined();
      }
    });

    it('refuses a request body over 1 MB with 413 and stores nothing', async () => {
      const huge = 'x'.repeat(1024 * 1024 + 1);
      const before = await count('api_tokens');
      const anonymous = await inject('POST', '/api/session', { email: 'a@example.org', password: huge });
      const signedIn = await admin.call('POST', '/api/tokens', { name: huge.slice(0, 1024 * 1024) });
      for (const res of [anonymous, signedIn]) {
        expect(res.statusCode).toBe(413);
        expect(res.json()).toEqual({ error: { code: 'validation', message: 'The request is too large.' } });
      }
      expect(await count('api_tokens')).toBe(before);
      // Just under the limit is parsed (and then judged on its content).
      const under = await inject('POST', '/api/session', {
        email: 'a@example.org',
        password: 'y'.repeat(1000 * 1000),
      });
      expect(under.statusCode).toBe(401);
    });

    it('publishes the OpenAPI document and the interactive docs', async () => {
      const doc = await inject('GET', '/api/openapi.json');
      expect(doc.statusCode).toBe(200);
      const body = doc.json() as { openapi: string; paths: Record<string, object>; components: object };
      expect(body.openapi).toMatch(/^3\./);
      expect(Object.keys(body.paths)).toEqual(
        expect.arrayContaining([
          '/api/session',
          '/api/organisations/{id}',
          '/api/users/{id}/role',
          '/api/tokens/{id}',
          '/api/audit/verify',
        ]),
      );
      expect(body.components).toMatchObject({
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      });
      const ui = await inject('GET', '/api/docs');
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
    });

    it('answers the health check', async () => {
      const res = await inject('GET', '/healthz');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: engine });
    });

    it('answers an unknown API address with a JSON 404', async () => {
      const res = await admin.call('GET', '/api/no-such-thing');
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual({
        code: 'not_found',
        message: 'No such address: GET /api/no-such-thing',
      });
    });
  });
});
