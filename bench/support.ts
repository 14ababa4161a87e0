import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateInstallation } from '../src/app/migrations.ts';
import { type AppContext, DEFAULT_CONFIG } from '../src/platform/context.ts';
import { createDb } from '../src/platform/db/create-db.ts';
import { createScratchPostgresDatabase } from '../test/support/databases.ts';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SHARED_DATA = path.resolve(BENCH_DIR, '../../shared/data');

/** Tracks the highest resident set size seen while a benchmark runs. */
export function trackPeakMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

/** Writes bench/results/NAME.json with the machine it ran on, and prints a table. */
export function writeResults(
  name: string,
  figures: Record<string, unknown>,
  table: [string, string][],
): void {
  const out = {
    benchmark: name,
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memory: mb(os.totalmem()),
      node: process.version,
    },
    figures,
  };
  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(path.join(BENCH_DIR, 'results', `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  const width = Math.max(...table.map(([k]) => k.length));
  console.log(`\n${name}`);
  for (const [k, v] of table) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(`  (written to bench/results/${name}.json)`);
}

/** The PostgreSQL server benchmarks create their databases on. */
export const PG_ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** The engines to run: SQLite, and PostgreSQL too when a server is named, unless --engines says. */
export function benchEngines(requested: string | undefined): string[] {
  return (
    requested ??
    (process.env.TEST_DATABASE_URL || process.env.BENCH_DATABASE_URL ? 'sqlite,postgres' : 'sqlite')
  ).split(',');
}

/**
 * A fresh, migrated database of the engine with an application context on it (a new PostgreSQL
 * database, or a SQLite file under `work`), and a function that closes and drops it.
 */
export async function benchDatabase(
  engine: string,
  work: string,
  fileName = 'bench.db',
): Promise<{ ctx: AppContext; dispose(): Promise<void> }> {
  let url = `sqlite:${path.join(work, fileName)}`;
  let drop = async () => {};
  if (engine === 'postgres')
    ({ url, drop } = await createScratchPostgresDatabase(PG_ADMIN_URL, 'materiel_bench'));
  const handle = createDb(url);
  await migrateInstallation(handle.db);
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    sqlite: handle.sqlite,
    config: { ...DEFAULT_CONFIG, dataDir: work },
    now: () => new Date(),
  };
  return {
    ctx,
    async dispose() {
      await handle.close();
      await drop();
    },
  };
}
