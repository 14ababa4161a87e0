import type { Db, NewRow } from '../../../platform/db/schema.ts';

export async function recordLoginAttempt(db: Db, row: NewRow<'login_attempts'>): Promise<void> {
  await db.insertInto('login_attempts').values(row).execute();
}

/** Failed attempts since `since`, by account and by address. */
export async function countRecentFailures(
  db: Db,
  email: string,
  address: string,
  since: string,
): Promise<{ byEmail: number; byAddress: number }> {
  const base = db.selectFrom('login_attempts').where('succeeded', '=', 0).where('at', '>=', since);
  const [e, a] = await Promise.all([
    base
      .where('email', '=', email)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
    base
      .where('address', '=', address)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { byEmail: Number(e.n), byAddress: Number(a.n) };
}

/** A successful sign-in clears the account's failure count. */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('email', '=', email).execute();
}
