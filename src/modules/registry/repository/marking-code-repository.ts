import type { Db } from '../../../platform/db/schema.ts';

/**
 * Takes the next number of a counter (e.g. one per country and year). The UPDATE comes first so
 * that concurrent issuers are serialised by the row lock (PostgreSQL) or write lock (SQLite).
 */
export async function takeNextSequence(db: Db, scope: string): Promise<number> {
  const updated = await db
    .updateTable('marking_code_counters')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('scope', '=', scope)
    .returning('last_seq')
    .executeTakeFirst();
  if (updated) return Number(updated.last_seq);
  await db.insertInto('marking_code_counters').values({ scope, last_seq: 1 }).execute();
  return 1;
}
