import fs from 'node:fs';
import { chromium } from 'playwright-core';

export { isCi } from './ci.ts';

/**
 * Where the browser tests find Chromium: `CHROMIUM_PATH`, then the usual system paths, then the
 * browser `npx playwright install chromium` downloads. Used by playwright.config.ts and by
 * scripts/run-e2e.ts, so that both agree on the browser (or on its absence).
 */

/** The usual places of a system Chromium or Chrome (Debian/Ubuntu packages, snap, macOS). */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * Replaces the system paths and Playwright's own browser by these (separated by the platform's path
 * delimiter; empty: look nowhere else). The tests use it to see what happens without Chromium.
 */
export const SEARCH_PATHS_ENV = 'MATERIEL_CHROMIUM_SEARCH_PATHS';

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'playwright';

export type ChromiumSearchResult =
  | { path: string; source: ChromiumSource }
  | { path: null; tried: string[]; chromiumPathMissing: string | null };

export interface ChromiumSearch {
  env?: Record<string, string | undefined>;
  exists?: (file: string) => boolean;
  systemPaths?: readonly string[];
  /** The executable Playwright would download; null when Playwright cannot say. */
  playwrightPath?: () => string | null;
}

function playwrightChromium(): string | null {
  try {
    return chromium.executablePath() || null;
  } catch {
    return null;
  }
}

export function findChromium(search: ChromiumSearch = {}): ChromiumSearchResult {
  const env = search.env ?? process.env;
  const exists = search.exists ?? fs.existsSync;
  const tried: string[] = [];
  const explicit = env.CHROMIUM_PATH || null;
  if (explicit) {
    if (exists(explicit)) return { path: explicit, source: 'CHROMIUM_PATH' };
    tried.push(explicit);
  }
  const override = env[SEARCH_PATHS_ENV];
  const candidates: [string, ChromiumSource][] =
    override !== undefined
      ? override
          .split(process.platform === 'win32' ? ';' : ':')
          .filter(Boolean)
          .map((p) => [p, 'system'])
      : [
          ...(search.systemPaths ?? SYSTEM_CHROMIUM_PATHS).map((p): [string, ChromiumSource] => [
            p,
            'system',
          ]),
          ...[(search.playwrightPath ?? playwrightChromium)()]
            .filter((p): p is string => Boolean(p))
            .map((p): [string, ChromiumSource] => [p, 'playwright']),
        ];
  for (const [file, source] of candidates) {
    if (exists(file)) return { path: file, source };
    tried.push(file);
  }
  return { path: null, tried, chromiumPathMissing: explicit };
}

/** The one line `npm test` prints when there is no Chromium. */
export function noChromiumMessage(result: { chromiumPathMissing: string | null }, ci: boolean): string {
  const where = result.chromiumPathMissing
    ? `CHROMIUM_PATH=${result.chromiumPathMissing} does not exist, and no Chromium is at the usual system paths or in Playwright's cache`
    : "no Chromium at CHROMIUM_PATH, the usual system paths or in Playwright's cache";
  const install =
    'install it with "apt-get install chromium", or "npx playwright install chromium" where the internet is reachable, or set CHROMIUM_PATH';
  return ci
    ? `Browser tests cannot run under CI: ${where}; ${install}.`
    : `Browser tests skipped: ${where}; ${install}.`;
}
