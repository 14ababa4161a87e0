import path from 'node:path';
import { type Actor, SYSTEM_CLI } from '../access/actor.ts';
import { ConfigurationError, type Environment, environment } from '../config/environment.ts';
import { type AppConfig, type AppContext, DEFAULT_CONFIG } from '../context.ts';
import { createDb, type DatabaseHandle } from '../db/create-db.ts';
import { type MigrationSet, migrateToLatest } from '../db/migrate.ts';
import { parseDatabaseUrl } from '../db/url.ts';
import { UsageError } from './io.ts';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  as?: string;
}

export function databaseUrl(opts: GlobalOptions): string {
  return opts.db ?? cliEnvironment().databaseUrl;
}

/** The checked environment; a bad value is bad input (exit 2) naming the variable. */
export function cliEnvironment(): Environment {
  try {
    return environment();
  } catch (e) {
    if (e instanceof ConfigurationError) throw new UsageError(e.message);
    throw e;
  }
}

export function configFromEnv(overrides: Partial<AppConfig> = {}): AppConfig {
  const env = cliEnvironment();
  return {
    ...DEFAULT_CONFIG,
    dataDir: env.dataDir,
    sessionTtlHours: env.sessionHours,
    ...overrides,
  };
}

export interface Runtime {
  handle: DatabaseHandle;
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * Opens the database and, given the installation's migrations, brings its schema up to date (every
 * command but `db status` does).
 */
export async function openRuntime(
  opts: GlobalOptions,
  migrations: MigrationSet | undefined,
  config: Partial<AppConfig> = {},
): Promise<Runtime> {
  const url = databaseUrl(opts);
  try {
    parseDatabaseUrl(url);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const handle = createDb(url);
  try {
    if (migrations) await migrateToLatest(handle.db, migrations);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const dataDir = handle.sqlitePath ? path.dirname(handle.sqlitePath) : configFromEnv().dataDir;
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    sqlite: handle.sqlite,
    config: configFromEnv({ dataDir, ...config }),
    now: () => new Date(),
  };
  return { handle, ctx, close: () => handle.close() };
}

/**
 * The CLI acts as the installation's system actor, or as a named user with `--as EMAIL`; the
 * identity module turns the address into that user's actor.
 */
export async function cliActor(
  runtime: Runtime,
  opts: GlobalOptions,
  actorForEmail: (ctx: AppContext, email: string) => Promise<Actor>,
): Promise<Actor> {
  if (!opts.as) return SYSTEM_CLI;
  return actorForEmail(runtime.ctx, opts.as);
}
