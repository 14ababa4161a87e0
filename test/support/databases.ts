import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateInstallation } from '../../src/app/migrations.ts';
import { type AppContext, DEFAULT_CONFIG } from '../../src/platform/context.ts';
import { createDb, type DatabaseHandle } from '../../src/platform/db/create-db.ts';
import { type EngineName, testEngines } from './engines.ts';

export { type EngineName, testEngines };

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set; under CI it must be (./engines.ts). */
export const ENGINES: EngineName[] = testEngines();

export interface TestDatabase {
  url: string;
  handle: DatabaseHandle;
  ctx: AppContext;
  /** Closes connections and drops the database (PostgreSQL) or deletes the file (SQLite). */
  dispose(): Promise<void>;
}

/**
 * A new, empty PostgreSQL database on the server of `adminUrl` (tests and benchmarks), with its URL
 * and a function that drops it, closing whatever connections are left.
 */
export async function createScratchPostgresDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh database of the given engine, private to the calling test file; migrated unless `migrate: false`. */
export async function createTestDatabase(
  engine: EngineName,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let url: string;
  let drop: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-test-'));
    url = `sqlite:${path.join(dir, 'test.db')}`;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    ({ url, drop } = await createScratchPostgresDatabase(process.env.TEST_DATABASE_URL!, 'materiel_t'));
  }
  const handle = createDb(url);
  if (options.migrate !== false) await migrateInstallation(handle.db);
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    sqlite: handle.sqlite,
    config: {
      ...DEFAULT_CONFIG,
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-data-')),
      passwordHashing: 'fast',
    },
    now: () => new Date(),
  };
  return {
    url,
    handle,
    ctx,
    dispose: async () => {
      await handle.close();
      await drop();
    },
  };
}
