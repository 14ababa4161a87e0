import { sql } from 'kysely';
import type { Db } from '../schema.ts';
import type { Dialect } from '../url.ts';

/**
 * Refreshes the query planner's statistics after a bulk change (an inventory import). Without
 * them SQLite guesses that "this organisation's weapons" is selective and scans a million rows
 * for a serial search; PostgreSQL's autovacuum would catch up only later.
 */
export async function refreshPlannerStatistics(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    // A sampled ANALYZE: a few hundred milliseconds even on a million rows.
    await sql`PRAGMA analysis_limit = 1000`.execute(db);
    await sql`ANALYZE`.execute(db);
  } else {
    await sql`ANALYZE weapons, weapon_markings, ledger_events`.execute(db);
  }
}
