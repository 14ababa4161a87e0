import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { readState, shot, signIn } from './support.ts';

const state = readState();
test.use({ baseURL: state.baseURL });

// Workflow 1 (shared/WORKFLOWS.md): each test builds on the registry the previous one left.
test.describe.configure({ mode: 'serial' });

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const INVENTORY = path.join(fixtures, 'inventaire-armee.csv');
const CORRECTED = path.join(fixtures, 'inventaire-armee-corrige.csv');
/** A small JPEG whose EXIF says it was taken on 2 March 2026 at 09:41 near Goma (1°40'45" S, 29°13'12" E). */
const PHOTO = path.join(fixtures, 'weapon-left.jpg');

async function signInAsRegistrar(page: Page) {
  await signIn(page, state.registrar.email, state.registrar.password);
  await expect(
    page.getByRole('heading', { level: 1, name: `Welcome, ${state.registrar.name}` }),
  ).toBeVisible();
}

/** The count shown in one of the result cards (imported, unchanged, refused). */
function stat(page: Page, label: string) {
  return page.getByRole('list', { name: 'Rows by outcome' }).getByRole('listitem').filter({ hasText: label });
}

async function uploadAndPreview(page: Page, file: string) {
  await page.getByLabel('Inventory file').setInputFiles(file);
  await expect(page.getByText(path.basename(file))).toBeVisible();
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Check the columns' })).toBeVisible();
}

test('the registrar imports a French inventory, sees three rows refused, and re-imports the corrected file', async ({
  page,
}) => {
  await signInAsRegistrar(page);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Registry' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weapons' })).toBeVisible();
  await expect(page.getByText('No weapons are registered yet.')).toBeVisible();
  await shot(page, 'registry-01-empty');

  await page.getByRole('link', { name: 'Import an inventory' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import an inventory' })).toBeVisible();
  await page.getByLabel('Inventory file').setInputFiles(INVENTORY);
  await expect(page.getByRole('status').filter({ hasText: 'inventaire-armee.csv' })).toContainText('kB');
  await shot(page, 'registry-02-upload');
  await page.getByRole('button', { name: 'Upload and preview' }).click();

  // The French headers are recognised; the internal reference is not.
  await expect(page.getByRole('heading', { level: 2, name: 'Check the columns' })).toBeVisible();
  await expect(page.getByLabel('Field of the column N° de série')).toHaveValue('serial');
  await expect(page.getByLabel('Field of the column Fabricant')).toHaveValue('make');
  await expect(page.getByLabel('Field of the column Catégorie')).toHaveValue('category');
  await expect(page.getByLabel('Field of the column Année')).toHaveValue('year_of_manufacture');
  await expect(page.getByLabel('Field of the column Dépôt')).toHaveValue('site');
  await expect(page.getByLabel('Field of the column Réf. interne')).toHaveValue('');
  await expect(page.getByLabel('Header row')).toHaveValue('1');

  // The registrar keeps the army's internal reference as a note on each weapon.
  const previewDone = page.waitForResponse((r) => r.url().endsWith('/preview') && r.status() === 200);
  await page.getByLabel('Field of the column Réf. interne').selectOption('notes');
  await previewDone;
  await expect(page.getByLabel('Field of the column Réf. interne')).toHaveValue('notes');
  await shot(page, 'registry-03-mapping');

  // A check saves nothing and shows each refused row with its reason, inline and in a table.
  await page.getByRole('button', { name: 'Check (saves nothing)' }).click();
  await expect(page.getByText('Check finished: nothing was saved.')).toBeVisible();
  await expect(stat(page, 'Would be imported')).toContainText('37');
  await expect(stat(page, 'Would be refused')).toContainText('3');
  const errors = page.getByRole('table', { name: 'Refused rows' });
  await expect(errors.getByRole('row', { name: /Row 14/ })).toContainText('Arbalètes');
  await expect(errors.getByRole('row', { name: /Row 14/ })).toContainText('Unknown category');
  await expect(errors.getByRole('row', { name: /Row 23/ })).toContainText('2150');
  await expect(errors.getByRole('row', { name: /Row 35/ })).toContainText(
    'Neither a serial number nor a national registration number',
  );
  await expect(page.locator('.preview-table td.cell-error').filter({ hasText: 'Arbalètes' })).toBeVisible();
  await shot(page, 'registry-04-check');

  // Import the 37 valid rows; the 3 refused ones can be downloaded with their reasons.
  await page.getByLabel('Import the valid rows only').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Import finished' })).toBeVisible();
  await expect(stat(page, 'Imported (new)')).toContainText('37');
  await expect(stat(page, 'Unchanged')).toContainText('0');
  await expect(stat(page, 'Refused')).toContainText('3');
  await expect(page.getByRole('table', { name: 'Refused rows' }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('link', { name: /Download the refused rows/ })).toBeVisible();
  await expect(page.getByText('New sites: Dépôt central Kinshasa, Dépôt 3 Goma')).toBeVisible();
  // Row 41 reads 1O1147 with a letter O: flagged as a likely duplicate of row 33 (101147).
  await expect(page.getByRole('heading', { name: 'Likely duplicates' })).toBeVisible();
  await expect(page.locator('.duplicates')).toContainText('1O1147');
  await shot(page, 'registry-05-result');

  // The registrar corrects the three rows in the spreadsheet and uploads it again.
  await page.getByRole('button', { name: 'Import a corrected file' }).click();
  await uploadAndPreview(page, CORRECTED);
  const previewAgain = page.waitForResponse((r) => r.url().endsWith('/preview') && r.status() === 200);
  await page.getByLabel('Field of the column Réf. interne').selectOption('notes');
  await previewAgain;
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Import finished' })).toBeVisible();
  await expect(stat(page, 'Imported (new)')).toContainText('3');
  await expect(stat(page, 'Unchanged')).toContainText('37');
  await expect(stat(page, 'Refused')).toContainText('0');
  await expect(
    page.getByText('37 rows were already in the registry with the same details and were left as they are.'),
  ).toBeVisible();
  await shot(page, 'registry-06-reimport');

  await page.getByRole('link', { name: 'Go to the registry' }).click();
  await expect(page.getByText('Weapons 1 to 40 of 40')).toBeVisible();
});

test('a serial typed with Latin letters finds the one read in Cyrillic; the registrar records an issue and corrects it', async ({
  page,
}) => {
  await signInAsRegistrar(page);
  await page.goto('/registry');
  const search = page.getByLabel('Serial number or marking');

  // A partly filed serial is found with ? in the same places.
  await search.fill('56?21?4');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('Weapons 1 to 1 of 1')).toBeVisible();
  await expect(page.getByRole('row', { name: /56\?21\?4/ })).toContainText('Cugir');

  // The inventory typed АК56К1004 with Cyrillic А and К; the registrar types Latin letters.
  await search.fill('ak56k1004');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/q=ak56k1004/);
  await expect(page.getByText('Weapons 1 to 1 of 1')).toBeVisible();
  const row = page.getByRole('row', { name: /АК56К1004/ });
  await expect(row).toContainText('Searched as AK56K1004');
  await expect(row).toContainText('Zastava');
  await shot(page, 'registry-07-search');

  await row.getByRole('link', { name: 'АК56К1004' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zastava M70' })).toBeVisible();
  const identity = page.getByRole('region', { name: 'Identity' });
  await expect(identity).toContainText('Serial as readАК56К1004');
  await expect(identity).toContainText('Serial as searched (normalised)AK56K1004');
  await expect(identity).toContainText('Contains non-Latin characters (Cyrillic): А К');
  await expect(identity).toContainText('Assault rifles');
  await expect(identity).toContainText('Dépôt central Kinshasa');
  await expect(identity).toContainText('In stock');
  await shot(page, 'registry-08-weapon');

  const ledger = page.getByRole('region', { name: 'Ledger' });
  await ledger.getByRole('button', { name: 'Record an event' }).click();
  const form = page.getByRole('region', { name: 'Record an event' });
  // Dated today, the default: the ledger refuses an issue dated before the weapon's registration.
  await form.getByLabel('What happened').selectOption({ label: 'Issued' });
  await form.getByLabel('Counterpart').fill('3rd Infantry Battalion');
  await form.getByLabel('Holder').fill('Sgt. K. Mbala');
  await form.getByRole('button', { name: 'Add a document' }).click();
  await form.getByLabel('Document 1, kind').selectOption({ label: 'Licence' });
  await form.getByLabel('Document 1, reference').fill('ORD-2026-114');
  await form.getByRole('button', { name: 'Record the event' }).click();
  await expect(page.getByText('The event “Issued” was recorded.')).toBeVisible();
  await expect(identity).toContainText('Issued');
  await expect(identity).toContainText('Sgt. K. Mbala');
  const events = ledger.getByRole('listitem').filter({ has: page.locator('.timeline-head') });
  await expect(events).toHaveCount(2);
  await expect(events.nth(1)).toContainText('3rd Infantry Battalion');
  await expect(events.nth(1)).toContainText('Licence: ORD-2026-114');
  await shot(page, 'registry-09-timeline');

  // The issue went to the wrong battalion: corrected, never deleted, then recorded again.
  await ledger.getByRole('button', { name: 'Record an event' }).click();
  await form.getByLabel('What happened').selectOption({ label: 'Corrected' });
  await form.getByRole('button', { name: 'Record the event' }).click();
  await expect(form.getByText('Choose the event to correct.')).toBeVisible();
  // The latest event comes first in the list.
  await expect(form.getByLabel('Event to correct').locator('option').nth(1)).toHaveText(/: Issued$/);
  await form.getByLabel('Event to correct').selectOption({ index: 1 });
  await form.getByLabel('Reason').fill('Issued to the 4th Battalion, not the 3rd: clerical error.');
  await form.getByRole('button', { name: 'Record the event' }).click();
  await expect(page.getByText('The event “Corrected” was recorded.')).toBeVisible();
  await expect(events).toHaveCount(3);
  await expect(events.nth(1).locator('del')).toHaveText('Issued');
  await expect(events.nth(1)).toContainText('Issued to the 4th Battalion, not the 3rd: clerical error.');
  await expect(identity).toContainText('In stock');

  await ledger.getByRole('button', { name: 'Record an event' }).click();
  await form.getByLabel('What happened').selectOption({ label: 'Issued' });
  await form.getByLabel('Counterpart').fill('4th Infantry Battalion');
  await form.getByLabel('Holder').fill('Sgt. K. Mbala');
  await form.getByRole('button', { name: 'Record the event' }).click();
  await expect(events).toHaveCount(4);
  await expect(identity).toContainText('Issued');
  await shot(page, 'registry-10-corrected-timeline');
});

test('a weapon registered with only a national registration number receives a national marking code and a label', async ({
  page,
}) => {
  await signInAsRegistrar(page);
  await page.goto('/registry');
  await page.getByRole('link', { name: 'Register a weapon' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Register a weapon' })).toBeVisible();

  // Nothing given: the form says what the registry needs before it asks the server.
  await page.getByRole('button', { name: 'Register the weapon' }).click();
  await expect(
    page.getByText('Give the serial number as read, or the national registration number.').first(),
  ).toBeVisible();

  await page.getByLabel('Serial number', { exact: true }).fill('4?7??');
  await expect(page.getByText('3 unreadable characters are marked with ?.')).toBeVisible();
  await page.getByLabel('Serial number', { exact: true }).fill('');
  await page.getByLabel('National registration number').fill('DDR-2026-0042');
  await page.getByLabel('Category').selectOption({ label: 'Assault rifles' });
  await page.getByLabel('Calibre').fill('7.62x39mm');
  await page.getByRole('button', { name: 'Add a marking' }).click();
  const marking = page.getByRole('group', { name: 'Marking 1' });
  await marking.getByLabel('Kind').selectOption({ label: 'Unit mark' });
  await marking.getByLabel('Text exactly as read').fill('ВЧ 3421');
  await expect(marking.getByLabel('Script')).toHaveValue('cyrillic');
  await marking.getByLabel('Transliteration').fill('VCh 3421');
  await marking.getByLabel('Position on the weapon').selectOption({ label: 'Stock' });
  await page.getByLabel('Condition', { exact: true }).selectOption({ label: 'Damaged' });
  await page.getByLabel('Site').selectOption({ label: 'Dépôt 3 Goma' });
  await page.getByLabel('Notes').fill('Collected in the disarmament programme; frame serial ground off.');
  await shot(page, 'registry-11-register-form');
  await page.getByRole('button', { name: 'Register the weapon' }).click();

  await expect(page.getByText('The weapon was registered.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Assault rifles' })).toBeVisible();
  const identity = page.getByRole('region', { name: 'Identity' });
  await expect(identity).toContainText('No serial number read');
  await expect(identity).toContainText('DDR-2026-0042');
  const markings = page.getByRole('region', { name: 'Markings' });
  await expect(markings.getByRole('row', { name: /Unit mark/ })).toContainText('ВЧ 3421');
  await expect(markings.getByRole('row', { name: /Unit mark/ })).toContainText('VCh 3421');

  // The overall left-side photograph: the date and place the camera recorded are read from the file.
  const photos = page.getByRole('region', { name: 'Photographs and documents' });
  await photos.getByLabel('What it shows').selectOption({ label: 'Overall, left side' });
  await photos.getByLabel('File', { exact: true }).setInputFiles(PHOTO);
  await photos.getByRole('button', { name: 'Upload' }).click();
  await expect(photos.getByText('weapon-left.jpg was added.')).toBeVisible();
  const card = photos.getByRole('listitem').filter({ hasText: 'Overall, left side' });
  await expect(card).toContainText('Taken 2 Mar 2026, 09:41');
  // The photo was taken at Goma, south of the equator: the hemisphere comes from GPSLatitudeRef.
  await expect(card).toContainText(/At 1\.67917° S, 29\.22000° E/);
  await shot(page, 'registry-12-registered');
  await card.getByRole('button', { name: /Open the photograph/ }).click();
  const viewer = page.getByRole('dialog', { name: 'Overall, left side' });
  await expect(
    viewer.getByRole('img', { name: 'Photograph of the weapon: Overall, left side' }),
  ).toBeVisible();
  await expect(viewer).toContainText(/1\.67917° S, 29\.22000° E/);
  await shot(page, 'registry-13-photo');
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toHaveCount(0);

  await page.getByRole('link', { name: 'Issue a national marking code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'National marking labels' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '1 weapon without a national marking code' })).toBeVisible();
  await page.getByRole('button', { name: 'Issue a national marking code' }).click();
  await expect(page.getByText('1 national marking code was issued.')).toBeVisible();
  const label = page.getByRole('list', { name: 'Labels' }).getByRole('listitem');
  await expect(label).toHaveCount(1);
  const code = (await label.locator('.label-code').textContent()) ?? '';
  expect(code).toMatch(/^COD-\d{4}-\d+/);
  await expect(label.getByRole('img', { name: `QR code of ${code}` })).toBeVisible();
  await expect(label).toContainText('DDR-2026-0042');
  await expect(label).toContainText(state.organisationName);
  await expect(page.getByRole('button', { name: 'Print the label' })).toBeVisible();
  await shot(page, 'registry-14-labels');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'registry-15-labels-print');
  await page.emulateMedia({ media: 'screen' });

  // The code is now part of the weapon's identity and of its ledger.
  await page.goBack();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Identity' })).toContainText(code);
  await expect(page.getByRole('region', { name: 'Ledger' })).toContainText('Marked');

  // Selected in the list, the same weapon prints without a new code.
  await page.goto(`/registry?q=${encodeURIComponent(code)}`);
  await expect(page.getByText('Weapons 1 to 1 of 1')).toBeVisible();
  await page.getByLabel(`Select ${'DDR-2026-0042'}`).check();
  await expect(page.getByText('1 weapon selected')).toBeVisible();
  await page.getByRole('button', { name: 'Print labels for selected weapons' }).click();
  await expect(page.locator('.label-code')).toHaveText(code);
  await expect(page.getByRole('button', { name: /Issue/ })).toHaveCount(0);
});

test('an ammunition lot is registered and its quantity moves only by recorded movements', async ({
  page,
}) => {
  await signInAsRegistrar(page);
  await page.goto('/registry');
  await page.getByRole('link', { name: 'Ammunition lots' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ammunition lots' })).toBeVisible();
  await page.getByRole('button', { name: 'Register a lot' }).click();
  const form = page.getByRole('region', { name: 'New ammunition lot' });
  await form.getByLabel('Lot number').fill('LOT 21-1987');
  await form.getByLabel('Quantity').fill('1440');
  await form.getByLabel('Calibre').fill('7.62x39mm');
  await form.getByLabel('Manufacturer').fill('Arsenal 10');
  await form.getByLabel('Headstamp').fill('10 87');
  await form.getByRole('button', { name: 'Register the lot' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Lot LOT 21-1987' })).toBeVisible();
  const facts = page.getByRole('region', { name: 'Lot' });
  await expect(facts).toContainText('1,440');
  await page.getByRole('button', { name: 'Record a movement' }).click();
  const movement = page.getByRole('region', { name: 'Record a movement' });
  await movement.getByLabel('What happened').selectOption({ label: 'Issued' });
  await movement.getByLabel('Quantity').fill('240');
  await movement.getByLabel('Counterpart').fill('3rd Infantry Battalion');
  await movement.getByRole('button', { name: 'Record the event' }).click();
  await expect(page.getByText('The event “Issued” was recorded.')).toBeVisible();
  await expect(facts).toContainText('1,200');
  const ledger = page.getByRole('region', { name: 'Ledger' });
  await expect(ledger).toContainText('Quantity: -240');
  await expect(ledger).toContainText('Quantity: +1,440');
  await shot(page, 'registry-16-lot');

  await page.getByRole('link', { name: 'Ammunition lots' }).first().click();
  await expect(page.getByRole('row', { name: /LOT 21-1987/ })).toContainText('1,200');
});

test('a viewer reads the registry but is offered no change', async ({ page }) => {
  await signIn(page, state.viewer.email, state.viewer.password);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Registry' })
    .click();
  await expect(page.getByText('Weapons 1 to 41 of 41')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Register a weapon' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Import an inventory' })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export the registry as CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^registry-\d{4}-\d{2}-\d{2}\.csv$/);
  await page.getByRole('button', { name: /Serial number/ }).click();
  await expect(page).toHaveURL(/sort=serial&direction=asc/);
  await page.getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('region', { name: 'Ledger' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record an event' })).toHaveCount(0);
});

test('in French, the import result and the registry read in French', async ({ page }) => {
  await signInAsRegistrar(page);
  await page.getByLabel('Language').selectOption({ label: 'Français' });
  await page.goto('/registry');
  await expect(page.getByRole('heading', { level: 1, name: 'Armes' })).toBeVisible();
  await expect(page.getByText('Armes 1 à 41 sur 41')).toBeVisible();
  await expect(page.getByRole('cell', { name: "Fusils d'assaut" }).first()).toBeVisible();
  await shot(page, 'registry-17-list-french');
  await page.getByRole('link', { name: 'Importer un inventaire' }).click();
  await uploadAndPreviewFr(page, CORRECTED);
  await page.getByRole('button', { name: 'Vérifier (n’enregistre rien)' }).click();
  await expect(page.getByText(/Vérification terminée.*rien n’a été enregistré/)).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Lignes par résultat' })
      .getByRole('listitem')
      .filter({ hasText: 'Inchangées' }),
  ).toContainText('40');
  await shot(page, 'registry-18-import-french');
});

async function uploadAndPreviewFr(page: Page, file: string) {
  await page.getByLabel('Fichier d’inventaire').setInputFiles(file);
  await page.getByRole('button', { name: 'Téléverser et prévisualiser' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Vérifier les colonnes' })).toBeVisible();
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the registry, a weapon and the import fit the screen', async ({ page }) => {
    await signInAsRegistrar(page);
    const noOverflow = async () =>
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        'nothing sticks out sideways',
      ).toBeLessThanOrEqual(0);

    await page.goto('/registry?q=56%3F21%3F4');
    await expect(page.getByText('Weapons 1 to 1 of 1')).toBeVisible();
    await noOverflow();
    await shot(page, 'registry-19-phone-list');

    await page.getByRole('link', { name: '56?21?4' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cugir PM md. 63' })).toBeVisible();
    await page.getByRole('button', { name: 'Record an event' }).click();
    await noOverflow();
    await shot(page, 'registry-20-phone-weapon');

    await page.goto('/registry/import');
    await uploadAndPreview(page, CORRECTED);
    await noOverflow();
    await shot(page, 'registry-21-phone-import');
  });
});
