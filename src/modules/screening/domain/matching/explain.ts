import type { MatchHow, NameComparison, PartMatch } from './align.ts';
import type { PreparedName } from './normalise.ts';

/** Sentences an analyst can read: what matched what and how, what did not, and why the score. */

const HOW: Record<MatchHow, string> = {
  exact: 'exact',
  spelling: 'same name, another transliteration',
  variant: 'known variant of the same name',
  equivalent: 'equivalent name in another language or a familiar form',
  phonetic: 'sounds alike',
  skeleton: 'same consonants (one side written without vowels)',
  fuzzy: 'similar spelling',
  initial: 'initial',
  joined: 'written as one word on one side',
  acronym: 'acronym',
};

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function describePair(p: PartMatch): string {
  const how = HOW[p.how];
  return p.how === 'exact'
    ? `"${p.a}" = "${p.b}" (exact)`
    : `"${p.a}" ~ "${p.b}" (${how}, ${pct(p.similarity)})`;
}

export function explainNames(
  a: PreparedName,
  b: PreparedName,
  c: NameComparison,
  labels: { a: string; b: string } = { a: 'first name', b: 'second name' },
): string[] {
  const lines: string[] = [];
  if (c.pairs.length > 0) lines.push(`Matched parts: ${c.pairs.map(describePair).join('; ')}.`);
  else lines.push('No name part of one name matches a part of the other.');
  if (c.unmatchedA.length > 0 && c.unmatchedB.length > 0) {
    lines.push(
      `Parts that differ on both sides (count strongly against): ${labels.a} "${c.unmatchedA.join(' ')}", ${labels.b} "${c.unmatchedB.join(' ')}".`,
    );
  } else if (c.unmatchedA.length > 0) {
    lines.push(`Parts only in the ${labels.a} (count a little against): "${c.unmatchedA.join(' ')}".`);
  } else if (c.unmatchedB.length > 0) {
    lines.push(`Parts only in the ${labels.b} (count a little against): "${c.unmatchedB.join(' ')}".`);
  }
  const ignored = [...a.removed, ...b.removed];
  if (ignored.length > 0) {
    lines.push(`Ignored: ${[...new Set(ignored.map((r) => `${r.reason} "${r.text}"`))].join(', ')}.`);
  }
  const generic = [...a.tokens, ...b.tokens].filter((t) => t.kind === 'generic').map((t) => t.text);
  if (generic.length > 0 && a.type !== 'person') {
    lines.push(`Generic words weigh little: ${[...new Set(generic)].join(', ')}.`);
  }
  lines.push(
    `Name score ${c.baseScore.toFixed(2)}: matched weight ${c.matchedWeight.toFixed(1)} at their similarity, against ` +
      `${c.conflictWeight.toFixed(1)} of differing parts and ${c.extraWeight.toFixed(1)} of one-sided parts.`,
  );
  for (const adj of c.adjustments) {
    if (adj.cap !== undefined) lines.push(`Limited to ${adj.cap.toFixed(2)}: ${adj.reason}.`);
    else if (adj.factor !== undefined) lines.push(`Multiplied by ${adj.factor}: ${adj.reason}.`);
  }
  return lines;
}
