import { alignNames, type NameComparison } from './align.ts';
import { explainNames } from './explain.ts';
import { type EntityType, prepareName } from './normalise.ts';

/**
 * The score from which two names are reported as a possible match. Chosen on the name-bench pairs
 * (see bench/screening-quality.ts) as a whole, never for any pair in particular.
 */
export const DEFAULT_THRESHOLD = 0.8;

export interface CompareOptions {
  type?: EntityType;
}

export interface CompareResult {
  score: number;
  explanation: string[];
  details: NameComparison;
}

/** Compares two names for an analyst: a score in [0, 1] and the reasons for it. */
export function compareNames(a: string, b: string, options: CompareOptions = {}): CompareResult {
  const type = options.type ?? 'person';
  const pa = prepareName(a, type);
  const pb = prepareName(b, type);
  const details = alignNames(pa, pb, type);
  const explanation = explainNames(pa, pb, details);
  explanation.push(`Score ${details.score.toFixed(2)}.`);
  return { score: details.score, explanation, details };
}
