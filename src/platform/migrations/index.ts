import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0003 from './0003-jobs.ts';
import * as m20261205grants from './20261205-grants.ts';

/**
 * The platform's own migrations. Modules contribute theirs through their `MaterielModule`; the app
 * merges both (src/app/migrations.ts). Static imports, not a folder scan, so the set is fixed at
 * build time and identical on every installation. Append only; never edit a landed migration.
 * 0001-foundation predates modules: it also creates identity's tables, and stays here by its name.
 */
export const PLATFORM_MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0003-jobs': m0003,
  '20261205-grants': m20261205grants,
};
