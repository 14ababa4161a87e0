import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './schema.ts';
import { type Dialect, parseDatabaseUrl } from './url.ts';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The SQLite file path, for backup and restore; undefined on PostgreSQL. */
  sqlitePath?: string;
  /** The raw better-sqlite3 connection, for the online backup API only. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export function createDb(url: string): DatabaseHandle {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    // An idle connection that the server drops (a restart, a terminated backend) emits an error on
    // the pool; without a listener it would crash the process. The pool replaces the connection.
    pool.on('error', (error) => {
      process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect, close: () => db.destroy() };
  }
  if (target !== ':memory:') fs.mkdirSync(path.dirname(target), { recursive: true });
  const sqlite = new SQLite(target);
  // WAL lets the web server read while a CLI import writes; busy_timeout waits instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // A 2 MB page cache (SQLite's default) makes every index probe of a large import a system call;
  // 128 MB and memory-mapped reads keep a million-row registry's indexes in memory.
  sqlite.pragma('cache_size = -131072');
  sqlite.pragma('mmap_size = 1073741824');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect,
    sqlitePath: target === ':memory:' ? undefined : target,
    sqlite,
    close: () => db.destroy(),
  };
}
