import type { AppContext } from '../../../platform/context.ts';
import { fromJson } from '../../../platform/db/json.ts';
import type { Row } from '../../../platform/db/schema.ts';
import { toListEntry } from '../domain/designations/list-entry.ts';
import { type Designation, LIST_SOURCES } from '../domain/designations/model.ts';
import { buildIndex, type ScreeningIndex } from '../domain/matching/index.ts';
import { recordsOfVersion, versionInForce } from '../repository/list-repository.ts';

export interface LoadedIndex {
  index: ScreeningIndex;
  versions: { id: string; source: string; version: string }[];
  /** ref -> designation, to show a hit's full record. */
  designations: Map<string, Designation>;
  entries: number;
}

/**
 * The matcher's index over the versions in force of every list, built once per process and
 * rebuilt when a newer version is loaded (checked cheaply on each use).
 */
const cache = new WeakMap<object, { key: string; loaded: LoadedIndex }>();

export async function versionsInForce(ctx: AppContext): Promise<Row<'list_versions'>[]> {
  const rows = await Promise.all(LIST_SOURCES.map((s) => versionInForce(ctx.db, s)));
  return rows.filter((r): r is Row<'list_versions'> => Boolean(r));
}

export async function screeningIndex(ctx: AppContext): Promise<LoadedIndex> {
  const versions = await versionsInForce(ctx);
  const key = versions.map((v) => v.id).join(',');
  const hit = cache.get(ctx.db);
  if (hit && hit.key === key) return hit.loaded;
  const designations = new Map<string, Designation>();
  for (const v of versions) {
    for (const r of await recordsOfVersion(ctx.db, v.id))
      designations.set(`${r.source}|${r.ref}`, fromJson<Designation>(r.data_json)!);
  }
  const loaded: LoadedIndex = {
    index: buildIndex([...designations.values()].map(toListEntry)),
    versions: versions.map((v) => ({ id: v.id, source: v.source, version: v.version })),
    designations,
    entries: designations.size,
  };
  cache.set(ctx.db, { key, loaded });
  return loaded;
}
