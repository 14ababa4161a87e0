import { isInstallationAdmin, organisationsWith } from '../../../platform/access/access.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { forbidden, validationError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { type ScreenQuery, ScreenRequest } from '../contracts.ts';
import { compareNames, DEFAULT_THRESHOLD, screen } from '../domain/matching/index.ts';
import { type LoadedIndex, screeningIndex } from './index-cache.ts';

export interface ScreenHitResult {
  ref: string;
  source: string;
  type: string;
  name: string;
  matchedName: string;
  score: number;
  explanation: string[];
}

export function requireScreening(actor: Actor): void {
  if (isInstallationAdmin(actor)) return;
  const orgs = organisationsWith(actor, 'screening.run');
  if (orgs !== 'all' && orgs.length === 0)
    throw forbidden('Your roles do not include screening. Ask an administrator for the screener role.');
}

export function describeVersions(loaded: LoadedIndex): string {
  return loaded.versions.map((v) => `${v.source} ${v.version}`).join(', ');
}

export function requireLists(loaded: LoadedIndex): void {
  if (loaded.entries === 0) {
    throw validationError(
      'No designations list is loaded yet. An installation administrator loads one with "materiel lists load FILE".',
    );
  }
}

/** Screens one parsed query against the index in force. */
export function screenWith(
  loaded: LoadedIndex,
  q: ReturnType<typeof ScreenQuery.parse>,
  threshold: number,
  limit: number,
): ScreenHitResult[] {
  return screen(
    loaded.index,
    {
      name: q.name,
      type: q.type,
      birthDate: q.dob,
      nationality: q.country,
      gender: q.gender,
      documents: q.documents,
    },
    { threshold, limit },
  ).map((r) => ({
    ref: r.ref,
    source: r.source,
    type: r.type,
    name: r.name,
    matchedName: r.matchedName,
    score: Math.round(r.score * 1000) / 1000,
    explanation: r.explanation,
  }));
}

/** Screens up to 1,000 parties against every list in force; results are ordered by score. */
export async function screenParties(ctx: AppContext, actor: Actor, input: unknown) {
  requireScreening(actor);
  const request = parseInput(ScreenRequest, input);
  const loaded = await screeningIndex(ctx);
  requireLists(loaded);
  const threshold = request.threshold ?? DEFAULT_THRESHOLD;
  return {
    listVersion: describeVersions(loaded),
    threshold,
    results: request.queries.map((q) => ({
      query: q as Record<string, unknown>,
      results: screenWith(loaded, q, threshold, request.limit),
    })),
  };
}

/** Why two names do or do not match, for an analyst. */
export function compareTwoNames(
  a: string,
  b: string,
  type: 'person' | 'organization' | 'vessel' | 'any' = 'any',
) {
  if (!a.trim() || !b.trim()) throw validationError('Give two names to compare.');
  const result = compareNames(a, b, type === 'any' ? {} : { type });
  return { score: Math.round(result.score * 1000) / 1000, explanation: result.explanation };
}

export { DEFAULT_THRESHOLD, screeningIndex };
