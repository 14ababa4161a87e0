import type { Db, NewRow, Row, RowUpdate } from '../../../platform/db/schema.ts';

export function findOrganisation(db: Db, id: string): Promise<Row<'organisations'> | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationByName(db: Db, name: string): Promise<Row<'organisations'> | undefined> {
  return db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
}

export function listOrganisations(db: Db, ids: 'all' | string[]): Promise<Row<'organisations'>[]> {
  let q = db.selectFrom('organisations').selectAll().orderBy('name');
  if (ids !== 'all') {
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where('id', 'in', ids);
  }
  return q.execute();
}

export async function insertOrganisation(db: Db, row: NewRow<'organisations'>): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function updateOrganisation(
  db: Db,
  id: string,
  patch: RowUpdate<'organisations'>,
): Promise<void> {
  await db.updateTable('organisations').set(patch).where('id', '=', id).execute();
}

export async function countOrganisations(db: Db): Promise<number> {
  const r = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
