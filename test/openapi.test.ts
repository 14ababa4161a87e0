import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }>; description?: string }>;
  security?: Record<string, string[]>[];
}

/**
 * The API's contract (issue 8, "Validation"): every operation in the OpenAPI document declares what
 * a success answers, so the typed web client and other installations' scripts can rely on it, and
 * the document says how to authenticate (session cookie or Bearer token).
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components?: {
      securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string }>;
    };
    security?: Record<string, string[]>[];
  };
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const res = await t.anonymous('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => t?.close());

  it('declares a 2xx response schema (or file content type) for every operation', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
        const described = success.some(
          ([code, r]) => code === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined),
        );
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares the session cookie and the Bearer token, and operations use them', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    expect(Object.values(schemes)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'http', scheme: 'bearer' }),
        expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'materiel_session' }),
      ]),
    );
    const names = Object.keys(schemes).sort();
    expect((doc.security ?? []).flatMap((s) => Object.keys(s)).sort()).toEqual(names);
    // Signing in needs no credentials.
    expect(doc.paths['/api/session']?.post?.security).toEqual([]);
  });
});
