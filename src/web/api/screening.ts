/**
 * Client for the screening API, on the main client's request function: the same errors, CSRF
 * token and session-expiry handling as every other page.
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import type {
  HIT_DECISIONS,
  PARTY_TYPES,
  ScreenHit as ScreenHitSchema,
} from '../../modules/screening/contracts.ts';
import { request } from './client.ts';

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
  /** Designations in the version, by kind; versions loaded before counts were kept may lack some. */
  counts: { persons?: number; entities?: number; total?: number } | null;
}

/** A designated party as listed in the version of its list in force on the date asked for. */
export interface ListedDesignation {
  source: string;
  ref: string;
  name: string;
  type: string;
  /** The list version in force on that date. */
  version: string;
}

export interface DesignationsQuery {
  /** YYYY-MM-DD or an ISO 8601 instant; the newest versions when left out. */
  asOf?: string;
  /** Part of a name, or a whole reference number. */
  q?: string;
  source?: string;
  /** Per list; at most 500. */
  limit?: number;
}

/** One field that differs between two versions of a designation. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** For list fields: the elements only in the newer version, and only in the older one. */
  added?: unknown[];
  removed?: unknown[];
}

/** GET /api/lists/diff: what changed from one version of a list to another, by reference number. */
export interface ListDiff {
  source: string;
  fromVersion: string;
  toVersion: string;
  added: string[];
  removed: string[];
  changed: { ref: string; name: string; fields: FieldChange[] }[];
  unchanged: number;
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
    changes: FieldChange[];
  }[];
}

const enc = encodeURIComponent;

export function screeningApi() {
  return {
    screen: (queries: ScreenQueryInput[], threshold?: number) =>
      request<ScreenResult>('POST', '/api/screen', { queries, threshold }),
    lists: () => request<{ versions: ListVersion[] }>('GET', '/api/lists'),
    designations: ({ asOf, q, source, limit }: DesignationsQuery) =>
      request<{ asOf: string | null; items: ListedDesignation[] }>('GET', '/api/designations', undefined, {
        asOf,
        q,
        source,
        limit,
      }),
    diff: (from: string, to: string) => request<ListDiff>('GET', '/api/lists/diff', undefined, { from, to }),
    designation: (source: string, ref: string) =>
      request<DesignationDetail>('GET', `/api/designations/${enc(source)}/${enc(ref)}`),
    parties: (organisationId: string) =>
      request<{ parties: Party[] }>('GET', '/api/parties', undefined, { organisationId }),
    addParty: (body: {
      organisationId: string;
      name: string;
      type: PartyType;
      dob?: string;
      country?: string;
    }) => request<{ party: Party; hits: Hit[] }>('POST', '/api/parties', body),
    hits: (organisationId: string, status?: string) =>
      request<{ hits: Hit[] }>('GET', '/api/hits', undefined, { organisationId, status }),
    recordHits: (organisationId: string, query: Record<string, unknown>, results: ScreenCandidate[]) =>
      request<{ hits: Hit[] }>('POST', '/api/hits', { organisationId, query, results }),
    decide: (id: string, decision: HitDecision, reason: string) =>
      request<Hit>('POST', `/api/hits/${enc(id)}/decision`, { decision, reason }),
    notifications: () => request<{ notifications: ScreeningNotification[] }>('GET', '/api/notifications'),
  };
}

export type ScreeningApi = ReturnType<typeof screeningApi>;

/** The screening API; calls go through the main client (CSRF token, session expiry). */
export function useScreeningApi(): ScreeningApi {
  return useMemo(() => screeningApi(), []);
}

/** "un-sc 2018-10-29…" for a list version id, from GET /api/lists. */
export function versionLabel(versions: ListVersion[] | undefined, id: string): string {
  const v = versions?.find((x) => x.id === id);
  return v ? `${v.source} ${v.version}` : id;
}
