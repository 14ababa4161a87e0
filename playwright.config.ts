import { defineConfig } from '@playwright/test';
import { findChromium, isCi } from './scripts/find-chromium.ts';

/**
 * Browser tests against a real server on a temporary SQLite file (see e2e/global-setup.ts).
 * `npm run test:e2e` (scripts/run-e2e.ts) builds the web app first, or says in one line that there
 * is no Chromium. The browser: CHROMIUM_PATH, else a system Chromium, else Playwright's own download.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: isCi(),
  use: {
    headless: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findChromium().path ?? undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
