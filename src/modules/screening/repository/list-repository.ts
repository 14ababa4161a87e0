import { sql } from 'kysely';
import type { Db, NewRow, Row } from '../../../platform/db/schema.ts';

export function listVersions(db: Db, source?: string): Promise<Row<'list_versions'>[]> {
  let q = db.selectFrom('list_versions').selectAll().orderBy('source').orderBy('generated_at', 'desc');
  if (source) q = q.where('source', '=', source);
  return q.execute();
}

export function findListVersion(db: Db, id: string): Promise<Row<'list_versions'> | undefined> {
  return db.selectFrom('list_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findListVersionBySourceVersion(
  db: Db,
  source: string,
  version: string,
): Promise<Row<'list_versions'> | undefined> {
  return db
    .selectFrom('list_versions')
    .selectAll()
    .where('source', '=', source)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The version in force at a date: the newest generated on or before it (the newest of all without a date). */
export function versionInForce(
  db: Db,
  source: string,
  asOf?: string,
): Promise<Row<'list_versions'> | undefined> {
  let q = db.selectFrom('list_versions').selectAll().where('source', '=', source);
  if (asOf) q = q.where('generated_at', '<=', asOf.length === 10 ? `${asOf}T23:59:59.999Z` : asOf);
  return q.orderBy('generated_at', 'desc').limit(1).executeTakeFirst();
}

/** The version generated just before the given one, to diff against. */
export function previousVersion(
  db: Db,
  source: string,
  generatedAt: string,
): Promise<Row<'list_versions'> | undefined> {
  return db
    .selectFrom('list_versions')
    .selectAll()
    .where('source', '=', source)
    .where('generated_at', '<', generatedAt)
    .orderBy('generated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertListVersion(db: Db, row: NewRow<'list_versions'>): Promise<void> {
  await db.insertInto('list_versions').values(row).execute();
}

/** content_hash -> record id for the given hashes of a source. */
export async function recordsByHash(db: Db, source: string, hashes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('designation_records')
      .select(['id', 'content_hash', 'ref'])
      .where('source', '=', source)
      .where('content_hash', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(`${r.ref}|${r.content_hash}`, r.id);
  }
  return out;
}

export function recordsOfVersion(db: Db, versionId: string): Promise<Row<'designation_records'>[]> {
  return db
    .selectFrom('designation_records')
    .innerJoin('list_version_members', 'list_version_members.record_id', 'designation_records.id')
    .selectAll('designation_records')
    .where('list_version_members.version_id', '=', versionId)
    .orderBy('designation_records.ref')
    .execute();
}

/** Every stored content of one designation, with the versions that held it. */
export function historyOfDesignation(db: Db, source: string, ref: string) {
  return db
    .selectFrom('designation_records')
    .innerJoin('list_version_members', 'list_version_members.record_id', 'designation_records.id')
    .innerJoin('list_versions', 'list_versions.id', 'list_version_members.version_id')
    .select([
      'designation_records.id',
      'designation_records.data_json',
      'list_versions.id as version_id',
      'list_versions.version',
      'list_versions.generated_at',
    ])
    .where('designation_records.source', '=', source)
    .where('designation_records.ref', '=', ref)
    .orderBy('list_versions.generated_at')
    .execute();
}

export function searchRecordsOfVersion(db: Db, versionId: string, text: string, limit: number) {
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('designation_records')
    .innerJoin('list_version_members', 'list_version_members.record_id', 'designation_records.id')
    .select([
      'designation_records.source',
      'designation_records.ref',
      'designation_records.name',
      'designation_records.type',
    ])
    .where('list_version_members.version_id', '=', versionId)
    .where((eb) =>
      eb.or([
        sql<boolean>`lower(designation_records.name) like ${like} escape '\\'`,
        eb('designation_records.ref', '=', text),
      ]),
    )
    .orderBy('designation_records.name')
    .limit(limit)
    .execute();
}
