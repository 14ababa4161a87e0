import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngines } from './support/databases.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('the databases the tests run on', () => {
  it('are SQLite, and PostgreSQL too when TEST_DATABASE_URL is set', () => {
    expect(testEngines({})).toEqual(['sqlite']);
    expect(testEngines({ CI: 'false' })).toEqual(['sqlite']);
    expect(testEngines({ TEST_DATABASE_URL: 'postgres://x@h/t' })).toEqual(['sqlite', 'postgres']);
    expect(testEngines({ CI: '1', TEST_DATABASE_URL: 'postgres://x@h/t' })).toEqual(['sqlite', 'postgres']);
  });

  it('must include PostgreSQL under CI: a missing TEST_DATABASE_URL is an error saying what to set', () => {
    expect(() => testEngines({ CI: '1' })).toThrow(/TEST_DATABASE_URL is not set.*under CI.*postgres:\/\//);
  });

  it('under CI without TEST_DATABASE_URL, the test run fails before any test', () => {
    const env: Record<string, string | undefined> = { ...process.env, CI: '1' };
    delete env.TEST_DATABASE_URL;
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'src/platform/files/csv-writer.test.ts'],
      { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/TEST_DATABASE_URL is not set/);
    expect(r.stdout + r.stderr).not.toMatch(/Tests\s+\d+ passed/);
  });
});
