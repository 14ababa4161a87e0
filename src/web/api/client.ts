/**
 * Typed client for the Materiel JSON API. Request and response types come from the shared zod
 * contracts, so the web app and the server cannot silently disagree about a shape.
 *
 * Browser sessions use an HttpOnly cookie; every state-changing request must also carry the
 * session's CSRF token in `X-CSRF-Token`. The token arrives with each SessionInfo response and is
 * kept here, in memory only.
 */
import type { z } from 'zod';
import type {
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditVerdict as AuditVerdictSchema,
} from '../../shared/contracts/audit.ts';
import type {
  ChangePassword,
  Login,
  SessionInfo,
  SessionSummary as SessionSummarySchema,
} from '../../shared/contracts/auth.ts';
import type { ErrorBody } from '../../shared/contracts/common.ts';
import type {
  CreateOrganisation,
  Organisation,
  UpdateOrganisation,
} from '../../shared/contracts/organisations.ts';
import type { ApiToken, CreateApiToken, CreatedApiToken } from '../../shared/contracts/tokens.ts';
import type { CreatedUser, CreateUser, SetRole, UpdateUser, User } from '../../shared/contracts/users.ts';
import type { Confidentiality, OrganisationKind, Role } from '../../shared/vocab.ts';

export type { ApiToken, AuditEntry, Organisation, SessionInfo, User };
export type SessionSummary = z.infer<typeof SessionSummarySchema>;
export type AuditPageResult = z.infer<typeof AuditPage>;
export type AuditVerdict = z.infer<typeof AuditVerdictSchema>;
export type AuditFilters = Partial<z.input<typeof AuditQuery>>;
export type CreatedUserResult = z.infer<typeof CreatedUser>;
export type CreatedApiTokenResult = z.infer<typeof CreatedApiToken>;
export type FieldIssue = NonNullable<ErrorBody['error']['issues']>[number];

export interface Vocabulary {
  organisationKinds: OrganisationKind[];
  roles: { code: Role; permissions: string[]; clearance: Confidentiality }[];
  permissions: Record<string, string>;
  confidentialityLevels: Confidentiality[];
}

/** Codes the server sends, plus `network` when the server could not be reached at all. */
export type ApiErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal'
  | 'network';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly status: number,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The issue for one form field; request-part prefixes such as `body.` are ignored. */
  issueFor(field: string): FieldIssue | undefined {
    return this.issues.find((i) => normaliseField(i.field) === field);
  }
}

function normaliseField(field: string): string {
  return field.replace(/^(body|querystring|params)\.?/, '');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Called when a request fails with 401 although the app believed it was signed in (expired session). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function remember(info: SessionInfo): SessionInfo {
  csrfToken = info.csrfToken;
  return info;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError('network', cause instanceof Error ? cause.message : String(cause), 0);
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const err = (data as Partial<ErrorBody> | null)?.error;
    const apiError = new ApiError(
      err?.code ?? (response.status >= 500 ? 'internal' : 'validation'),
      err?.message ?? `${response.status} ${response.statusText}`,
      response.status,
      err?.issues ?? [],
    );
    if (response.status === 401 && path !== '/api/session') onUnauthenticated?.();
    throw apiError;
  }
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  session: {
    /** The current session, or null when nobody is signed in. */
    async current(): Promise<SessionInfo | null> {
      try {
        return remember(await request<SessionInfo>('GET', '/api/session'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          csrfToken = null;
          return null;
        }
        throw e;
      }
    },
    async signIn(body: z.input<typeof Login>): Promise<SessionInfo> {
      return remember(await request<SessionInfo>('POST', '/api/session', body));
    },
    async signOut(): Promise<void> {
      try {
        await request('DELETE', '/api/session');
      } finally {
        csrfToken = null;
      }
    },
    changePassword: (body: z.input<typeof ChangePassword>) =>
      request<{ ok: true }>('POST', '/api/session/password', body),
    async switchOrganisation(organisationId: string): Promise<SessionInfo> {
      return remember(await request<SessionInfo>('POST', '/api/session/organisation', { organisationId }));
    },
    list: () => request<{ sessions: SessionSummary[] }>('GET', '/api/session/sessions'),
    revoke: (id: string) => request<{ ok: true }>('DELETE', `/api/session/sessions/${enc(id)}`),
  },
  organisations: {
    list: () => request<{ organisations: Organisation[] }>('GET', '/api/organisations'),
    get: (id: string) => request<Organisation>('GET', `/api/organisations/${enc(id)}`),
    create: (body: CreateOrganisation) => request<Organisation>('POST', '/api/organisations', body),
    update: (id: string, body: UpdateOrganisation) =>
      request<Organisation>('PATCH', `/api/organisations/${enc(id)}`, body),
  },
  users: {
    list: (organisationId?: string) =>
      request<{ users: User[] }>('GET', '/api/users', undefined, { organisationId }),
    create: (body: CreateUser) => request<CreatedUserResult>('POST', '/api/users', body),
    update: (id: string, body: z.input<typeof UpdateUser>) =>
      request<User>('PATCH', `/api/users/${enc(id)}`, body),
    setRole: (id: string, body: z.input<typeof SetRole>) =>
      request<User>('PUT', `/api/users/${enc(id)}/role`, body),
    removeMembership: (id: string, organisationId: string) =>
      request<{ ok: true }>('DELETE', `/api/users/${enc(id)}/memberships/${enc(organisationId)}`),
    resetPassword: (id: string) =>
      request<{ oneTimePassword: string }>('POST', `/api/users/${enc(id)}/password-reset`),
  },
  tokens: {
    list: () => request<{ tokens: ApiToken[] }>('GET', '/api/tokens'),
    create: (body: z.input<typeof CreateApiToken>) =>
      request<CreatedApiTokenResult>('POST', '/api/tokens', body),
    revoke: (id: string) => request<{ ok: true }>('DELETE', `/api/tokens/${enc(id)}`),
  },
  audit: {
    search: (filters: AuditFilters) =>
      request<AuditPageResult>('GET', '/api/audit', undefined, filters as Query),
    verify: () => request<AuditVerdict>('GET', '/api/audit/verify'),
  },
  vocab: () => request<Vocabulary>('GET', '/api/vocab'),
};
