import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { validationError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { ScreenRequest } from '../contracts.ts';
import { compareNames, DEFAULT_THRESHOLD } from '../domain/matching/index.ts';
import { screenBatch } from './batch-screening.ts';
import { requireScreening } from './policy.ts';

type PartyType = 'person' | 'organization' | 'vessel' | 'any';

/**
 * A screening request as the API takes it (and the CLI for one name): up to 1,000 parties, refused
 * whole when one of them is malformed, so that a company's system learns of its mistake. Screened
 * and audited by the one batch service; each party's candidates come best first.
 */
export async function screenParties(ctx: AppContext, actor: Actor, input: unknown) {
  // Whoever may not screen hears so before anything about their input.
  requireScreening(actor);
  const request = parseInput(ScreenRequest, input);
  const batch = await screenBatch(ctx, actor, request);
  return {
    listVersion: batch.listVersion,
    threshold: batch.threshold,
    results: batch.screened.map((x) => ({ query: x.query as Record<string, unknown>, results: x.results })),
  };
}

function compare(a: string, b: string, type: PartyType) {
  const result = compareNames(a, b, type === 'any' ? {} : { type });
  return { score: Math.round(result.score * 1000) / 1000, explanation: result.explanation };
}

/** Why two names do or do not match, for an analyst. Reads nothing and changes nothing: not audited. */
export async function compareTwoNames(
  _ctx: AppContext,
  actor: Actor,
  a: string,
  b: string,
  type: PartyType = 'any',
) {
  requireScreening(actor);
  if (!a.trim() || !b.trim()) throw validationError('Give two names to compare.');
  return compare(a, b, type);
}

/** Many pairs at once (a file of pairs to score): `null` for a pair that lacks one of its names. */
export async function compareNamePairs(
  _ctx: AppContext,
  actor: Actor,
  pairs: readonly { a?: string; b?: string; type: PartyType }[],
) {
  requireScreening(actor);
  return pairs.map((p) => (p.a?.trim() && p.b?.trim() ? compare(p.a, p.b, p.type) : null));
}

export { DEFAULT_THRESHOLD };
