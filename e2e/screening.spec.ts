import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { readState, shot, signIn } from './support.ts';

const state = readState();
test.use({ baseURL: state.baseURL });
test.describe.configure({ mode: 'serial' });

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dbUrl = `sqlite:${path.join(state.tempDir, 'materiel.db')}`;

/** Loads the UN list fixture into the e2e database with the CLI, as an installation would. */
function loadList(file: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(projectRoot, 'bin/materiel.mjs'), '--db', dbUrl, 'lists', 'load', file, '--json'],
      { cwd: projectRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`lists load failed: ${error.message}\n${stderr}\n${stdout}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

test.beforeAll(async () => {
  await loadList('test/fixtures/lists/un-consolidated-v1.xml');
});

async function openScreening(page: Page) {
  await signIn(page, state.admin.email, state.admin.password);
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${state.admin.name}` })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  const toggle = page.getByRole('button', { name: 'Menu' });
  if (await toggle.isVisible()) await toggle.click();
  await nav.getByRole('link', { name: 'Screening' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Screen a name' })).toBeVisible();
}

test('a listed person is found with the reasons for the score, recorded and escalated with a reason', async ({
  page,
}) => {
  await openScreening(page);
  await expect(page.getByLabel('Threshold')).toHaveValue('0.8');
  await page.getByLabel('Name').fill('Iyad Ag Ghaly');
  await page.getByLabel('Type').selectOption({ label: 'Person' });
  await page.getByRole('button', { name: 'Screen', exact: true }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Candidates for “Iyad Ag Ghaly”' })).toBeVisible();
  await expect(page.getByText(/^Lists used: un-sc 2018-10-29/)).toBeVisible();
  await expect(page.getByText('A score is not a probability; read the reasons.')).toBeVisible();
  const card = page.getByRole('article', { name: 'IYAD AG GHALI' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('link', { name: 'See designation QDi.316' })).toBeVisible();
  await expect(card).toContainText('un-sc');
  const why = card.getByRole('region', { name: 'Why this score' });
  await expect(why).toContainText('"ghaly" ~ "ghali"');
  await expect(why).toContainText('Final score 0.98 (threshold 0.80).');
  await expect(card.getByText(/^Score 0[.,]98$/)).toBeVisible();
  await shot(page, 'screening-01-candidate');

  await page.getByRole('button', { name: 'Record these candidates for a decision' }).click();
  await expect(page.getByText('Candidates recorded: 1. Decide on each one below.')).toBeVisible();
  await card.getByLabel('Escalated').check();
  await card
    .getByLabel('Reason')
    .fill('Same name and nationality to check; passport copy requested from the consignee.');
  await shot(page, 'screening-02-decision-form');
  await card.getByRole('button', { name: 'Record the decision' }).click();

  await expect(card.getByText('Decision: Escalated')).toBeVisible();
  await expect(card).toContainText('Reason: Same name and nationality to check; passport copy requested');
  await expect(card).toContainText(`By ${state.admin.email} on`);
  await expect(card).toContainText('List version: un-sc 2018-10-29');
  await shot(page, 'screening-03-escalated');

  // The reference opens the designation with its data and its history.
  await card.getByRole('link', { name: 'See designation QDi.316' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Designation QDi\.316/ })).toBeVisible();
  await expect(page.getByText('Listed in the current version.')).toBeVisible();
  await expect(page.getByText('Sidi Mohamed Arhali')).toBeVisible();
  await expect(page.getByText('Quality: good')).toBeVisible();
  await expect(page.getByText('A1037434')).toBeVisible();
  await expect(page.getByText(/Founder and leader of Ansar Eddine/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'History across list versions' })).toBeVisible();
  await shot(page, 'screening-04-designation');
});

test('an organisation that is not listed gives no candidate', async ({ page }) => {
  await openScreening(page);
  await page.getByLabel('Name').fill('General Trading Company Ltd');
  await page.getByLabel('Type').selectOption({ label: 'Organisation' });
  await page.getByRole('button', { name: 'Screen', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Candidates for “General Trading Company Ltd”' }),
  ).toBeVisible();
  await expect(
    page.getByText('No candidate on the lists in force scores at or above the threshold.'),
  ).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record these candidates for a decision' })).toHaveCount(0);
  await shot(page, 'screening-05-no-candidate');
});

test('the hits page lists decisions by status and keeps parties', async ({ page }) => {
  await openScreening(page);
  await page
    .getByRole('navigation', { name: 'Screening sections' })
    .getByRole('link', { name: 'Hits and parties' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hits and parties' })).toBeVisible();
  await page.getByLabel('Show').selectOption({ label: 'Escalated' });
  const card = page.getByRole('article').filter({ hasText: 'QDi.316' });
  await expect(card).toContainText('Screened name: Iyad Ag Ghaly');
  await expect(card.getByText('Decision: Escalated')).toBeVisible();

  const parties = page.getByRole('region', { name: 'Parties' });
  await parties.getByLabel('Name').fill('Sahel Freight Forwarders');
  await parties.getByLabel('Type').selectOption({ label: 'Organisation' });
  await parties.getByRole('button', { name: 'Add a party' }).click();
  await expect(
    parties.getByText('Party “Sahel Freight Forwarders” kept; candidates raised: 0.'),
  ).toBeVisible();
  await expect(parties.getByRole('row', { name: /Sahel Freight Forwarders/ })).toBeVisible();
  await shot(page, 'screening-06-hits-and-parties');
});

test('in French, the screening page and its reasons warning read in French', async ({ page }) => {
  await openScreening(page);
  await page.getByLabel('Language').selectOption({ label: 'Français' });
  await expect(page.getByRole('heading', { level: 1, name: 'Cribler un nom' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Criblage' }),
  ).toBeVisible();
  await page.getByLabel('Nom').fill('Iyad Ag Ghaly');
  await page.getByRole('button', { name: 'Cribler', exact: true }).click();
  await expect(page.getByText('Un score n’est pas une probabilité : lisez les raisons.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer ces candidats pour décision' })).toBeVisible();
  await shot(page, 'screening-08-french');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the screening results fit the screen', async ({ page }) => {
    await openScreening(page);
    await page.getByLabel('Name').fill('Iyad Ag Ghaly');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    await expect(page.getByRole('article', { name: 'IYAD AG GHALI' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Record these candidates for a decision' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, 'screening-07-phone');
  });
});
