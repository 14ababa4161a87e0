import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
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

/** Rows per statement on PostgreSQL: one array parameter per column, whatever the number of rows. */
const ROWS_PER_STATEMENT = 5000;

/**
 * PostgreSQL: INSERT ... SELECT FROM unnest($1::text[], $2::integer[], ...). One array parameter per
 * column, so the statement stays small and is parsed once per chunk, where a multi-row VALUES list
 * with tens of thousands of parameters is slow to parse and plan. Column types are read from the
 * catalogue once per table, so that a column that is null in every row still gets its own type.
 */
function multiRowInserter(trx: Db): BulkInserter {
  const columnTypes = new Map<string, Map<string, string>>();
  async function typesOf(table: string): Promise<Map<string, string>> {
    let types = columnTypes.get(table);
    if (!types) {
      const rows = await sql<{ column_name: string; data_type: string }>`
        select column_name, data_type from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`.execute(trx);
      types = new Map(rows.rows.map((r) => [r.column_name, r.data_type]));
      columnTypes.set(table, types);
    }
    return types;
  }
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const name = String(table);
      const types = await typesOf(name);
      const columns = Object.keys(rows[0]!);
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT) as Record<string, unknown>[];
        const arrays = columns.map((c) => {
          const type = types.get(c);
          if (!type) throw new Error(`Column ${name}.${c} does not exist.`);
          return sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`;
        });
        await sql`insert into ${sql.table(name)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
          trx,
        );
      }
    },
  };
}
