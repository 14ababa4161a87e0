/**
 * Edit distance between name parts: optimal string alignment (Levenshtein plus adjacent
 * transposition), because typing errors in names are mostly one slip: a letter added, dropped,
 * replaced or two letters swapped ("Donlad", "Schloz").
 */

const rowA = new Int32Array(64);
const rowB = new Int32Array(64);
const rowC = new Int32Array(64);

/**
 * Optimal string alignment distance, or `max + 1` whenever it exceeds `max`; that answer is given as
 * soon as it is known, which keeps comparisons of clearly different words cheap.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  // Most pairs a screening compares are different words: the letters they do not share prove it
  // without filling the table.
  if (max < la && max < lb && letterCountBound(a, b) > max) return max + 1;
  if (lb >= 63) return Math.min(slowDistance(a, b), max + 1);
  // Three rolling rows: two-back (for transpositions), previous, current.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb]!, max + 1);
}

const letterCounts = new Int32Array(128);

/**
 * A lower bound of the edit distance from the letters alone: one edit changes the count of at most
 * two letters by one each (a substitution; an insertion or deletion changes one, a transposition
 * none), so at least half the total difference of the letter counts must be edited. Characters are
 * counted by their code modulo 128; sharing a counter only lowers the bound, which stays a bound.
 */
export function letterCountBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127]!++;
  for (let j = 0; j < b.length; j++) letterCounts[b.charCodeAt(j) & 127]!--;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    difference += Math.abs(letterCounts[c]!);
    letterCounts[c] = 0;
  }
  for (let j = 0; j < b.length; j++) {
    const c = b.charCodeAt(j) & 127;
    difference += Math.abs(letterCounts[c]!);
    letterCounts[c] = 0;
  }
  return Math.ceil(difference / 2);
}

function slowDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(new Array<number>(b.length + 1).fill(0));
  for (let i = 0; i <= a.length; i++) d[i]![0] = i;
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * How many slips a name part of this length may carry and still be the same part. Short parts
 * allow almost none: "Tusk" with one letter changed is likely another word, "Lindenberg" with one
 * changed is a typo.
 */
export function editBudget(length: number): number {
  if (length <= 3) return 1;
  if (length <= 7) return 1;
  if (length <= 11) return 2;
  return 3;
}

/** Similarity in [0, 1] from an edit distance, relative to the longer word. */
export function editSimilarity(distance: number, lengthA: number, lengthB: number): number {
  const longest = Math.max(lengthA, lengthB);
  return longest === 0 ? 1 : Math.max(0, 1 - distance / longest);
}
