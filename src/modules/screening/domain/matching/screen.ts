import {
  alignNames,
  type NameComparison,
  type PartSimilarityFn,
  partSimilarity,
  type Similar,
} from './align.ts';
import { DEFAULT_THRESHOLD } from './compare.ts';
import { explainNames } from './explain.ts';
import { type EntityType, type NameToken, type PreparedName, prepareName, withTokens } from './normalise.ts';
import {
  applyQualifiers,
  type BirthDate,
  type Gender,
  type IdentityDocument,
  normaliseDocumentNumber,
  type QueryFacts,
} from './qualifiers.ts';
import { variantKeys } from './variants.ts';

/**
 * Screening against whole lists. buildIndex prepares every listed name once (normalised parts,
 * phonetic keys, skeletons) and files each part under blocking keys; screen looks up the query's
 * keys, ranks the names that share the most weight with the query, and aligns only the best few
 * hundred at most. Part similarities are memoised per query, and listed parts are interned, so a
 * common part ("Muhammad") is compared with each query part once.
 */

export type NameQuality = 'good' | 'low';

export interface ListedName {
  text: string;
  quality?: NameQuality;
  script?: string;
}

export interface ListEntry {
  ref: string;
  source: string;
  type: EntityType;
  names: ListedName[];
  birthDates?: BirthDate[];
  nationalities?: string[];
  gender?: Gender;
  documents?: IdentityDocument[];
}

export interface ScreenQuery extends QueryFacts {
  name: string;
  type?: EntityType | 'any';
}

export interface ScreenOptions {
  threshold?: number;
  limit?: number;
  /** How many names, at most, are aligned in full for one query. */
  candidates?: number;
}

export interface ScreenResult {
  ref: string;
  source: string;
  type: EntityType;
  /** The entry's first (primary) name. */
  name: string;
  /** The listed name (primary or alias) that matched best. */
  matchedName: string;
  matchedQuality: NameQuality;
  score: number;
  nameScore: number;
  explanation: string[];
  details: NameComparison;
}

interface Found {
  name: IndexedName;
  query: PreparedName;
  nameScore: number;
}

interface IndexedName {
  entry: number;
  prepared: PreparedName;
  quality: NameQuality;
}

export interface ScreeningIndex {
  readonly entries: readonly ListEntry[];
  readonly names: readonly IndexedName[];
  readonly postings: ReadonlyMap<string, Int32Array>;
  /** Entries by normalised identity document number. */
  readonly documents: ReadonlyMap<string, number[]>;
  readonly stats: { entries: number; names: number; distinctParts: number; keys: number; postings: number };
}

/** A listed alias of low quality is weak evidence: its matches count for less. */
const LOW_QUALITY_FACTOR = 0.9;
const DEFAULT_CANDIDATES = 40;
const BLOCKED_KINDS: ReadonlySet<NameToken['kind']> = new Set(['particle', 'number', 'code', 'initial']);
const TYPE_TAG: Record<EntityType, string> = { person: 'P', organization: 'O', vessel: 'V' };

function isBlockable(t: NameToken): boolean {
  return !BLOCKED_KINDS.has(t.kind);
}

/** Every key of one part minus a letter: two words one edit apart share one of these. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Keys under which a listed part is filed. */
function indexKeys(t: NameToken, next: NameToken | undefined): string[] {
  const keys = [`f:${t.fold}`, `f:${t.text}`, `s:${t.skeleton}`];
  for (const k of t.phonetic) keys.push(`p:${k}`);
  for (const k of variantKeys(t.fold)) keys.push(`v:${k}`);
  if (t.fold.length >= 4) for (const d of deletions(t.fold)) keys.push(`d:${d}`);
  if (t.vowelPoor) keys.push(`S:${t.skeleton}`);
  // Two parts written as one on the query side ("VladimirPutin").
  if (next && !BLOCKED_KINDS.has(next.kind)) keys.push(`f:${t.fold}${next.fold}`);
  return keys;
}

interface QueryKeys {
  exact: string[];
  fuzzy: string[];
}

/** Query parts repeat across a batch ("Muhammad", "Trading"): their keys are built once. */
const queryKeyCache = new Map<string, QueryKeys>();
const QUERY_KEY_CACHE_SIZE = 50_000;

/**
 * Keys a query part looks up, already tagged with the entity type: exact ones (the same word, a
 * known variant, two listed parts written as one) and fuzzy ones (sound, one edit, skeleton).
 */
function queryKeys(t: NameToken, next: NameToken | undefined, tag: string): QueryKeys {
  const id = `${tag}|${t.text}|${t.vowelPoor ? 1 : 0}|${next && !BLOCKED_KINDS.has(next.kind) ? next.fold : ''}`;
  const cached = queryKeyCache.get(id);
  if (cached) return cached;
  const exact = [`${tag}f:${t.fold}`];
  if (t.text !== t.fold) exact.push(`${tag}f:${t.text}`);
  for (const k of t.groups) exact.push(`${tag}v:${k}`);
  // Two listed parts written as one by the query ("Vanderbilt" for "van der Bilt").
  if (next && !BLOCKED_KINDS.has(next.kind)) exact.push(`${tag}f:${t.fold}${next.fold}`);
  const fuzzy: string[] = [];
  for (const k of t.phonetic) fuzzy.push(`${tag}p:${k}`);
  if (t.fold.length >= 4) {
    fuzzy.push(`${tag}d:${t.fold}`);
    for (const d of deletions(t.fold)) fuzzy.push(`${tag}f:${d}`, `${tag}d:${d}`);
  }
  if (t.vowelPoor) fuzzy.push(`${tag}s:${t.skeleton}`);
  else if (t.skeleton.length >= 2) fuzzy.push(`${tag}S:${t.skeleton}`);
  const keys = { exact: [...new Set(exact)], fuzzy: [...new Set(fuzzy)].filter((k) => !exact.includes(k)) };
  if (queryKeyCache.size >= QUERY_KEY_CACHE_SIZE) queryKeyCache.clear();
  queryKeyCache.set(id, keys);
  return keys;
}

function tokenIdentity(t: NameToken): string {
  return `${t.kind}|${t.script}|${t.text}|${t.original ?? ''}|${t.weight}|${t.conflictWeight}|${t.extraWeight}`;
}

/** Prepares a list (or several lists together) for screening. */
export function buildIndex(entries: readonly ListEntry[]): ScreeningIndex {
  const names: IndexedName[] = [];
  const interned = new Map<string, NameToken>();
  const building = new Map<string, number[]>();
  entries.forEach((entry, entryIndex) => {
    const seen = new Set<string>();
    for (const listed of entry.names) {
      const text = listed.text.trim();
      if (!text || seen.has(text)) continue;
      seen.add(text);
      const prepared = prepareName(text, entry.type);
      // Identical parts across the list share one object, so memoised comparisons hit often.
      withTokens(
        prepared,
        prepared.tokens.map((t) => {
          const id = `${tokenIdentity(t)}|${t.position}`;
          const shared = interned.get(id);
          if (shared) return shared;
          interned.set(id, t);
          return t;
        }),
      );
      const nameIndex = names.length;
      names.push({ entry: entryIndex, prepared, quality: listed.quality ?? 'good' });
      const words = prepared.tokens.filter((t) => !BLOCKED_KINDS.has(t.kind));
      const blockOn = words.length > 0 ? words : prepared.tokens;
      const keys = new Set<string>();
      blockOn.forEach((t, i) => {
        for (const k of indexKeys(t, blockOn[i + 1])) keys.add(k);
      });
      const tag = TYPE_TAG[entry.type];
      for (const key of keys) {
        const k = tag + key;
        const list = building.get(k);
        if (list) list.push(nameIndex);
        else building.set(k, [nameIndex]);
      }
    }
  });
  const documents = new Map<string, number[]>();
  entries.forEach((entry, e) => {
    for (const doc of entry.documents ?? []) {
      const key = normaliseDocumentNumber(doc.number);
      if (key.length < 4) continue;
      const list = documents.get(key) ?? [];
      if (!list.includes(e)) list.push(e);
      documents.set(key, list);
    }
  });
  const postings = new Map<string, Int32Array>();
  let total = 0;
  for (const [k, list] of building) {
    postings.set(k, Int32Array.from(list));
    total += list.length;
  }
  return {
    entries,
    names,
    postings,
    documents,
    stats: {
      entries: entries.length,
      names: names.length,
      distinctParts: interned.size,
      keys: postings.size,
      postings: total,
    },
  };
}

/** Scratch arrays reused across queries on one index (JavaScript runs one query at a time). */
interface Scratch {
  acc: Float64Array;
  gain: Float64Array;
  stamp: Int32Array;
  epoch: number;
}
const scratch = new WeakMap<ScreeningIndex, Scratch>();

function scratchFor(index: ScreeningIndex): Scratch {
  let s = scratch.get(index);
  if (!s) {
    const n = index.names.length;
    s = { acc: new Float64Array(n), gain: new Float64Array(n), stamp: new Int32Array(n), epoch: 0 };
    scratch.set(index, s);
  }
  return s;
}

/**
 * What sharing a key is worth. A key shared by thousands of names ranks them little: sharing
 * "Muhammad" says less than sharing a rare family name.
 */
function keyGain(weight: number, listLength: number): number {
  return weight / (1 + Math.log2(1 + listLength / 64));
}

/**
 * Adds a key's gain to the names filed under it. Each query part counts once per name, however
 * many of its keys hit, at its best gain; names last touched before `base` start from zero.
 */
function accumulate(
  s: Scratch,
  list: Int32Array,
  gain: number,
  epoch: number,
  base: number,
  touched: number[],
): void {
  const { stamp, acc, gain: gains } = s;
  for (let p = 0; p < list.length; p++) {
    const n = list[p]!;
    const seen = stamp[n]!;
    if (seen === epoch) {
      if (gains[n]! < gain) {
        acc[n]! += gain - gains[n]!;
        gains[n] = gain;
      }
      continue;
    }
    if (seen < base) {
      acc[n] = 0;
      touched.push(n);
    }
    stamp[n] = epoch;
    gains[n] = gain;
    acc[n]! += gain;
  }
}

/** Names sharing the most query weight, best first. */
function blockCandidates(
  index: ScreeningIndex,
  query: PreparedName,
  type: EntityType,
  limit: number,
): number[] {
  const s = scratchFor(index);
  // Stamps below this epoch were left by earlier queries: those names start again from zero.
  const base = s.epoch + 1;
  const touched: number[] = [];
  const tag = TYPE_TAG[type];
  const words = query.tokens.filter(isBlockable);
  const blockOn = words.length > 0 ? words : query.tokens;
  // A fuzzy key shared by this many names tells nothing worth the time to read it.
  const huge = Math.max(400, index.names.length * 0.015);
  let possible = 0;
  for (let i = 0; i < blockOn.length; i++) {
    const t = blockOn[i]!;
    s.epoch++;
    const epoch = s.epoch;
    const weight = Math.max(t.weight, 0.5);
    const { exact, fuzzy } = queryKeys(t, blockOn[i + 1], tag);
    const exactList = index.postings.get(exact[0]!);
    // The neighbours of a very common part (misspellings of "Muhammad") add nothing to ranking.
    const common = exactList !== undefined && exactList.length > huge;
    let best = 0;
    for (const key of exact) {
      const list = index.postings.get(key);
      if (!list) continue;
      const gain = keyGain(weight, list.length);
      if (gain > best) best = gain;
      accumulate(s, list, gain, epoch, base, touched);
    }
    if (!common) {
      for (const key of fuzzy) {
        const list = index.postings.get(key);
        if (!list || list.length > huge) continue;
        const gain = keyGain(0.8 * weight, list.length);
        if (gain > best) best = gain;
        accumulate(s, list, gain, epoch, base, touched);
      }
    }
    possible += best;
  }
  let maxAcc = 0;
  for (const n of touched) if (s.acc[n]! > maxAcc) maxAcc = s.acc[n]!;
  // Names sharing too small a share of the query are not worth aligning; then raise the bar until
  // few enough remain to sort.
  let floor = Math.max(possible * 0.4, maxAcc * 0.3);
  let ranked: number[] = [];
  for (const n of touched) if (s.acc[n]! >= floor) ranked.push(n);
  for (let round = 0; round < 6 && ranked.length > limit * 4; round++) {
    floor += (maxAcc - floor) * 0.3;
    const kept: number[] = [];
    for (const n of ranked) if (s.acc[n]! >= floor) kept.push(n);
    ranked = kept;
  }
  const acc = s.acc;
  ranked.sort((x, y) => acc[y]! - acc[x]!);
  return ranked.length > limit ? ranked.slice(0, limit) : ranked;
}

function memoised(): PartSimilarityFn {
  // null records "no similarity", so one lookup tells a remembered answer from none.
  const cache = new Map<NameToken, Map<NameToken, Similar | null>>();
  return (a, b) => {
    let row = cache.get(a);
    if (!row) {
      row = new Map();
      cache.set(a, row);
    }
    const known = row.get(b);
    if (known !== undefined) return known ?? undefined;
    const s = partSimilarity(a, b);
    row.set(b, s ?? null);
    return s;
  };
}

/** Screens one name (with optional facts) against an index, best matches first. */
export function screen(
  index: ScreeningIndex,
  query: ScreenQuery | string,
  options: ScreenOptions = {},
): ScreenResult[] {
  const q: ScreenQuery = typeof query === 'string' ? { name: query } : query;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const limit = options.limit ?? 20;
  const wanted: EntityType[] = q.type && q.type !== 'any' ? [q.type] : ['person', 'organization', 'vessel'];
  const sim = memoised();
  const best = new Map<number, Found>();
  const byDocument = new Set<number>();
  for (const doc of q.documents ?? []) {
    for (const e of index.documents.get(normaliseDocumentNumber(doc)) ?? []) byDocument.add(e);
  }
  for (const type of wanted) {
    const prepared = prepareName(q.name, type);
    if (prepared.tokens.length === 0) continue;
    const candidates = blockCandidates(index, prepared, type, options.candidates ?? DEFAULT_CANDIDATES);
    // Entries holding one of the query's documents are compared whatever their names.
    for (const e of byDocument) {
      if (index.entries[e]!.type !== type) continue;
      index.names.forEach((name, n) => {
        if (name.entry === e) candidates.push(n);
      });
    }
    for (const n of candidates) {
      const listed = index.names[n]!;
      const comparison = alignNames(prepared, listed.prepared, type, sim, false);
      const nameScore = comparison.score * (listed.quality === 'low' ? LOW_QUALITY_FACTOR : 1);
      const previous = best.get(listed.entry);
      if (previous && previous.nameScore >= nameScore) continue;
      best.set(listed.entry, { name: listed, query: prepared, nameScore });
    }
  }
  const results: ScreenResult[] = [];
  for (const [entryIndex, found] of best) {
    // Agreeing facts lift a score by a share of what it lacks: below this, nothing reaches the threshold.
    if (found.nameScore < threshold * 0.5 && !byDocument.has(entryIndex)) continue;
    const entry = index.entries[entryIndex]!;
    const outcome = applyQualifiers(found.nameScore, q, entry);
    const score = Math.round(outcome.score * 10000) / 10000;
    if (score < threshold) continue;
    const listed = found.name;
    // Aligned again, in detail, only for the few names reported.
    const comparison = alignNames(found.query, listed.prepared, found.query.type, sim, true);
    const explanation = explainNames(found.query, listed.prepared, comparison, {
      a: 'query',
      b: 'listed name',
    });
    if (listed.quality === 'low') {
      explanation.push(
        `Matched a low-quality alias, weak evidence: score multiplied by ${LOW_QUALITY_FACTOR}.`,
      );
    }
    explanation.push(...outcome.notes);
    explanation.push(
      `Final score ${score.toFixed(2)} (threshold ${threshold.toFixed(2)})${outcome.decisive ? ', decided by document' : ''}.`,
    );
    results.push({
      ref: entry.ref,
      source: entry.source,
      type: entry.type,
      name: entry.names[0]?.text ?? listed.prepared.original,
      matchedName: listed.prepared.original,
      matchedQuality: listed.quality,
      score,
      nameScore: Math.round(found.nameScore * 10000) / 10000,
      explanation,
      details: comparison,
    });
  }
  results.sort((x, y) => y.score - x.score || x.ref.localeCompare(y.ref));
  return results.slice(0, limit);
}
