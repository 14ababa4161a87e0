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
  ChangePassword,
  Login,
  SessionInfo,
  SessionSummary as SessionSummarySchema,
} from '../../modules/identity/contracts/auth.ts';
import type {
  CreateOrganisation,
  Organisation,
  UpdateOrganisation,
} from '../../modules/identity/contracts/organisations.ts';
import type { ApiToken, CreateApiToken, CreatedApiToken } from '../../modules/identity/contracts/tokens.ts';
import type {
  CreatedUser,
  CreateUser,
  SetRole,
  UpdateUser,
  User,
} from '../../modules/identity/contracts/users.ts';
import type {
  Attachment as AttachmentSchema,
  CreateSite,
  ImportMapping,
  ImportSummary,
  LedgerEvent,
  LotDetail as LotDetailSchema,
  LotSummary as LotSummarySchema,
  MarkingInput,
  RecordEvent,
  RegisterLot,
  RegisterWeapon,
  Site as SiteSchema,
  WeaponDetail,
  WeaponQuery,
  WeaponSummary,
} from '../../modules/registry/contracts.ts';
import type {
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditVerdict as AuditVerdictSchema,
} from '../../platform/audit/contracts.ts';
import type { ErrorBody } from '../../platform/contracts/common.ts';
import type { Confidentiality, OrganisationKind, Role } from '../../reference/vocab.ts';

export type {
  ApiToken,
  AuditEntry,
  ImportMapping,
  ImportSummary,
  LedgerEvent,
  Organisation,
  SessionInfo,
  User,
  WeaponDetail,
  WeaponSummary,
};
export type Attachment = z.infer<typeof AttachmentSchema>;
export type Site = z.infer<typeof SiteSchema>;
export type LotSummary = z.infer<typeof LotSummarySchema>;
export type LotDetail = z.infer<typeof LotDetailSchema>;
export type WeaponFilters = Partial<z.input<typeof WeaponQuery>>;
export type { MarkingInput, RecordEvent, RegisterWeapon };
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

/** One entry of a registry vocabulary (GET /api/vocab/registry), with its English and French labels. */
export interface VocabItem {
  code: string;
  label: string;
  labelFr: string;
}

export interface CategoryItem extends VocabItem {
  group: string;
  trackedBy: 'piece' | 'lot';
}

export interface RegistryVocabulary {
  categories: CategoryItem[];
  'event-types': VocabItem[];
  statuses: VocabItem[];
  'marking-kinds': VocabItem[];
  'marking-positions': VocabItem[];
  scripts: VocabItem[];
  conditions: VocabItem[];
  'document-kinds': VocabItem[];
  calibres: VocabItem[];
}

/** The upload and preview of an inventory file: the detected header, mapping and first rows. */
export interface ImportPreview {
  importId: string;
  fileName: string;
  status: string;
  /** 1-based row number of the header in the file, or null when none was recognised. */
  headerRow: number | null;
  headers: string[];
  /** field -> 0-based column index. */
  columns: Record<string, number>;
  unmapped: { column: number; header: string }[];
  rows: { row: number; cells: string[] }[];
}

export type ImportStatusCode = 'uploaded' | 'running' | 'done' | 'rejected' | 'checked' | 'failed';

export interface ImportStatus {
  importId: string;
  fileName: string;
  status: ImportStatusCode | (string & {});
  rowsRead: number;
  /** While running: reading rows, rebuilding the indexes (large first imports), or committing. */
  phase: 'reading' | 'indexing' | 'finishing' | null;
  summary: ImportSummary | null;
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

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

/**
 * One API call. A FormData body is sent as multipart/form-data (the browser sets the boundary);
 * anything else as JSON. Either way a state-changing call carries the CSRF token.
 */
export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? (body as FormData) : JSON.stringify(body),
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
  registry: {
    vocab: () => request<RegistryVocabulary>('GET', '/api/vocab/registry'),
    sites: (organisationId: string) =>
      request<{ sites: Site[] }>('GET', '/api/sites', undefined, { organisationId }),
    createSite: (body: z.input<typeof CreateSite>) => request<Site>('POST', '/api/sites', body),
  },
  weapons: {
    list: (filters: WeaponFilters) =>
      request<{ total: number; items: WeaponSummary[] }>('GET', '/api/weapons', undefined, filters as Query),
    get: (id: string) => request<WeaponDetail>('GET', `/api/weapons/${enc(id)}`),
    register: (body: RegisterWeapon) => request<WeaponDetail>('POST', '/api/weapons', body),
    recordEvent: (id: string, body: RecordEvent) =>
      request<WeaponDetail>('POST', `/api/weapons/${enc(id)}/events`, body),
    addMarking: (id: string, body: MarkingInput) =>
      request<WeaponDetail>('POST', `/api/weapons/${enc(id)}/markings`, body),
    /** Uploads a photograph or scanned document; the role goes before the file, as the server reads it. */
    attach: (id: string, role: string, file: File) => {
      const form = new FormData();
      form.append('role', role);
      form.append('file', file, file.name);
      return request<{ id: string }>('POST', `/api/weapons/${enc(id)}/attachments`, form);
    },
    issueMarkingCodes: (body: { weaponIds: string[]; country?: string; year?: number }) =>
      request<{ issued: { weaponId: string; code: string }[] }>('POST', '/api/weapons/marking-codes', body),
    exportUrl: (organisationId: string, format: ExportFormat) =>
      withQuery('/api/weapons/export', { organisationId, format }),
  },
  attachments: {
    url: (id: string, thumbnail = false) =>
      withQuery(`/api/attachments/${enc(id)}`, { thumbnail: thumbnail ? 1 : undefined }),
  },
  lots: {
    list: (query: {
      organisationId?: string;
      q?: string;
      calibre?: string;
      limit?: number;
      offset?: number;
    }) => request<{ total: number; items: LotSummary[] }>('GET', '/api/lots', undefined, query),
    get: (id: string) => request<LotDetail>('GET', `/api/lots/${enc(id)}`),
    register: (body: z.input<typeof RegisterLot>) => request<LotDetail>('POST', '/api/lots', body),
    recordEvent: (id: string, body: RecordEvent) =>
      request<LotDetail>('POST', `/api/lots/${enc(id)}/events`, body),
  },
  imports: {
    /** Uploads an inventory; the organisation goes before the file, as the server reads it. */
    upload: (organisationId: string, file: File) => {
      const form = new FormData();
      form.append('organisationId', organisationId);
      form.append('file', file, file.name);
      return request<ImportPreview>('POST', '/api/imports', form);
    },
    preview: (id: string, mapping: ImportMapping) =>
      request<ImportPreview>('POST', `/api/imports/${enc(id)}/preview`, mapping),
    run: (
      id: string,
      body: { mapping?: ImportMapping; partial: boolean; dryRun: boolean; registeredOn?: string },
    ) => request<{ importId: string; status: string }>('POST', `/api/imports/${enc(id)}/run`, body),
    status: (id: string) => request<ImportStatus>('GET', `/api/imports/${enc(id)}`),
    rejectsUrl: (id: string) => `/api/imports/${enc(id)}/rejects`,
  },
};
