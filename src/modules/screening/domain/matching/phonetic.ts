import { doubleMetaphone } from 'double-metaphone';

/**
 * Sound-based keys. Double Metaphone (Lawrence Philips, 2000) codes English and many European
 * spellings of a sound alike (Qaddafi/Gaddafi, Hussein/Husayn, Scholz/Schulze) and gives a second
 * code for words whose origin is ambiguous. Two words that share a code sound alike.
 */
const phoneticCache = new Map<string, string[]>();
const skeletonCache = new Map<string, string>();
const CACHE_SIZE = 100_000;

export function phoneticKeys(word: string): string[] {
  if (word.length === 0 || /\d/.test(word)) return [];
  const cached = phoneticCache.get(word);
  if (cached) return cached;
  const [primary, secondary] = doubleMetaphone(word);
  const keys: string[] = [];
  if (primary) keys.push(primary);
  if (secondary && secondary !== primary) keys.push(secondary);
  if (phoneticCache.size >= CACHE_SIZE) phoneticCache.clear();
  phoneticCache.set(word, keys);
  return keys;
}

export function sharePhoneticKey(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

const SKELETON_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/ph/g, 'f'],
  [/[pv]/g, 'b'],
  [/[qcg]/g, 'k'],
  [/z/g, 's'],
  [/j/g, 'y'],
  [/(?<=[sktdk])h/g, ''],
  [/[aeiouyw'`]/g, ''],
  [/(.)\1+/g, '$1'],
];

/**
 * Consonant skeleton of a word. Arabic and Hebrew are written without short vowels and with long
 * vowels that transliterate as w/y, so "mhmd bn slmn" (from Arabic script) must be compared with the
 * skeleton of "Mohammed bin Salman", not with its letters. Letters those scripts lack or merge
 * (p/b, v/b, g/q/k) are merged here too.
 */
export function skeleton(word: string): string {
  const cached = skeletonCache.get(word);
  if (cached !== undefined) return cached;
  let out = word;
  for (const [pattern, replacement] of SKELETON_RULES) out = out.replace(pattern, replacement);
  if (skeletonCache.size >= CACHE_SIZE) skeletonCache.clear();
  skeletonCache.set(word, out);
  return out;
}
