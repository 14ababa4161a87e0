import type SQLite from 'better-sqlite3';
import { createDb } from '../create-db.ts';
import type { Db } from '../schema.ts';
import type { Dialect } from '../url.ts';

export interface DedicatedConnection {
  db: Db;
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/**
 * A connection of its own for a long write (a web import). SQLite gives each handle one connection,
 * and a transaction holds it: an import on the server's connection would make every other request
 * wait until it ends. On a second connection, WAL lets the server keep reading meanwhile (progress
 * polls included). PostgreSQL's pool already gives each transaction its own connection.
 */
export function dedicatedConnection(db: Db, dialect: Dialect, sqlite?: SQLite.Database): DedicatedConnection {
  if (dialect !== 'sqlite' || !sqlite || sqlite.memory || !sqlite.name)
    return { db, sqlite, close: async () => {} };
  const handle = createDb(`sqlite:${sqlite.name}`);
  return { db: handle.db, sqlite: handle.sqlite, close: () => handle.close() };
}
