import type { Db, NewRow, Row } from '../../../platform/db/schema.ts';

export function findSite(db: Db, id: string): Promise<Row<'sites'> | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSiteByName(
  db: Db,
  organisationId: string,
  name: string,
): Promise<Row<'sites'> | undefined> {
  return db
    .selectFrom('sites')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listSites(db: Db, organisationIds: 'all' | string[]): Promise<Row<'sites'>[]> {
  let q = db.selectFrom('sites').selectAll().orderBy('name');
  if (organisationIds !== 'all') {
    if (organisationIds.length === 0) return Promise.resolve([]);
    q = q.where('organisation_id', 'in', organisationIds);
  }
  return q.execute();
}

export async function insertSite(db: Db, row: NewRow<'sites'>): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}
