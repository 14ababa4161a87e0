import { type Migration, type MigrationInfo, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './schema.ts';

/** Migrations by name, as the app assembles them (src/app/migrations.ts). */
export type MigrationSet = Record<string, Migration>;

function migrator(db: Db, migrations: MigrationSet): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export interface MigrationReport {
  applied: string[];
  pending: string[];
}

/** Runs every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: Db, migrations: MigrationSet): Promise<MigrationReport> {
  const result: MigrationResultSet = await migrator(db, migrations).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return { applied: (result.results ?? []).map((r) => r.migrationName), pending: [] };
}

export async function migrationStatus(
  db: Db,
  migrations: MigrationSet,
): Promise<{ name: string; executedAt: string | null }[]> {
  const list: readonly MigrationInfo[] = await migrator(db, migrations).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ? m.executedAt.toISOString() : null }));
}
