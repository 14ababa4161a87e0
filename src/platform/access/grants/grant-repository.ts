import type { Db, NewRow, Row } from '../../db/schema.ts';

export type Grant = Row<'grants'>;

export async function insertGrant(db: Db, row: NewRow<'grants'>): Promise<void> {
  await db.insertInto('grants').values(row).execute();
}

export async function findGrant(db: Db, id: string): Promise<Grant | undefined> {
  return db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Grants in force at `at` that show this record to one of these organisations. */
export async function activeGrantsFor(
  db: Db,
  recordType: string,
  recordId: string,
  granteeOrganisationIds: string[],
  at: string,
): Promise<Grant[]> {
  if (granteeOrganisationIds.length === 0) return [];
  return db
    .selectFrom('grants')
    .selectAll()
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .where('grantee_organisation_id', 'in', granteeOrganisationIds)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .execute();
}

export async function revokeGrantRow(
  db: Db,
  id: string,
  revokedBy: string,
  reason: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('grants')
    .set({ revoked_at: at, revoked_by: revokedBy, revoke_reason: reason })
    .where('id', '=', id)
    .execute();
}

export interface GrantFilter {
  /** Grants this organisation gave (`given`) or received (`received`). */
  organisationId: string;
  direction: 'given' | 'received';
  recordType?: string;
  recordId?: string;
  /** Include revoked and expired grants (history). */
  includeInactive: boolean;
  at: string;
}

export async function listGrantRows(db: Db, f: GrantFilter): Promise<Grant[]> {
  let q = db
    .selectFrom('grants')
    .selectAll()
    .where(f.direction === 'given' ? 'organisation_id' : 'grantee_organisation_id', '=', f.organisationId);
  if (f.recordType) q = q.where('record_type', '=', f.recordType);
  if (f.recordId) q = q.where('record_id', '=', f.recordId);
  if (!f.includeInactive)
    q = q
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', f.at)]));
  return q.orderBy('granted_at', 'desc').orderBy('id').limit(1000).execute();
}

/**
 * Names of organisations, for showing who shared with whom. The organisations table is created by
 * the platform's foundation migration (0001) and its type is merged in by identity; reading two
 * columns here keeps the platform free of an import of the identity module.
 */
export async function organisationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
