/**
 * Client for the screening API. It reuses the ApiError of the main client so that ErrorAlert and
 * field errors work the same; state-changing calls carry the session's CSRF token, which the
 * caller passes from the session (the main client keeps its copy private).
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import type {
  HIT_DECISIONS,
  PARTY_TYPES,
  ScreenHit as ScreenHitSchema,
} from '../../shared/contracts/screening.ts';
import { ApiError } from './client.ts';

export type PartyType = (typeof PARTY_TYPES)[number];
export type HitDecision = (typeof HIT_DECISIONS)[number];
export type HitStatus = 'open' | HitDecision;
export type ScreenCandidate = z.infer<typeof ScreenHitSchema>;

export interface ScreenQueryInput {
  name: string;
  type?: PartyType;
  dob?: string;
  country?: string;
}

export interface ScreenResult {
  listVersion: string;
  threshold: number;
  results: { query: Record<string, unknown>; results: ScreenCandidate[] }[];
}

export interface ListVersion {
  id: string;
  source: string;
  version: string;
  generatedAt: string;
  fileName: string | null;
  loadedAt: string;
  loadedBy: string;
}

export interface Hit {
  id: string;
  organisationId: string;
  partyId: string | null;
  query: Record<string, unknown>;
  source: string;
  ref: string;
  matchedName: string;
  score: number;
  explanation: string[];
  listVersionId: string;
  status: HitStatus | (string & {});
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface Party {
  id: string;
  organisationId: string;
  name: string;
  type: PartyType | (string & {});
  externalId: string | null;
  dob: string | null;
  country: string | null;
  createdAt: string;
}

export interface ScreeningNotification {
  id: string;
  organisationId: string;
  kind: string;
  title: string;
  body: {
    partyId?: string;
    versionId?: string;
    hits?: { ref: string; source: string; name: string }[];
  } | null;
  createdAt: string;
  readAt: string | null;
}

/** The parts of a designation this app shows; the server sends more. */
export interface Designation {
  source: string;
  ref: string;
  type: string;
  regime: string;
  name: string;
  originalScriptName: string | null;
  aliases: { name: string; quality: string; kind: string; weak: boolean; note?: string }[];
  titles: string[];
  designations: string[];
  nationalities: { raw: string; iso3: string | null; qualifier?: string }[];
  birthDates: { raw: string; approximate: boolean; note?: string }[];
  documents: {
    type: string;
    number: string | null;
    country?: string;
    countryIso3?: string | null;
    note?: string;
  }[];
  listedOn: string | null;
  narrative: string | null;
}

export interface DesignationDetail {
  designation: Designation;
  listedInCurrentVersion: boolean;
  history: {
    version: string;
    generatedAt: string;
    changes: { field: string; before: unknown; after: unknown }[];
  }[];
}

async function call<T>(method: string, path: string, csrfToken: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
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
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; issues?: [] } } | null)?.error;
    throw new ApiError(
      err?.code ?? (response.status >= 500 ? 'internal' : 'validation'),
      err?.message ?? `${response.status} ${response.statusText}`,
      response.status,
      err?.issues ?? [],
    );
  }
  return data as T;
}

const enc = encodeURIComponent;
const qs = (params: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function screeningApi(csrfToken: string) {
  return {
    screen: (queries: ScreenQueryInput[], threshold?: number) =>
      call<ScreenResult>('POST', '/api/screen', csrfToken, { queries, threshold }),
    lists: () => call<{ versions: ListVersion[] }>('GET', '/api/lists', csrfToken),
    designation: (source: string, ref: string) =>
      call<DesignationDetail>('GET', `/api/designations/${enc(source)}/${enc(ref)}`, csrfToken),
    parties: (organisationId: string) =>
      call<{ parties: Party[] }>('GET', `/api/parties${qs({ organisationId })}`, csrfToken),
    addParty: (body: {
      organisationId: string;
      name: string;
      type: PartyType;
      dob?: string;
      country?: string;
    }) => call<{ party: Party; hits: Hit[] }>('POST', '/api/parties', csrfToken, body),
    hits: (organisationId: string, status?: string) =>
      call<{ hits: Hit[] }>('GET', `/api/hits${qs({ organisationId, status })}`, csrfToken),
    recordHits: (organisationId: string, query: Record<string, unknown>, results: ScreenCandidate[]) =>
      call<{ hits: Hit[] }>('POST', '/api/hits', csrfToken, { organisationId, query, results }),
    decide: (id: string, decision: HitDecision, reason: string) =>
      call<Hit>('POST', `/api/hits/${enc(id)}/decision`, csrfToken, { decision, reason }),
    notifications: () =>
      call<{ notifications: ScreeningNotification[] }>('GET', '/api/notifications', csrfToken),
  };
}

export type ScreeningApi = ReturnType<typeof screeningApi>;

/** The screening API bound to the current session's CSRF token. */
export function useScreeningApi(csrfToken: string): ScreeningApi {
  return useMemo(() => screeningApi(csrfToken), [csrfToken]);
}

/** "un-sc 2018-10-29…" for a list version id, from GET /api/lists. */
export function versionLabel(versions: ListVersion[] | undefined, id: string): string {
  const v = versions?.find((x) => x.id === id);
  return v ? `${v.source} ${v.version}` : id;
}
