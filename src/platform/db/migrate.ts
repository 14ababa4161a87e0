import { type MigrationInfo, type MigrationResultSet, Migrator } from 'kysely';
import { MIGRATIONS } from '../migrations/index.ts';
import type { Db } from './schema.ts';

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

export interface MigrationReport {
  applied: string[];
  pending: string[];
}

/** Runs every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return { applied: (result.results ?? []).map((r) => r.migrationName), pending: [] };
}

export async function migrationStatus(db: Db): Promise<{ name: string; executedAt: string | null }[]> {
  const list: readonly MigrationInfo[] = await migrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ? m.executedAt.toISOString() : null }));
}
