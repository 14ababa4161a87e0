import { isCi } from '../../scripts/ci.ts';

export type EngineName = 'sqlite' | 'postgres';

/**
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Under CI it must be set: a CI run
 * that silently tested SQLite only would pass while PostgreSQL is broken.
 */
export function testEngines(env: Record<string, string | undefined> = process.env): EngineName[] {
  if (env.TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (isCi(env))
    throw new Error(
      'TEST_DATABASE_URL is not set, and under CI (CI is set) the tests must run on PostgreSQL too. ' +
        'Set TEST_DATABASE_URL=postgres://USER@HOST:PORT/DATABASE (a server where the tests may create ' +
        'and drop databases, e.g. postgres://postgres@127.0.0.1:5432/test), or unset CI to test SQLite only.',
    );
  return ['sqlite'];
}
