import { LEGAL_FORM_FAMILY } from './lexicon.ts';
import type { EntityType, NameToken, PreparedName } from './normalise.ts';
import { sharePhoneticKey } from './phonetic.ts';
import { editBudget, editDistance, editSimilarity } from './similarity.ts';
import { variantKeys, variantKindOf } from './variants.ts';

/**
 * Compares two prepared names part by part, in any order, and turns the alignment into a score.
 *
 * The score is a weighted mean of part similarities whose denominator also carries the parts left
 * unmatched. Unmatched parts count in two ways, because they mean different things:
 * - a part missing on one side only (a dropped middle name, a patronymic, a branch's country) is
 *   common for the same person or company and costs little (COSTS.extra);
 * - parts unmatched on both sides are substitutions (another given name, another family name,
 *   another product word) and are the strongest sign of a different party (COSTS.conflict).
 */
export type MatchHow =
  | 'exact'
  | 'spelling'
  | 'variant'
  | 'equivalent'
  | 'phonetic'
  | 'skeleton'
  | 'fuzzy'
  | 'initial'
  | 'joined'
  | 'acronym';

export interface PartMatch {
  a: string;
  b: string;
  how: MatchHow;
  similarity: number;
  weight: number;
}

export interface ScoreAdjustment {
  reason: string;
  /** The name score is multiplied by this factor... */
  factor?: number;
  /** ...or limited to this ceiling. */
  cap?: number;
}

export interface NameComparison {
  score: number;
  /** Score before adjustments: matched weight over matched, conflicting and extra weight. */
  baseScore: number;
  pairs: PartMatch[];
  unmatchedA: string[];
  unmatchedB: string[];
  matchedWeight: number;
  conflictWeight: number;
  extraWeight: number;
  adjustments: ScoreAdjustment[];
}

export interface Similar {
  score: number;
  how: MatchHow;
}

/** Similarity of two single parts; the screening index passes a memoised one. */
export type PartSimilarityFn = (a: NameToken, b: NameToken) => Similar | undefined;

/** Part pairs below this similarity are not aligned: they count as unmatched. */
const PAIR_MIN = 0.5;
/** A part with a match this good is not considered for joining with its neighbours. */
const STRONG = 0.85;

const COSTS: Record<EntityType, { conflict: number; extra: number }> = {
  person: { conflict: 1.5, extra: 0.2 },
  organization: { conflict: 1.5, extra: 0.45 },
  vessel: { conflict: 1.5, extra: 0.45 },
};

/** Below this length, a shared Double Metaphone code says too little (Tom/Tim, Ali/Eli). */
const MIN_PHONETIC_LENGTH = 4;
const CJK = new Set(['han', 'hangul']);

const KOREAN_FOLD: ReadonlyArray<readonly [RegExp, string]> = [
  [/eo/g, 'o'],
  [/eu/g, 'u'],
  [/ae/g, 'e'],
  [/oe/g, 'o'],
  [/g/g, 'k'],
  [/d/g, 't'],
  [/b/g, 'p'],
  [/r/g, 'l'],
  [/j/g, 'ch'],
];

/** Korean romanisations disagree on voicing and vowels: Gim/Kim, Jeong/Chong, Bak/Pak. */
function koreanFold(word: string): string {
  let out = word;
  for (const [p, r] of KOREAN_FOLD) out = out.replace(p, r);
  return out;
}

/** Similarity of two name parts, with the kind of evidence that supports it. */
export function partSimilarity(a: NameToken, b: NameToken): Similar | undefined {
  if (a.original !== undefined && b.original !== undefined && a.script === b.script && CJK.has(a.script)) {
    // Both in Chinese or Korean characters: each character is a syllable of its own, and many
    // different characters sound the same, so compare the characters, not the transliteration.
    if (a.original === b.original) return { score: 1, how: 'exact' };
    const sim = editSimilarity(editDistance(a.original, b.original), a.original.length, b.original.length);
    return sim >= 0.75 ? { score: sim, how: 'fuzzy' } : undefined;
  }
  if (a.text === b.text) return { score: 1, how: 'exact' };
  if (a.kind === 'initial' || b.kind === 'initial') {
    const [initial, other] = a.kind === 'initial' ? [a, b] : [b, a];
    if (other.kind === 'initial') return undefined;
    return other.text.startsWith(initial.text) ? { score: 0.85, how: 'initial' } : undefined;
  }
  if (a.fold === b.fold) return { score: 0.95, how: 'spelling' };
  if (a.key === b.key) return { score: 0.93, how: 'variant' };
  const variant = variantKindOf(a.groups, b.groups);
  if (variant === 'spelling') return { score: 0.93, how: 'variant' };
  if (variant === 'equivalent') return { score: 0.85, how: 'equivalent' };
  // Distance on the folded spelling and on the letters as written; the smaller counts, because
  // folding can also pull two spellings apart ("Troost" folds to "trust").
  // Beyond the edit budget a distance only matters to words that sound alike (a phonetic match
  // may be two slips further away); for the others, knowing "over budget" is enough, and the
  // table is cut short much sooner.
  const soundAlike = sharePhoneticKey(a.phonetic, b.phonetic);
  const slack = soundAlike ? 2 : 0;
  const foldLength = Math.max(a.fold.length, b.fold.length);
  let distance = editDistance(a.fold, b.fold, editBudget(foldLength) + slack);
  let longest = foldLength;
  // (Most words fold to themselves: then the letters as written say nothing new.)
  if (distance > editBudget(foldLength) && (a.text !== a.fold || b.text !== b.fold)) {
    const textLength = Math.max(a.text.length, b.text.length);
    const textDistance = editDistance(a.text, b.text, editBudget(textLength) + slack);
    if (textDistance / textLength < distance / foldLength) {
      distance = textDistance;
      longest = textLength;
    }
  }
  const budget = editBudget(longest);
  const similarity = Math.max(0, 1 - distance / longest);
  const phonetic = longest >= MIN_PHONETIC_LENGTH && soundAlike;
  let best: Similar | undefined;
  if (distance <= budget) {
    best = phonetic
      ? { score: Math.max(similarity, 0.9), how: 'phonetic' }
      : { score: similarity, how: 'fuzzy' };
  } else if (phonetic && similarity >= 0.6) {
    best = { score: Math.max(similarity, 0.7), how: 'phonetic' };
  }
  if (a.vowelPoor !== b.vowelPoor) {
    // One side was written without (some) vowels: compare consonant skeletons.
    if (a.skeleton.length >= 2 && a.skeleton === b.skeleton) return { score: 0.9, how: 'skeleton' };
    if (Math.min(a.skeleton.length, b.skeleton.length) >= 3 && editDistance(a.skeleton, b.skeleton, 1) <= 1) {
      if (!best || best.score < 0.75) best = { score: 0.75, how: 'skeleton' };
    }
  }
  if ((a.script === 'hangul') !== (b.script === 'hangul') && koreanFold(a.text) === koreanFold(b.text)) {
    return { score: 0.9, how: 'spelling' };
  }
  return best;
}

/** A part of one name, or several consecutive parts joined because the other name writes them as one. */
interface Unit {
  token: NameToken;
  parts?: NameToken[];
  joined?: 'joined' | 'acronym';
}

function display(u: Unit): string {
  if (u.parts) return u.parts.map((p) => p.text).join(' ');
  return u.token.original ? `${u.token.original} (${u.token.text})` : u.token.text;
}

function joinTokens(run: NameToken[]): NameToken {
  const first = run[0]!;
  const text = run.map((t) => t.text).join('');
  const fold = run.map((t) => t.fold).join('');
  let weight = 0;
  let conflictWeight = 0;
  let extraWeight = 0;
  for (const t of run) {
    weight += t.weight;
    conflictWeight += t.conflictWeight;
    extraWeight += t.extraWeight;
  }
  return {
    ...first,
    text,
    fold,
    key: fold,
    groups: variantKeys(fold),
    phonetic: [],
    skeleton: run.map((t) => t.skeleton).join(''),
    kind: run.some((t) => t.kind === 'name') ? 'name' : first.kind,
    weight,
    conflictWeight,
    extraWeight,
  };
}

const JOINABLE: ReadonlySet<NameToken['kind']> = new Set(['name', 'generic', 'place', 'particle', 'initial']);

/**
 * Where one side writes as one word what the other writes as two to four ("VladimirPutin",
 * "Vanderbilt"/"van der Bilt", "Good Will"), or as an acronym ("PLA"), returns the join.
 */
function findJoin(
  u: NameToken,
  others: NameToken[],
  free: boolean[],
): { start: number; length: number; how: 'joined' | 'acronym' } | undefined {
  for (let k = 2; k <= 4; k++) {
    for (let j = 0; j + k <= others.length; j++) {
      let ok = true;
      let length = 0;
      for (let x = j; x < j + k && ok; x++) {
        ok = free[x]! && JOINABLE.has(others[x]!.kind);
        length += others[x]!.fold.length;
      }
      if (!ok) continue;
      const acronym = u.text.length === k;
      // Joined parts must come to about the length of the word they are compared with.
      if (!acronym && (u.fold.length < 4 || Math.abs(length - u.fold.length) > 2)) continue;
      if (u.fold.length >= 4) {
        let joined = '';
        for (let x = j; x < j + k; x++) joined += others[x]!.fold;
        const budget = editBudget(joined.length) - 1;
        if (
          joined === u.fold ||
          // A word with no variant group has no variant (and hashing the joined word costs).
          (u.groups.length > 0 && variantKindOf(variantKeys(joined), u.groups) !== undefined) ||
          (joined.length >= 8 &&
            (editDistance(joined, u.fold, budget) <= budget ||
              joinedTextWithin(others, j, k, u.text, budget)))
        ) {
          return { start: j, length: k, how: 'joined' };
        }
      }
      if (acronym && isAcronymOf(u.text, others, j, k)) {
        return { start: j, length: k, how: 'acronym' };
      }
    }
  }
  return undefined;
}

function joinedTextWithin(others: NameToken[], start: number, count: number, text: string, budget: number) {
  let joined = '';
  for (let x = start; x < start + count; x++) joined += others[x]!.text;
  return editDistance(joined, text, budget) <= budget;
}

function isAcronymOf(text: string, others: NameToken[], start: number, count: number): boolean {
  for (let x = 0; x < count; x++) if (others[start + x]!.text[0] !== text[x]) return false;
  return true;
}

/** Rebuilds one side's units with joins found for the other side's unmatched parts. */
function joinSide(
  long: NameToken[],
  longStrong: boolean[],
  parts: NameToken[],
  partsStrong: boolean[],
): Unit[] | undefined {
  const free = partsStrong.map((s) => !s);
  if (free.filter(Boolean).length < 2) return undefined;
  const joins: { start: number; length: number; how: 'joined' | 'acronym' }[] = [];
  for (let i = 0; i < long.length; i++) {
    const u = long[i]!;
    if (longStrong[i] || !JOINABLE.has(u.kind) || u.fold.length < 2) continue;
    const join = findJoin(u, parts, free);
    if (!join) continue;
    for (let x = join.start; x < join.start + join.length; x++) free[x] = false;
    joins.push(join);
  }
  if (joins.length === 0) return undefined;
  const units: Unit[] = [];
  for (let j = 0; j < parts.length; j++) {
    const join = joins.find((x) => x.start === j);
    if (join) {
      const run = parts.slice(j, j + join.length);
      units.push({ token: joinTokens(run), parts: run, joined: join.how });
      j += join.length - 1;
    } else {
      units.push({ token: parts[j]! });
    }
  }
  return units;
}

function unitSimilarity(ua: Unit, ub: Unit, sim: PartSimilarityFn): Similar | undefined {
  if (!ua.joined && !ub.joined) return sim(ua.token, ub.token);
  if ((ua.joined ?? ub.joined) === 'acronym') {
    const [acr, word] = ua.joined ? [ua, ub] : [ub, ua];
    const initials = acr.parts!.map((t) => t.text[0]).join('');
    return initials === word.token.text ? { score: 0.85, how: 'acronym' } : undefined;
  }
  const base = partSimilarity(ua.token, ub.token);
  return base && base.score >= 0.7 ? { score: Math.min(base.score, 0.95), how: 'joined' } : base;
}

interface Candidate {
  i: number;
  j: number;
  sim: Similar;
  /** How far apart the two parts stand in their names. */
  distance: number;
}

function isRotation(sequence: number[]): boolean {
  const n = sequence.length;
  for (let shift = 0; shift < n; shift++) {
    let ok = true;
    for (let k = 1; k < n && ok; k++) ok = sequence[(shift + k) % n]! > sequence[(shift + k - 1) % n]!;
    if (ok) return true;
  }
  return false;
}

/**
 * Cost of the parts left over. Leftovers on both sides are paired off, heaviest first, as
 * substitutions (a different part in the same place); what remains on the longer side is extra.
 */
function byConflictWeight(x: Unit, y: Unit): number {
  return y.token.conflictWeight - x.token.conflictWeight;
}

function unmatchedCost(leftA: Unit[], leftB: Unit[]): { conflict: number; extra: number } {
  if (leftA.length === 0 || leftB.length === 0) {
    // Nothing to pair off (the usual case): whatever is left is extra.
    let extra = 0;
    for (const u of leftA) extra += u.token.extraWeight;
    for (const u of leftB) extra += u.token.extraWeight;
    return { conflict: 0, extra };
  }
  if (leftA.length === 1 && leftB.length === 1) {
    // One part each: a substitution, nothing extra.
    return { conflict: (leftA[0]!.token.conflictWeight + leftB[0]!.token.conflictWeight) / 2, extra: 0 };
  }
  const byWeight = byConflictWeight;
  const sa = [...leftA].sort(byWeight);
  const sb = [...leftB].sort(byWeight);
  const n = Math.min(sa.length, sb.length);
  let conflict = 0;
  for (let k = 0; k < n; k++) conflict += (sa[k]!.token.conflictWeight + sb[k]!.token.conflictWeight) / 2;
  let extra = 0;
  for (const u of sa.slice(n)) extra += u.token.extraWeight;
  for (const u of sb.slice(n)) extra += u.token.extraWeight;
  return { conflict, extra };
}

const BIN = new Set(['bin', 'ben', 'ibn', 'bint', 'ould']);

/**
 * "Salman bin Muhammad" is Salman, son of Muhammad; "Muhammad bin Salman" has the two reversed:
 * another person. Detects the parts around "bin" matched crosswise.
 */
function swappedAroundBin(unitsA: Unit[], unitsB: Unit[], chosen: Candidate[]): boolean {
  const around = (units: Unit[]) => {
    const at = units.findIndex((u) => BIN.has(u.token.text));
    return at > 0 && at < units.length - 1 ? { before: at - 1, after: at + 1 } : undefined;
  };
  const ra = around(unitsA);
  const rb = around(unitsB);
  if (!ra || !rb) return false;
  const partner = new Map(chosen.map((c) => [c.i, c.j]));
  return partner.get(ra.before) === rb.after && partner.get(ra.after) === rb.before;
}

function organisationAdjustments(
  a: PreparedName,
  b: PreparedName,
  distinctivePair: boolean,
  unmatched: boolean,
  pairs: PartMatch[] | undefined,
  adjustments: ScoreAdjustment[],
): void {
  const allGeneric = !a.distinctive || !b.distinctive;
  if (allGeneric) {
    if (unmatched || a.distinctive !== b.distinctive) {
      adjustments.push({
        reason: 'only generic words (such as trading, general, company) in common',
        cap: 0.5,
      });
    }
  } else if (!distinctivePair) {
    adjustments.push({ reason: 'no distinctive word in common, only generic words', cap: 0.5 });
  }
  const numbersA = a.numbers;
  const numbersB = b.numbers;
  if (numbersA.length > 0 && numbersB.length > 0) {
    if (numbersA.join(' ') !== numbersB.join(' ')) {
      adjustments.push({
        reason: `numbers differ (${numbersA.join(', ')} vs ${numbersB.join(', ')})`,
        cap: 0.2,
      });
    } else {
      pairs?.push({ a: numbersA.join(' '), b: numbersB.join(' '), how: 'exact', similarity: 1, weight: 0 });
    }
  } else if (numbersA.length + numbersB.length > 0) {
    const which = numbersA.length > 0 ? numbersA : numbersB;
    // In a name of generic words the number is all that tells one entity from another.
    adjustments.push(
      allGeneric
        ? { reason: `number ${which.join(', ')} on one side only, in a name of generic words`, cap: 0.5 }
        : { reason: `number ${which.join(', ')} on one side only`, factor: 0.9 },
    );
  }
  if (a.legalForms.length > 0 && b.legalForms.length > 0) {
    const familiesA = a.legalForms
      .map((f) => (Object.hasOwn(LEGAL_FORM_FAMILY, f) ? LEGAL_FORM_FAMILY[f] : undefined))
      .filter(Boolean);
    const familiesB = b.legalForms
      .map((f) => (Object.hasOwn(LEGAL_FORM_FAMILY, f) ? LEGAL_FORM_FAMILY[f] : undefined))
      .filter(Boolean);
    if (familiesA.length > 0 && familiesB.length > 0 && !familiesA.some((f) => familiesB.includes(f))) {
      adjustments.push({
        reason: `different kinds of legal form (${a.legalForms.join(', ')} vs ${b.legalForms.join(', ')})`,
        factor: 0.75,
      });
    }
  }
}

function byScoreThenPosition(x: Candidate, y: Candidate): number {
  return y.sim.score - x.sim.score || x.distance - y.distance;
}

function plainUnits(tokens: NameToken[]): Unit[] {
  return tokens.map((token) => ({ token }));
}

/**
 * Aligns the parts of two prepared names and scores the alignment. With `detail` false only the
 * score is meant to be read (the screening loop); the parts' descriptions are left empty.
 */
export function alignNames(
  a: PreparedName,
  b: PreparedName,
  type: EntityType,
  sim: PartSimilarityFn = partSimilarity,
  detail = true,
): NameComparison {
  const wordsA = a.words;
  const wordsB = b.words;
  const n = wordsA.length;
  const m = wordsB.length;
  const matrix: (Similar | undefined)[] = new Array(n * m);
  const strongA: boolean[] = new Array(n).fill(false);
  const strongB: boolean[] = new Array(m).fill(false);
  let weakA = n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const s = sim(wordsA[i]!, wordsB[j]!);
      matrix[i * m + j] = s;
      if (s && s.score >= STRONG) {
        if (!strongA[i]) weakA--;
        strongA[i] = true;
        strongB[j] = true;
      }
    }
  }
  // Joins are only looked for when some part found no good partner.
  const tryJoins = weakA > 0 || strongB.includes(false);
  const joinedB = tryJoins ? joinSide(wordsA, strongA, wordsB, strongB) : undefined;
  const joinedA = tryJoins ? joinSide(wordsB, strongB, wordsA, strongA) : undefined;
  const joined = joinedA !== undefined || joinedB !== undefined;
  const unitsA: Unit[] = joinedA ?? plainUnits(wordsA);
  const unitsB: Unit[] = joinedB ?? plainUnits(wordsB);

  const candidates: Candidate[] = [];
  for (let i = 0; i < unitsA.length; i++) {
    for (let j = 0; j < unitsB.length; j++) {
      const ua = unitsA[i]!;
      const ub = unitsB[j]!;
      const s = joined ? unitSimilarity(ua, ub, sim) : matrix[i * m + j];
      if (s && s.score >= PAIR_MIN) {
        candidates.push({ i, j, sim: s, distance: Math.abs(ua.token.position - ub.token.position) });
      }
    }
  }
  // Greedy alignment, best pairs first; among equals, parts in the same position first.
  candidates.sort(byScoreThenPosition);
  const usedA: boolean[] = new Array(unitsA.length).fill(false);
  const usedB: boolean[] = new Array(unitsB.length).fill(false);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (usedA[c.i] || usedB[c.j]) continue;
    usedA[c.i] = true;
    usedB[c.j] = true;
    chosen.push(c);
  }

  let matched = 0;
  let numerator = 0;
  let distinctivePair = false;
  const pairs: PartMatch[] = [];
  for (const c of chosen) {
    const ua = unitsA[c.i]!;
    const ub = unitsB[c.j]!;
    const ta = ua.token;
    const tb = ub.token;
    const weight = c.sim.how === 'initial' ? Math.min(ta.weight, tb.weight) : (ta.weight + tb.weight) / 2;
    matched += weight;
    numerator += weight * c.sim.score;
    if (!distinctivePair && isDistinctive(ua) && isDistinctive(ub)) distinctivePair = true;
    if (detail) {
      pairs.push({
        a: display(ua),
        b: display(ub),
        how: c.sim.how,
        similarity: round(c.sim.score),
        weight: round(weight),
      });
    }
  }
  const leftA: Unit[] = [];
  for (let i = 0; i < unitsA.length; i++) if (!usedA[i]) leftA.push(unitsA[i]!);
  const leftB: Unit[] = [];
  for (let j = 0; j < unitsB.length; j++) if (!usedB[j]) leftB.push(unitsB[j]!);
  const { conflict, extra } = unmatchedCost(leftA, leftB);
  const costs = COSTS[type];
  const denominator = matched + costs.conflict * conflict + costs.extra * extra;
  const baseScore = denominator > 0 ? numerator / denominator : 0;

  const adjustments: ScoreAdjustment[] = [];
  if (type === 'person') {
    if (chosen.length >= 3 && !a.inverted && !b.inverted) {
      const order = [...chosen].sort(byA).map(partnerB);
      if (!isRotation(order)) adjustments.push({ reason: 'name parts in a different order', factor: 0.95 });
    }
    if (chosen.length >= 2 && swappedAroundBin(unitsA, unitsB, chosen)) {
      adjustments.push({ reason: 'own name and father\'s name swapped around "bin"', factor: 0.7 });
    }
  } else {
    organisationAdjustments(
      a,
      b,
      distinctivePair,
      leftA.length + leftB.length > 0,
      detail ? pairs : undefined,
      adjustments,
    );
  }

  let score = baseScore;
  for (const adj of adjustments) {
    if (adj.factor !== undefined) score *= adj.factor;
    if (adj.cap !== undefined) score = Math.min(score, adj.cap);
  }
  return {
    score: round(score),
    baseScore: round(baseScore),
    pairs,
    unmatchedA: detail ? leftA.map(display) : [],
    unmatchedB: detail ? leftB.map(display) : [],
    matchedWeight: round(matched),
    conflictWeight: round(conflict),
    extraWeight: round(extra),
    adjustments,
  };
}

function isDistinctive(u: Unit): boolean {
  if (u.parts) return u.parts.some((t) => t.kind === 'name');
  return u.token.kind === 'name';
}

function byA(x: Candidate, y: Candidate): number {
  return x.i - y.i;
}

function partnerB(c: Candidate): number {
  return c.j;
}

export function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
