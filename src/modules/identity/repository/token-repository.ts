import type { Db, NewRow, Row } from '../../../platform/db/schema.ts';

export async function insertApiToken(db: Db, row: NewRow<'api_tokens'>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findApiTokenByHash(db: Db, tokenHash: string): Promise<Row<'api_tokens'> | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findApiToken(db: Db, id: string): Promise<Row<'api_tokens'> | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listApiTokens(
  db: Db,
  userIds: 'all' | string[],
): Promise<(Row<'api_tokens'> & { email: string })[]> {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.email')
    .orderBy('api_tokens.created_at', 'desc');
  if (userIds !== 'all') {
    if (userIds.length === 0) return Promise.resolve([]);
    q = q.where('api_tokens.user_id', 'in', userIds);
  }
  return q.execute();
}

export async function markApiTokenUsed(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeApiToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}
