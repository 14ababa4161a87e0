import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database, Db, NewRow } from '../schema.ts';
import type { Dialect } from '../url.ts';

/**
 * Inserts many rows fast inside the caller's transaction. The only place where the two engines
 * take different paths for writing (shared/ARCHITECTURE.md: prepared statements on SQLite,
 * multi-row INSERT on PostgreSQL); every caller sees one interface.
 */
export interface BulkInserter {
  insert<T extends keyof Database>(table: T, rows: NewRow<T>[]): Promise<void>;
}

export function createBulkInserter(trx: Db, dialect: Dialect, sqlite?: SQLite.Database): BulkInserter {
  return dialect === 'sqlite' && sqlite ? sqliteInserter(sqlite) : multiRowInserter(trx);
}

/**
 * better-sqlite3 runs on the connection Kysely's transaction holds (SQLite has one connection per
 * handle), so these statements are part of that transaction. One prepared statement per table and
 * column list, run once per row: the fastest path SQLite has.
 */
function sqliteInserter(sqlite: SQLite.Database): BulkInserter {
  const statements = new Map<string, SQLite.Statement>();
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const key = `${String(table)}(${columns.join(',')})`;
      let statement = statements.get(key);
      if (!statement) {
        statement = sqlite.prepare(
          `insert into "${String(table)}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        statements.set(key, statement);
      }
      for (const row of rows) {
        const record = row as Record<string, unknown>;
        statement.run(columns.map((c) => record[c] ?? null));
      }
    },
  };
}

/** PostgreSQL accepts at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

function multiRowInserter(trx: Db): BulkInserter {
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
      for (let i = 0; i < rows.length; i += perStatement) {
        // Kysely cannot relate a generic table name to its row type; the rows were typed by the caller.
        const loose = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
        await loose
          .insertInto(String(table))
          .values(rows.slice(i, i + perStatement) as Record<string, unknown>[])
          .execute();
      }
    },
  };
}
