import type { Db, NewRow, Row, RowUpdate } from '../../../platform/db/schema.ts';

export async function insertSession(db: Db, row: NewRow<'sessions'>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionByTokenHash(db: Db, tokenHash: string): Promise<Row<'sessions'> | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findSession(db: Db, id: string): Promise<Row<'sessions'> | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSession(db: Db, id: string, patch: RowUpdate<'sessions'>): Promise<void> {
  await db.updateTable('sessions').set(patch).where('id', '=', id).execute();
}

export function listActiveSessions(db: Db, userId: string, now: string): Promise<Row<'sessions'>[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function revokeSessionsOfUser(
  db: Db,
  userId: string,
  now: string,
  exceptId?: string,
): Promise<void> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
