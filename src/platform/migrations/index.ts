import type { Migration } from 'kysely';
import * as m0002 from '../../modules/registry/migrations/0002-registry.ts';
import * as m0004 from '../../modules/screening/migrations/0004-designations.ts';
import * as m0001 from './0001-foundation.ts';
import * as m0003 from './0003-jobs.ts';

/**
 * Every migration, in order. Static imports (not a folder scan) so that the set is fixed at build
 * time and identical on every installation. Append only; never edit a landed migration.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-registry': m0002,
  '0003-jobs': m0003,
  '0004-designations': m0004,
};
