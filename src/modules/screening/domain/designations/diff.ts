import { DESIGNATION_FIELDS, type Designation, type DesignationField, type ListSnapshot } from './model.ts';

/**
 * The difference between two versions of a list, designation by designation (keyed by source and
 * reference number) and field by field. Ordering that carries no meaning is ignored: two versions
 * that list the same aliases, documents, nationalities... in another order are equal, and so are
 * objects whose properties come in another order.
 */

export interface FieldChange {
  field: DesignationField;
  before: unknown;
  after: unknown;
  /** For list fields: the elements only in the newer version, and only in the older one. */
  added?: unknown[];
  removed?: unknown[];
}

export interface DesignationChange {
  ref: string;
  /** The name in the newer version. */
  name: string;
  fields: FieldChange[];
}

export interface SnapshotDiff {
  source: ListSnapshot['source'];
  fromVersion: string;
  toVersion: string;
  /** Reference numbers only in the newer version, sorted. */
  added: string[];
  /** Reference numbers only in the older version, sorted. */
  removed: string[];
  /** Designations in both versions whose data differ, sorted by reference number. */
  changed: DesignationChange[];
  unchanged: number;
}

export interface DiffOptions {
  /** Fields left out of the comparison. Default: ['raw'] (the source text the parsed fields come from). */
  ignore?: readonly DesignationField[];
}

/** A JSON text of the value in which object keys are sorted and every array is sorted: order-free equality. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .map((v) => canonical(v))
      .map((v) => [JSON.stringify(v), v] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, v]) => v);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** Elements of `a` not matched one-for-one in `b` (a multiset difference on canonical JSON). */
function minus(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const counts = new Map<string, number>();
  for (const v of b) {
    const key = canonicalJson(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: unknown[] = [];
  for (const v of a) {
    const key = canonicalJson(v);
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    else out.push(v);
  }
  return out;
}

const byRef = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function index(snapshot: ListSnapshot): Map<string, Designation> {
  const map = new Map<string, Designation>();
  for (const d of snapshot.designations) if (!map.has(d.ref)) map.set(d.ref, d);
  return map;
}

/** The fields in which two versions of one designation differ, in DESIGNATION_FIELDS order. */
export function diffDesignations(
  before: Designation,
  after: Designation,
  options: DiffOptions = {},
): FieldChange[] {
  const ignore = new Set<DesignationField>(options.ignore ?? ['raw']);
  const changes: FieldChange[] = [];
  for (const field of DESIGNATION_FIELDS) {
    if (ignore.has(field)) continue;
    const b = before[field];
    const a = after[field];
    if (canonicalJson(b) === canonicalJson(a)) continue;
    const change: FieldChange = { field, before: b ?? null, after: a ?? null };
    if (Array.isArray(b) || Array.isArray(a)) {
      const older = Array.isArray(b) ? b : [];
      const newer = Array.isArray(a) ? a : [];
      change.added = minus(newer, older);
      change.removed = minus(older, newer);
    }
    changes.push(change);
  }
  return changes;
}

/**
 * What changed from `older` to `newer`: designations added and removed (by reference number) and,
 * for those in both, the fields that differ. Both snapshots must come from the same source.
 */
export function diffSnapshots(
  older: ListSnapshot,
  newer: ListSnapshot,
  options: DiffOptions = {},
): SnapshotDiff {
  if (older.source !== newer.source) {
    throw new Error(`cannot compare a ${older.source} list with a ${newer.source} list`);
  }
  const before = index(older);
  const after = index(newer);
  const added = [...after.keys()].filter((ref) => !before.has(ref)).sort(byRef);
  const removed = [...before.keys()].filter((ref) => !after.has(ref)).sort(byRef);
  const changed: DesignationChange[] = [];
  let unchanged = 0;
  for (const [ref, b] of before) {
    const a = after.get(ref);
    if (!a) continue;
    const fields = diffDesignations(b, a, options);
    if (fields.length > 0) changed.push({ ref, name: a.name, fields });
    else unchanged += 1;
  }
  changed.sort((x, y) => byRef(x.ref, y.ref));
  return {
    source: newer.source,
    fromVersion: older.version,
    toVersion: newer.version,
    added,
    removed,
    changed,
    unchanged,
  };
}
