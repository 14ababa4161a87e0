import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, request, test } from '@playwright/test';
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

/** Loads a list version through the API as the installation administrator, as a script of theirs would. */
async function loadListThroughApi(file: string): Promise<void> {
  const api = await request.newContext({ baseURL: state.baseURL });
  try {
    const signIn = await api.post('/api/session', {
      data: { email: state.installationAdmin.email, password: state.installationAdmin.password },
    });
    expect(signIn.status(), await signIn.text()).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const load = await api.post('/api/lists', {
      headers: { 'X-CSRF-Token': csrfToken },
      multipart: {
        file: {
          name: path.basename(file),
          mimeType: 'application/xml',
          buffer: fs.readFileSync(path.join(projectRoot, file)),
        },
      },
    });
    expect(load.status(), await load.text()).toBe(201);
  } finally {
    await api.dispose();
  }
}

const V1 = '2018-10-29T19:09:49.856-04:00';
const V2 = '2020-03-20T19:09:21.822-04:00';

// Last in the file: the second UN version becomes the one in force, which the tests above do not expect.
test.describe('the lists page', () => {
  test.beforeAll(async () => {
    await loadListThroughApi('test/fixtures/lists/un-consolidated-v2.xml');
  });

  async function compareV1WithV2(page: Page) {
    const compare = page.getByRole('region', { name: 'Compare two versions' });
    await compare
      .getByLabel('List', { exact: true })
      .selectOption({ label: 'UN Security Council consolidated list' });
    await compare.getByLabel('From version').selectOption({ label: V1 });
    await compare.getByLabel('To version').selectOption({ label: `${V2} (in force)` });
    await compare.getByRole('button', { name: 'Compare' }).click();
    await expect(compare.getByText(`un-sc: from version ${V1} to version ${V2}`)).toBeVisible();
    return compare;
  }

  test('shows the versions, the parties listed on a date, a designation and what changed between two versions', async ({
    page,
  }) => {
    await openScreening(page);
    await page
      .getByRole('navigation', { name: 'Screening sections' })
      .getByRole('link', { name: 'Lists' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Designations lists' })).toBeVisible();

    const versions = page.getByRole('table', { name: 'Loaded versions of the designations lists' });
    await expect(versions.getByRole('row', { name: V2 })).toContainText('In force');
    await expect(versions.getByRole('row', { name: V1 })).toContainText('18 (13 persons, 5 entities)');

    // Today, by default: the newer version, with QDi.419 and without KPe.055.
    const browse = page.getByRole('region', { name: 'Designated parties on a date' });
    await expect(browse.getByText('Designations shown: 18')).toBeVisible();
    await expect(browse.getByRole('link', { name: 'QDi.419' })).toBeVisible();
    await expect(browse.getByRole('link', { name: 'KPe.055' })).toHaveCount(0);
    await shot(page, 'screening-09-lists');

    // As the lists stood in mid-2019: the first version.
    await browse.getByLabel('As of').fill('2019-06-01');
    await browse.getByRole('button', { name: 'Show' }).click();
    await expect(browse.getByText(`Versions in force on 1 Jun 2019: un-sc ${V1}`)).toBeVisible();
    await expect(browse.getByRole('link', { name: 'KPe.055' })).toBeVisible();
    await expect(browse.getByRole('link', { name: 'QDi.419' })).toHaveCount(0);
    await browse.getByLabel('Name or reference').fill('bahaji');
    await browse.getByRole('button', { name: 'Show' }).click();
    await expect(browse.getByText('Designations shown: 1')).toBeVisible();
    const row = browse.getByRole('row', { name: /QDi\.080/ });
    await expect(row).toContainText('SAID BAHAJI');
    await shot(page, 'screening-10-lists-as-of');

    await row.getByRole('link', { name: 'QDi.080' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Designation QDi\.080/ })).toBeVisible();
    await expect(page.getByText('narrative changed')).toBeVisible();
    await shot(page, 'screening-11-lists-designation');

    // Back on the lists page, the search is as it was.
    await page.goBack();
    await expect(browse.getByLabel('As of')).toHaveValue('2019-06-01');
    await expect(browse.getByLabel('Name or reference')).toHaveValue('bahaji');
    await expect(browse.getByRole('row', { name: /QDi\.080/ })).toBeVisible();

    const compare = await compareV1WithV2(page);
    await expect(compare.locator('.screening-diff-count-added dd')).toHaveText('1');
    await expect(compare.locator('.screening-diff-count-removed dd')).toHaveText('1');
    await expect(compare.locator('.screening-diff-count-changed dd')).toHaveText('1');
    await expect(compare.locator('.screening-diff-count-unchanged dd')).toHaveText('16');
    await expect(compare.getByRole('link', { name: 'See designation QDi.419' })).toBeVisible();
    await expect(compare.getByRole('link', { name: 'See designation KPe.055' })).toBeVisible();
    const changed = compare.getByRole('article', { name: 'QDi.080 SAID BAHAJI' });
    await expect(changed.getByText('Narrative summary')).toBeVisible();
    await expect(changed.getByText('Last updated')).toBeVisible();
    await expect(changed).toContainText('Before:');
    await expect(changed).toContainText('2253');
    await expect(compare.getByRole('button', { name: /Show all/ })).toHaveCount(0);
    await shot(page, 'screening-12-lists-compare');

    // A removed reference opens its designation, which says it is not listed any more.
    await compare.getByRole('link', { name: 'See designation KPe.055' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Designation KPe\.055/ })).toBeVisible();
    await expect(page.getByText('Not listed in the current version any more.')).toBeVisible();
  });

  test('in French, the lists page reads in French', async ({ page }) => {
    await openScreening(page);
    await page.getByLabel('Language').selectOption({ label: 'Français' });
    await page
      .getByRole('navigation', { name: 'Sections du criblage' })
      .getByRole('link', { name: 'Listes' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Listes de sanctions' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Parties désignées à une date' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Comparer' })).toBeVisible();
    await expect(page.getByText(/^Désignations affichées : 18$/)).toBeVisible();
    await shot(page, 'screening-14-lists-french');
  });

  test('a long comparison shows the first 50 changed designations, then all on request', async ({ page }) => {
    // The fixtures differ by one designation; a real UN update changes about a hundred. Pad the
    // server's answer with 119 more changed designations to see how such a diff reads.
    await page.route('**/api/lists/diff?*', async (route) => {
      const response = await route.fetch();
      const diff = (await response.json()) as { changed: { ref: string; name: string; fields: unknown[] }[] };
      const template = diff.changed[0]!;
      for (let i = 1; i <= 119; i++)
        diff.changed.push({ ...template, ref: `QDi.${String(900 + i)}`, name: `${template.name} ${i}` });
      await route.fulfill({ response, json: diff });
    });
    await openScreening(page);
    await page.goto('/screening/lists');
    const compare = await compareV1WithV2(page);
    await expect(compare.getByRole('heading', { name: 'Changed designations (120)' })).toBeVisible();
    await expect(compare.getByRole('article')).toHaveCount(50);
    await expect(compare.getByText('Showing the first 50 of 120 changed designations.')).toBeVisible();
    await compare.getByRole('button', { name: 'Show all 120 changed designations' }).click();
    await expect(compare.getByRole('article')).toHaveCount(120);
    await expect(compare.getByRole('button', { name: /Show all/ })).toHaveCount(0);
    // Focus moves to the first designation the button revealed, not back to the top of the page.
    await expect(compare.locator('.screening-diff-changed > li:focus')).toContainText('QDi.950');
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test('the lists and a comparison fit the screen', async ({ page }) => {
      await openScreening(page);
      await page
        .getByRole('navigation', { name: 'Screening sections' })
        .getByRole('link', { name: 'Lists' })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: 'Designations lists' })).toBeVisible();
      const compare = await compareV1WithV2(page);
      await expect(compare.getByRole('article', { name: 'QDi.080 SAID BAHAJI' })).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await shot(page, 'screening-13-lists-phone');
    });
  });
});
