import { sql } from 'kysely';
import type { Database, Db } from '../schema.ts';
import type { Dialect } from '../url.ts';

/**
 * Secondary indexes set aside during a large load and rebuilt at its end, inside the caller's
 * transaction (SQLite only).
 *
 * Keeping ten indexes up to date while a million rows arrive inserts ten million keys at random
 * places of B-trees larger than the page cache; building each index once at the end sorts the keys
 * and writes the tree in order, several times faster. Nobody notices the gap: SQLite lets one
 * writer in at a time, and in WAL mode readers see the last committed state, indexes included,
 * until the transaction commits; if it fails, the drops roll back with everything else. A rebuilt
 * UNIQUE index checks its rule again over every row, so no duplicate can slip in meanwhile.
 *
 * PostgreSQL keeps its indexes: dropping one there locks the whole table against readers until
 * the commit, and its own index maintenance is cheap enough.
 */
export interface DeferredIndexes {
  /** Whether the indexes are set aside now. */
  readonly active: boolean;
  /** Sets them aside (once; later calls do nothing). */
  defer(): Promise<void>;
  /** Rebuilds what was set aside. */
  rebuild(): Promise<void>;
}

export function deferredIndexes(trx: Db, dialect: Dialect, table: keyof Database): DeferredIndexes {
  let definitions: { name: string; sql: string }[] | null = null;
  return {
    get active() {
      return definitions !== null;
    },
    async defer() {
      if (dialect !== 'sqlite' || definitions) return;
      // Indexes SQLite makes for PRIMARY KEY and UNIQUE columns have no SQL and cannot be dropped.
      const rows = await sql<{ name: string; sql: string }>`
        select name, sql from sqlite_master
        where type = 'index' and tbl_name = ${table} and sql is not null`.execute(trx);
      definitions = rows.rows;
      for (const index of definitions) await sql`drop index ${sql.id(index.name)}`.execute(trx);
    },
    async rebuild() {
      if (!definitions) return;
      for (const index of definitions) await sql.raw(index.sql).execute(trx);
      definitions = null;
    },
  };
}

/**
 * About how many rows a table holds, cheaply: SQLite's largest rowid (rows ever inserted, a B-tree
 * seek rather than a count of a million rows). Used to judge whether a load is large next to it.
 */
export async function approximateRowCount(trx: Db, dialect: Dialect, table: keyof Database): Promise<number> {
  if (dialect === 'sqlite') {
    const row = await sql<{ n: number | null }>`select max(rowid) as n from ${sql.table(table)}`.execute(trx);
    return Number(row.rows[0]?.n ?? 0);
  }
  const row = await sql<{ n: number | string | null }>`
    select reltuples::bigint as n from pg_class where oid = to_regclass(${table})`.execute(trx);
  return Math.max(0, Number(row.rows[0]?.n ?? 0));
}
