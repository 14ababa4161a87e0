import type { Db, NewRow, Row, RowUpdate } from '../../../platform/db/schema.ts';

export function findUserById(db: Db, id: string): Promise<Row<'users'> | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<Row<'users'> | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function insertUser(db: Db, row: NewRow<'users'>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Db, id: string, patch: RowUpdate<'users'>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function membershipsOfUser(db: Db, userId: string): Promise<Row<'memberships'>[]> {
  return db.selectFrom('memberships').selectAll().where('user_id', '=', userId).execute();
}

export function findMembership(
  db: Db,
  userId: string,
  organisationId: string,
): Promise<Row<'memberships'> | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function insertMembership(db: Db, row: NewRow<'memberships'>): Promise<void> {
  await db.insertInto('memberships').values(row).execute();
}

export async function updateMembershipRole(
  db: Db,
  userId: string,
  organisationId: string,
  role: string,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function deleteMembership(db: Db, userId: string, organisationId: string): Promise<void> {
  await db
    .deleteFrom('memberships')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .execute();
}

export interface UserWithRole extends Row<'users'> {
  role: string;
  organisation_id: string;
}

/** Users with their role in the given organisations (one row per membership). */
export function listMembers(db: Db, organisationIds: 'all' | string[]): Promise<UserWithRole[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .selectAll('users')
    .select(['memberships.role', 'memberships.organisation_id'])
    .orderBy('users.name');
  if (organisationIds !== 'all') {
    if (organisationIds.length === 0) return Promise.resolve([]);
    q = q.where('memberships.organisation_id', 'in', organisationIds);
  }
  return q.execute();
}

/** Users that belong to no organisation (visible to installation administrators only). */
export function listUsersWithoutMembership(db: Db): Promise<Row<'users'>[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('memberships').select('user_id').whereRef('memberships.user_id', '=', 'users.id')),
      ),
    )
    .orderBy('name')
    .execute();
}
