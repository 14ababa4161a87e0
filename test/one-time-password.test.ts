import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/identity/use-cases/user-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { ENGINES } from './support/databases.ts';

describe.each(ENGINES)('one-time passwords and the global sign-in check on %s', (engine) => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    orgId = (await t.org('One-time org')).id;
  });
  afterAll(async () => t.close());

  it('lets a person signed in with a one-time password do nothing but change it', async () => {
    const { oneTimePassword } = await createUser(t.db.ctx, SYSTEM_CLI, {
      email: 'otp@example.org',
      name: 'O',
      organisationId: orgId,
      role: 'admin',
    });
    const person = await t.signIn('otp@example.org', oneTimePassword!);
    expect((await person.request('GET', '/api/session')).json().user.mustChangePassword).toBe(true);
    const refused = await person.request('GET', '/api/users');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/choose your own password/);
    expect((await person.request('POST', '/api/tokens', { name: 'sneaky' })).statusCode).toBe(403);
    const changed = await person.request('POST', '/api/session/password', {
      currentPassword: oneTimePassword,
      newPassword: 'my-own-long-password',
    });
    expect(changed.statusCode).toBe(200);
    expect((await person.request('GET', '/api/users')).statusCode).toBe(200);
  });

  it('refuses an unauthenticated request before looking at its body, on every non-public route', async () => {
    const res = await t.anonymous('POST', '/api/organisations', { nonsense: true });
    expect(res.statusCode).toBe(401);
    expect((await t.anonymous('GET', '/api/vocab')).statusCode).toBe(200);
    expect((await t.anonymous('GET', '/api/openapi.json')).statusCode).toBe(200);
  });
});
