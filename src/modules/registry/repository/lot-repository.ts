import type { Db, NewRow, Row, RowUpdate } from '../../../platform/db/schema.ts';

export function findLot(db: Db, id: string): Promise<Row<'ammunition_lots'> | undefined> {
  return db.selectFrom('ammunition_lots').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLotByNaturalKey(
  db: Db,
  organisationId: string,
  key: string,
): Promise<Row<'ammunition_lots'> | undefined> {
  return db
    .selectFrom('ammunition_lots')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('natural_key', '=', key)
    .executeTakeFirst();
}

export async function insertLot(db: Db, row: NewRow<'ammunition_lots'>): Promise<void> {
  await db.insertInto('ammunition_lots').values(row).execute();
}

export async function updateLot(db: Db, id: string, patch: RowUpdate<'ammunition_lots'>): Promise<void> {
  await db.updateTable('ammunition_lots').set(patch).where('id', '=', id).execute();
}

export async function searchLots(
  db: Db,
  f: {
    organisationIds: 'all' | string[];
    /** Confidentiality levels readable per organisation; lots above them are left out (and not counted). */
    readableLevels: Map<string, string[]> | 'all';
    lotPrefix?: string;
    calibre?: string;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: Row<'ammunition_lots'>[] }> {
  let q = db.selectFrom('ammunition_lots');
  if (f.organisationIds !== 'all') {
    if (f.organisationIds.length === 0) return { total: 0, rows: [] };
    q = q.where('organisation_id', 'in', f.organisationIds);
  }
  if (f.readableLevels !== 'all') {
    const levels = f.readableLevels;
    if (levels.size === 0) return { total: 0, rows: [] };
    q = q.where((eb) =>
      eb.or(
        [...levels].map(([org, allowed]) =>
          eb.and([eb('organisation_id', '=', org), eb('confidentiality', 'in', allowed)]),
        ),
      ),
    );
  }
  if (f.lotPrefix)
    q = q.where('lot_normalised', '>=', f.lotPrefix).where('lot_normalised', '<', `${f.lotPrefix}\u{10FFFF}`);
  if (f.calibre) q = q.where('calibre', '=', f.calibre);
  const { n } = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(n), rows };
}
