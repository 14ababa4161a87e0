import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api } from './client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

/** Replaces fetch with one answering each call from `replies`, in order, and records the calls. */
function fakeFetch(...replies: { status: number; body?: unknown }[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const reply = replies.shift() ?? { status: 500 };
      return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
        status: reply.status,
      });
    }),
  );
  return calls;
}

const session = (csrfToken: string) => ({
  user: {
    id: 'u1',
    email: 'a@example.org',
    name: 'A',
    isInstallationAdmin: false,
    mustChangePassword: false,
    locale: 'en',
    disabled: false,
    memberships: [],
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  activeOrganisationId: null,
  csrfToken,
  expiresAt: '2026-01-02T00:00:00.000Z',
});

const header = (call: Call | undefined, name: string) =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('sends the CSRF token from the last session response on changes, not on reads', async () => {
    const calls = fakeFetch(
      { status: 200, body: session('csrf-1') },
      { status: 200, body: { organisations: [] } },
      { status: 201, body: { token: 'secret', apiToken: {} } },
    );
    await api.session.signIn({ email: 'a@example.org', password: 'pw' });
    await api.organisations.list();
    await api.tokens.create({ name: 'Nightly' });
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['POST', '/api/session'],
      ['GET', '/api/organisations'],
      ['POST', '/api/tokens'],
    ]);
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
    expect(header(calls[1], 'X-CSRF-Token')).toBeUndefined();
    expect(header(calls[2], 'X-CSRF-Token')).toBe('csrf-1');
    expect(JSON.parse(String(calls[2]?.init.body))).toEqual({ name: 'Nightly' });
  });

  it('turns an error body into an ApiError with code, message and field issues', async () => {
    fakeFetch({
      status: 400,
      body: {
        error: {
          code: 'validation',
          message: 'Bad.',
          issues: [{ field: 'body.email', message: 'Not an address.' }],
        },
      },
    });
    const error = await api.users
      .create({ email: 'x', name: 'X', organisationId: 'o1', role: 'viewer' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([apiError.code, apiError.status, apiError.message]).toEqual(['validation', 400, 'Bad.']);
    expect(apiError.issueFor('email')?.message).toBe('Not an address.');
  });

  it('answers null for the current session when signed out, and reports an unreachable server as network', async () => {
    fakeFetch({ status: 401, body: { error: { code: 'unauthenticated', message: 'Sign in first.' } } });
    expect(await api.session.current()).toBeNull();

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(api.vocab()).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('uploads an inventory as multipart with the organisation before the file, and the CSRF token', async () => {
    const calls = fakeFetch(
      { status: 200, body: session('csrf-2') },
      { status: 201, body: { importId: 'i1' } },
    );
    await api.session.signIn({ email: 'a@example.org', password: 'pw' });
    const file = new File(['N° de série;Fabricant\n1;A\n'], 'inventaire.csv', { type: 'text/csv' });
    await api.imports.upload('org-1', file);
    const call = calls[1]!;
    expect([call.init.method, call.url]).toEqual(['POST', '/api/imports']);
    expect(header(call, 'X-CSRF-Token')).toBe('csrf-2');
    // The browser sets multipart/form-data with its boundary; a JSON content type would break it.
    expect(header(call, 'Content-Type')).toBeUndefined();
    const form = call.init.body as FormData;
    expect([...form.keys()]).toEqual(['organisationId', 'file']);
    expect(form.get('organisationId')).toBe('org-1');
    expect((form.get('file') as File).name).toBe('inventaire.csv');
  });

  it('leaves empty filters out of the registry query', async () => {
    const calls = fakeFetch({ status: 200, body: { total: 0, items: [] } });
    await api.weapons.list({ organisationId: 'o1', q: '56?21?4', make: '', sort: 'serial', limit: 50 });
    expect(calls[0]?.url).toBe('/api/weapons?organisationId=o1&q=56%3F21%3F4&sort=serial&limit=50');
  });
});
