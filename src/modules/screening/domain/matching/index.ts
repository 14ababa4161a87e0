/**
 * Name matching for sanctions screening: pure functions, no I/O.
 * - compareNames(a, b, {type}) for an analyst comparing two names;
 * - buildIndex(entries) once per list version, then screen(index, query, {threshold, limit}).
 */
export type { MatchHow, NameComparison, PartMatch, ScoreAdjustment } from './align.ts';
export { type CompareOptions, type CompareResult, compareNames, DEFAULT_THRESHOLD } from './compare.ts';
export { type EntityType, normaliseText, prepareName } from './normalise.ts';
export type { BirthDate, Gender, IdentityDocument, PartyFacts, QueryFacts } from './qualifiers.ts';
export {
  buildIndex,
  type ListEntry,
  type ListedName,
  type NameQuality,
  type ScreeningIndex,
  type ScreenOptions,
  type ScreenQuery,
  type ScreenResult,
  screen,
} from './screen.ts';
export { toAscii } from './transliterate.ts';
