import path from 'node:path';

export type Dialect = 'sqlite' | 'postgres';

export interface ParsedDatabaseUrl {
  dialect: Dialect;
  /** File path for SQLite (or ':memory:'), connection string for PostgreSQL. */
  target: string;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/materiel.db';

/** Accepts `sqlite:PATH`, `sqlite://PATH`, `postgres://...` and `postgresql://...`. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { dialect: 'postgres', target: url };
  }
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!rest)
      throw new Error(
        `The database URL "${url}" names no file. Use sqlite:PATH, e.g. sqlite:./data/materiel.db.`,
      );
    return { dialect: 'sqlite', target: rest === ':memory:' ? rest : path.resolve(rest) };
  }
  throw new Error(
    `The database URL "${url}" is not understood. Use sqlite:PATH (e.g. sqlite:./data/materiel.db) or postgres://user@host:port/database.`,
  );
}
