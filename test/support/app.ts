import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app/build-app.ts';
import { createOrganisation } from '../../src/modules/identity/use-cases/organisation-service.ts';
import { createUser } from '../../src/modules/identity/use-cases/user-service.ts';
import { SYSTEM_CLI } from '../../src/platform/access/actor.ts';
import type { OrganisationKind, Role } from '../../src/reference/vocab.ts';
import { createTestDatabase, type EngineName, type TestDatabase } from './databases.ts';

export const TEST_PASSWORD = 'correct-horse-battery-2616';

export interface TestClient {
  email: string;
  userId: string;
  cookie: string;
  csrf: string;
  /** Calls the API as this signed-in user (cookie + CSRF header). */
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Posts a multipart/form-data body (fields first, then the file) as this user. */
  upload(url: string, fields: Record<string, string>, file?: UploadFile): Promise<LightMyRequestResponse>;
}

export interface UploadFile {
  name: string;
  content: Buffer | string;
  /** Content-Type of the part; the server must not trust it. */
  type?: string;
  /** Form field name; "file" unless given. */
  field?: string;
}

/** A multipart/form-data body as browsers send it: the fields in order, then the file. */
export function multipartBody(
  fields: Record<string, string>,
  file?: UploadFile,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----materiel-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface TestApp {
  db: TestDatabase;
  app: FastifyInstance;
  /** Adds an organisation through the service, as the system actor. */
  org(name: string, kind?: OrganisationKind): Promise<{ id: string; name: string }>;
  /** Adds a user with a role in an organisation and signs them in. */
  user(orgId: string, role: Role, email?: string): Promise<TestClient>;
  signIn(email: string, password?: string): Promise<TestClient>;
  anonymous(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestApp(
  engine: EngineName,
  options: { rateLimitPerMinute?: number } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(engine);
  const app = await buildApp({ ctx: db.ctx, rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000 });
  const inject = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: method as 'GET', url, payload: body as object | Buffer | undefined, headers });

  async function signIn(email: string, password = TEST_PASSWORD): Promise<TestClient> {
    const res = await inject('POST', '/api/session', { email, password });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.cookies.find((c) => c.name === 'materiel_session');
    const cookie = `materiel_session=${setCookie!.value}`;
    const info = res.json() as { csrfToken: string; user: { id: string } };
    return {
      email,
      userId: info.user.id,
      cookie,
      csrf: info.csrfToken,
      request: (method, url, body) => inject(method, url, body, { cookie, 'x-csrf-token': info.csrfToken }),
      upload: (url, fields, file) => {
        const { payload, headers } = multipartBody(fields, file);
        return inject('POST', url, payload, { ...headers, cookie, 'x-csrf-token': info.csrfToken });
      },
    };
  }

  return {
    db,
    app,
    async org(name, kind = 'national_authority') {
      return createOrganisation(db.ctx, SYSTEM_CLI, { name, kind });
    },
    async user(orgId, role, email) {
      const address = email ?? `user${++counter}-${role}@example.org`;
      await createUser(db.ctx, SYSTEM_CLI, {
        email: address,
        name: `Test ${role}`,
        organisationId: orgId,
        role,
        password: TEST_PASSWORD,
      });
      return signIn(address);
    },
    signIn,
    anonymous: inject,
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}
