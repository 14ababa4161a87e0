import { expect, test } from '@playwright/test';
import { readState, shot, signIn } from './support.ts';

const state = readState();
test.use({ baseURL: state.baseURL });

// The second test signs in with the one-time password the first one obtained.
test.describe.configure({ mode: 'serial' });

const newPerson = { email: 'jean.mukendi@e2e.test', name: 'Jean Mukendi', role: 'Field officer' };
let oneTimePassword = '';

test('an administrator adds a person, sees the one-time password once, and finds the entry in the audit log', async ({
  page,
}) => {
  await signIn(page, state.admin.email, state.admin.password);
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${state.admin.name}` })).toBeVisible();
  await expect(
    page.getByText(`You are working for ${state.organisationName} as Administrator.`),
  ).toBeVisible();
  await shot(page, '01-admin-home');

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Users' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a person' }).click();
  const form = page.getByRole('region', { name: `Add a person to ${state.organisationName}` });
  await form.getByLabel('E-mail address').fill(newPerson.email);
  await form.getByLabel('Name').fill(newPerson.name);
  await form.getByLabel('Role').selectOption({ label: newPerson.role });
  await shot(page, '02-users-add-form');
  await form.getByRole('button', { name: 'Add person' }).click();

  const secret = page.getByRole('region', { name: `One-time password for ${newPerson.email}` });
  await expect(secret).toBeVisible();
  await expect(secret).toContainText('it will not be shown again');
  oneTimePassword = await secret.getByLabel('One-time password').inputValue();
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
  const row = page.getByRole('row', { name: new RegExp(newPerson.name) });
  await expect(row).toContainText(newPerson.email);
  await expect(row.getByLabel(`Role of ${newPerson.name}`)).toHaveValue('field_officer');
  await expect(row).toContainText('Has not yet chosen a password');
  await shot(page, '03-users-one-time-password');

  // Shown once: after dismissing it, it is gone for good.
  await secret.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByLabel('One-time password')).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Actor').fill(state.admin.email);
  await page.getByLabel('Action').selectOption('user.create');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/action=user\.create/);
  await expect(page.getByText('Entries 1 to 1 of 1')).toBeVisible();
  const entry = page.getByRole('row').filter({ hasText: 'user.create' });
  await expect(entry).toContainText(state.admin.email);
  await entry.getByRole('button', { expanded: false }).click();
  await expect(page.getByText(`"email": "${newPerson.email}"`)).toBeVisible();
  await shot(page, '04-audit-user-create');
});

test('the new person signs in with the one-time password, must choose a password, then reaches home', async ({
  page,
}) => {
  expect(oneTimePassword, 'the first test obtains the one-time password').not.toBe('');
  await signIn(page, newPerson.email, oneTimePassword);
  await expect(page.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
  await expect(page.getByText('You signed in with a one-time password.')).toBeVisible();
  // Nothing else is reachable meanwhile, not even by address.
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
  await shot(page, '05-forced-password-change');

  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  const chosen = 'field work in the rainy season';
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('New password again').fill(chosen);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${newPerson.name}` })).toBeVisible();
  await expect(page).toHaveURL(`${state.baseURL}/`);
  await expect(
    page.getByText(`You are working for ${state.organisationName} as Field officer.`),
  ).toBeVisible();
  // A field officer is no administrator: no audit log in the navigation.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await shot(page, '06-new-person-home');
});

test('switching the language to French changes the text, and the choice is kept', async ({ page }) => {
  await signIn(page, state.admin.email, state.admin.password);
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${state.admin.name}` })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel('Language').selectOption({ label: 'Français' });
  await expect(page.getByRole('heading', { level: 1, name: `Bienvenue, ${state.admin.name}` })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link', { name: 'Utilisateurs' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Journal d’audit' })).toBeVisible();
  await expect(
    page.getByText(
      `Vous travaillez pour ${state.organisationName}, avec le rôle «\u00a0Administrateur\u00a0».`,
    ),
  ).toBeVisible();
  await shot(page, '07-home-french');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Bienvenue, ${state.admin.name}` })).toBeVisible();
  await nav.getByRole('link', { name: 'Utilisateurs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Rôle' })).toBeVisible();
  await shot(page, '08-users-french');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the menu collapses and the users page fits the screen', async ({ page }) => {
    await signIn(page, state.admin.email, state.admin.password);
    await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${state.admin.name}` })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav).toBeHidden();
    await shot(page, '09-phone-home');

    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(nav).toBeVisible();
    await shot(page, '10-phone-menu-open');
    await nav.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(nav).toBeHidden();
    await expect(page.getByText(newPerson.email)).toBeVisible();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'nothing sticks out sideways').toBeLessThanOrEqual(0);
    await shot(page, '11-phone-users');
  });
});

test('an installation administrator adds an organisation and verifies the audit chain', async ({ page }) => {
  await signIn(page, state.installationAdmin.email, state.installationAdmin.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Administrator' })).toBeVisible();

  await page.getByRole('link', { name: 'Organisations' }).click();
  await page.getByRole('button', { name: 'Add an organisation' }).click();
  const form = page.getByRole('region', { name: 'New organisation' });
  // A name already taken: the API's message is shown in the form.
  await form.getByLabel('Name').fill(state.organisationName);
  await form.getByRole('button', { name: 'Add organisation' }).click();
  await expect(form.getByRole('alert')).toContainText('already exists');

  await form.getByLabel('Name').fill('Panel of Experts on Testland');
  await form.getByLabel('Kind').selectOption({ label: 'Panel of experts' });
  await form.getByLabel('Country').fill('caf');
  await form.getByLabel('Confidentiality').selectOption({ label: 'Confidential' });
  await form.getByRole('button', { name: 'Add organisation' }).click();
  await expect(page.getByText('Panel of Experts on Testland was added.')).toBeVisible();
  const row = page.getByRole('row', { name: /Panel of Experts on Testland/ });
  await expect(row).toContainText('Panel of experts');
  await expect(row).toContainText('Confidential');
  await expect(row).toContainText('CAF');
  await shot(page, '12-organisations');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/The audit log is intact: \d+ entries were checked\./)).toBeVisible();
  await shot(page, '13-audit-verified');
});
