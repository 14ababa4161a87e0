import { type MigrationReport, migrateToLatest } from '../platform/db/migrate.ts';
import type { Db } from '../platform/db/schema.ts';
import { collectMigrations } from '../platform/migrations/collect.ts';
import { PLATFORM_MIGRATIONS } from '../platform/migrations/index.ts';
import { MODULES } from './modules.ts';

/** Every migration of the installation: the platform's and each module's, in name order. */
export const MIGRATIONS = collectMigrations(PLATFORM_MIGRATIONS, MODULES);

/** Brings a database up to the installation's latest schema. */
export function migrateInstallation(db: Db): Promise<MigrationReport> {
  return migrateToLatest(db, MIGRATIONS);
}
