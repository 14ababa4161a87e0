import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** What global-setup prepared, shared with the specs through a JSON file named in the environment. */
export interface E2eState {
  baseURL: string;
  tempDir: string;
  serverPid: number;
  organisationName: string;
  admin: { email: string; name: string; password: string };
  registrar: { email: string; name: string; password: string };
  viewer: { email: string; name: string; password: string };
  installationAdmin: { email: string; password: string };
}

export const STATE_ENV = 'MATERIEL_E2E_STATE';

export function readState(): E2eState {
  const file = process.env[STATE_ENV];
  if (!file || !fs.existsSync(file)) {
    throw new Error(
      `No e2e state: ${STATE_ENV} is not set or missing. Run the specs through "npx playwright test".`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
}

export const SCREENSHOT_DIR = 'test-results/screenshots';

/** A full-page screenshot a person can look at: test-results/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
