import type SQLite from 'better-sqlite3';
import type { Db } from './db/schema.ts';
import type { Dialect } from './db/url.ts';

export interface AppConfig {
  /** Folder for attachments, backups and the default SQLite file. */
  dataDir: string;
  sessionTtlHours: number;
  /** Failed sign-ins allowed per account, and per address, within the window before refusing. */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
  /** 'strong' in production; tests use 'fast' so that creating users does not dominate run time. */
  passwordHashing: 'strong' | 'fast';
}

export const DEFAULT_CONFIG: AppConfig = {
  dataDir: './data',
  sessionTtlHours: 12,
  loginMaxFailuresPerAccount: 5,
  loginMaxFailuresPerAddress: 20,
  loginWindowMinutes: 15,
  passwordHashing: 'strong',
};

/** Everything a service needs from the outside world, passed explicitly (no globals). */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: AppConfig;
  now(): Date;
  /** The raw SQLite connection, for the bulk-insert dialect helper only (absent on PostgreSQL). */
  sqlite?: SQLite.Database;
}

/** Runs `fn` in one transaction: the change and its audit entry commit together or not at all. */
export function inTransaction<T>(ctx: AppContext, fn: (trx: Db) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) => fn(trx));
}
