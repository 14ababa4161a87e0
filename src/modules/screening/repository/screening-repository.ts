import type { Db, NewRow, Row, RowUpdate } from '../../../platform/db/schema.ts';

/** Per organisation, the confidentiality levels the reader may see; `all` for system and installation admins. */
export type ReadableLevels = 'all' | Map<string, string[]>;

function organisationsOf(levels: ReadableLevels): 'all' | string[] {
  return levels === 'all' ? 'all' : [...levels].filter(([, l]) => l.length).map(([org]) => org);
}

export async function insertParty(db: Db, row: NewRow<'screening_parties'>): Promise<void> {
  await db.insertInto('screening_parties').values(row).execute();
}

export function listParties(db: Db, readable: ReadableLevels): Promise<Row<'screening_parties'>[]> {
  let q = db.selectFrom('screening_parties').selectAll().orderBy('name');
  if (readable !== 'all') {
    if (organisationsOf(readable).length === 0) return Promise.resolve([]);
    q = q.where((eb) =>
      eb.or(
        [...readable]
          .filter(([, levels]) => levels.length)
          .map(([org, levels]) =>
            eb.and([eb('organisation_id', '=', org), eb('confidentiality', 'in', levels)]),
          ),
      ),
    );
  }
  return q.execute();
}

export async function findParties(db: Db, ids: string[]): Promise<Row<'screening_parties'>[]> {
  if (!ids.length) return [];
  return db.selectFrom('screening_parties').selectAll().where('id', 'in', ids).execute();
}

export function findParty(db: Db, id: string): Promise<Row<'screening_parties'> | undefined> {
  return db.selectFrom('screening_parties').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHits(db: Db, rows: NewRow<'screening_hits'>[]): Promise<void> {
  if (rows.length) await db.insertInto('screening_hits').values(rows).execute();
}

export function findHit(db: Db, id: string): Promise<Row<'screening_hits'> | undefined> {
  return db.selectFrom('screening_hits').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateHit(db: Db, id: string, patch: RowUpdate<'screening_hits'>): Promise<void> {
  await db.updateTable('screening_hits').set(patch).where('id', '=', id).execute();
}

export function listHits(
  db: Db,
  readable: ReadableLevels,
  status?: string,
  partyId?: string,
): Promise<Row<'screening_hits'>[]> {
  let q = db.selectFrom('screening_hits').selectAll().orderBy('created_at', 'desc').limit(500);
  if (readable !== 'all') {
    if (organisationsOf(readable).length === 0) return Promise.resolve([]);
    q = q.where((eb) =>
      eb.or(
        [...readable]
          .filter(([, levels]) => levels.length)
          .map(([org, levels]) =>
            eb.and([eb('organisation_id', '=', org), eb('confidentiality', 'in', levels)]),
          ),
      ),
    );
  }
  if (status) q = q.where('status', '=', status);
  if (partyId) q = q.where('party_id', '=', partyId);
  return q.execute();
}

/** The list references already raised for a party, so re-screening raises only new ones. */
export async function refsHitForParty(db: Db, partyId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('screening_hits')
    .select(['source', 'ref'])
    .where('party_id', '=', partyId)
    .execute();
  return new Set(rows.map((r) => `${r.source}|${r.ref}`));
}

export async function insertNotification(db: Db, row: NewRow<'notifications'>): Promise<void> {
  await db.insertInto('notifications').values(row).execute();
}

export function listNotifications(
  db: Db,
  organisationIds: 'all' | string[],
): Promise<Row<'notifications'>[]> {
  let q = db.selectFrom('notifications').selectAll().orderBy('created_at', 'desc').limit(100);
  if (organisationIds !== 'all') {
    if (organisationIds.length === 0) return Promise.resolve([]);
    q = q.where('organisation_id', 'in', organisationIds);
  }
  return q.execute();
}
