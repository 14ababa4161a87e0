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
  const inferred = options.type ? null : inferType(a, b);
  const type = options.type ?? inferred!.type;
  const pa = prepareName(a, type);
  const pb = prepareName(b, type);
  const details = alignNames(pa, pb, type);
  const explanation = explainNames(pa, pb, details);
  if (inferred) explanation.unshift(inferred.reason);
  explanation.push(`Score ${details.score.toFixed(2)}.`);
  return { score: details.score, explanation, details };
}

/**
 * Without a type, the names say what they are: a number, a legal form or a company word (trading,
 * general, shipping...) makes them an organisation's or a vessel's, whose numbers must agree
 * ("Ocean Star 1" is not "Ocean Star 2"); otherwise they are compared as people's names.
 */
export function inferType(a: string, b: string): { type: EntityType; reason: string } {
  for (const text of [a, b]) {
    const asOrganisation = prepareName(text, 'organization');
    // "al", "bin", "van" are generic in a company's name but particles of people's names.
    const particles = new Set(
      prepareName(text, 'person')
        .tokens.filter((t) => t.kind === 'particle')
        .map((t) => t.text),
    );
    const sign =
      asOrganisation.numbers.length > 0
        ? `the number ${asOrganisation.numbers.join(', ')}`
        : asOrganisation.legalForms.length > 0
          ? `the legal form ${asOrganisation.legalForms.join(', ')}`
          : asOrganisation.tokens.find((t) => t.kind === 'generic' && !particles.has(t.text))?.text;
    if (sign !== undefined) {
      const what = sign.startsWith('the ') ? sign : `the word "${sign}"`;
      return {
        type: 'organization',
        reason: `No type given: compared as organisation names, because of ${what} in "${text}".`,
      };
    }
  }
  return { type: 'person', reason: "No type given: compared as people's names." };
}
