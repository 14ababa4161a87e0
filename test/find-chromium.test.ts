import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, isCi, SEARCH_PATHS_ENV, SYSTEM_CHROMIUM_PATHS } from '../scripts/find-chromium.ts';

const root = path.resolve(import.meta.dirname, '..');
const PLAYWRIGHT = '/home/someone/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

/** A search over a pretend file system holding only `files`. */
function search(files: string[], env: Record<string, string | undefined> = {}) {
  return findChromium({ env, exists: (f) => files.includes(f), playwrightPath: () => PLAYWRIGHT });
}

describe('findChromium', () => {
  it("takes CHROMIUM_PATH first, then the system paths in order, then Playwright's own browser", () => {
    const all = ['/opt/chrome', '/usr/bin/chromium', '/usr/bin/google-chrome', PLAYWRIGHT];
    expect(search(all, { CHROMIUM_PATH: '/opt/chrome' })).toEqual({
      path: '/opt/chrome',
      source: 'CHROMIUM_PATH',
    });
    expect(search(all)).toEqual({ path: '/usr/bin/chromium', source: 'system' });
    expect(search(['/usr/bin/google-chrome', '/snap/bin/chromium'])).toEqual({
      path: '/usr/bin/google-chrome',
      source: 'system',
    });
    expect(search(['/snap/bin/chromium'])).toEqual({ path: '/snap/bin/chromium', source: 'system' });
    expect(search([PLAYWRIGHT])).toEqual({ path: PLAYWRIGHT, source: 'playwright' });
  });

  it('falls back from a CHROMIUM_PATH that does not exist, and says so when nothing is found', () => {
    expect(search(['/usr/bin/chromium'], { CHROMIUM_PATH: '/nowhere/chrome' })).toEqual({
      path: '/usr/bin/chromium',
      source: 'system',
    });
    expect(search([], { CHROMIUM_PATH: '/nowhere/chrome' })).toEqual({
      path: null,
      tried: ['/nowhere/chrome', ...SYSTEM_CHROMIUM_PATHS, PLAYWRIGHT],
      chromiumPathMissing: '/nowhere/chrome',
    });
  });

  it(`looks only where ${SEARCH_PATHS_ENV} says, when it is set`, () => {
    const files = ['/usr/bin/chromium', '/elsewhere/chrome', PLAYWRIGHT];
    expect(search(files, { [SEARCH_PATHS_ENV]: `/missing:/elsewhere/chrome` })).toEqual({
      path: '/elsewhere/chrome',
      source: 'system',
    });
    expect(search(files, { [SEARCH_PATHS_ENV]: '' })).toMatchObject({ path: null, tried: [] });
  });
});

describe('isCi', () => {
  it('is true for CI=1 and CI=true, false when CI is absent, empty, 0 or false', () => {
    expect([{ CI: '1' }, { CI: 'true' }, { CI: 'TRUE' }].map(isCi)).toEqual([true, true, true]);
    expect([{}, { CI: '' }, { CI: '0' }, { CI: 'false' }].map(isCi)).toEqual([false, false, false, false]);
  });
});

describe('npm run test:e2e without Chromium', () => {
  const runE2e = (ci: string | undefined) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      CHROMIUM_PATH: '/nowhere/chromium',
      [SEARCH_PATHS_ENV]: '',
      CI: ci,
    };
    if (ci === undefined) delete env.CI;
    return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/run-e2e.ts')], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  it('skips the browser tests in one line that says how to install Chromium, and succeeds', () => {
    const r = runE2e(undefined);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Browser tests skipped: CHROMIUM_PATH=\/nowhere\/chromium does not exist/);
    expect(lines[0]).toContain('apt-get install chromium');
    expect(lines[0]).toContain('npx playwright install chromium');
  });

  it('fails under CI instead', () => {
    const r = runE2e('1');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^Browser tests cannot run under CI: .*apt-get install chromium/);
  });
});
