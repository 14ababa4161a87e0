import type { Migration } from 'kysely';
import type { MaterielModule } from '../module.ts';

/**
 * The installation's migrations: the platform's own and every module's, merged by name. Two
 * contributions with the same name are a programming error caught at start-up, not at migration
 * time on a user's database.
 */
export function collectMigrations(
  platform: Record<string, Migration>,
  modules: readonly MaterielModule[],
): Record<string, Migration> {
  const all: Record<string, Migration> = { ...platform };
  for (const module of modules) {
    for (const [name, migration] of Object.entries(module.migrations ?? {})) {
      if (name in all) throw new Error(`Migration ${name} of module ${module.name} is defined twice.`);
      all[name] = migration;
    }
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
}
