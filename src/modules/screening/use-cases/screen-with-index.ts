import { validationError } from '../../../platform/errors.ts';
import type { ScreenQuery } from '../contracts.ts';
import { screen } from '../domain/matching/index.ts';
import type { LoadedIndex } from './index-cache.ts';

/** A candidate as screening presents it: score rounded to three decimals, with its explanation. */
export interface ScreenHitResult {
  ref: string;
  source: string;
  type: string;
  name: string;
  matchedName: string;
  score: number;
  explanation: string[];
}

/** A query as the contract parsed it (type defaulted, country upper-cased). */
export type ParsedScreenQuery = ReturnType<typeof ScreenQuery.parse>;

/** The list versions an index holds, e.g. "un-sc 2018-10-29, ofac-sdn 2024-05-03". */
export function describeVersions(loaded: LoadedIndex): string {
  return loaded.versions.map((v) => `${v.source} ${v.version}`).join(', ');
}

/** Without a list, every party would come out clean: refuse instead. */
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
  q: ParsedScreenQuery,
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
