import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropFiles, expect, test } from './fixtures';

const SAMPLES = join(process.cwd(), 'test', 'fixtures', 'seed-samples');

/** Imports the customers sample (five customers, registered and email IDs) through the UI. */
async function importCustomers(page: Page): Promise<void> {
  await dropFiles(page, [{ name: 'customers.csv', bytes: readFileSync(join(SAMPLES, 'customers.csv')) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await page.getByRole('button', { name: 'Save and import' }).click();
  const row = page.getByTestId('import-row').filter({ hasText: 'customers' });
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
}

test('a workspace query is a source: refused unless a SELECT, previewed, mapped and imported', async ({
  app,
  page,
}) => {
  await app.open();
  await importCustomers(page);

  await page.getByRole('button', { name: 'Workspace query…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New import from…' });
  await dialog.getByLabel('Query').fill('DELETE FROM customers');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByTestId('source-error')).toContainText('Only a single SELECT statement');
  await dialog
    .getByLabel('Query')
    .fill(
      "SELECT i.value AS registered, upper(substr(i.value, 1, 1)) AS initial, 42 AS score FROM customer_ids i WHERE i.id_type = 'registered' ORDER BY i.value",
    );
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog).toBeHidden();

  const preview = page.getByTestId('preview-step');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('dialect-fixed')).toContainText('no encoding or delimiter to choose');
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('staging-status')).toContainText('Loaded 5 rows');
  await expect(preview.getByRole('grid')).toContainText('jana.novakova@example.com');
  await app.screenshot('30-workspace-query-preview');

  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByTestId('mapping-step')).toBeVisible();
  await page.getByLabel('Import name').fill('initials');
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await page.getByRole('button', { name: 'Save and import' }).click();
  const row = page.getByTestId('import-row').filter({ hasText: 'initials' });
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  await expect(row).toContainText('Workspace query');

  // The computed attribute landed on the existing customers.
  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  await page.getByTestId('customer-search').fill('peter.smith');
  await expect(page.getByTestId('customer-row')).toHaveCount(1);
  await page.getByTestId('customer-row').first().click();
  const profile = page.getByTestId('customer-profile');
  await expect(profile.getByTestId('profile-attribute').filter({ hasText: 'initial' })).toContainText('P');
  await expect(profile.getByTestId('profile-attribute').filter({ hasText: 'score' })).toContainText('42');
});

test('Export cleaned data… writes the mapped rows as NDJSON, typed, without importing them', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [{ name: 'customers.csv', bytes: readFileSync(join(SAMPLES, 'customers.csv')) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await page.getByLabel('Data type of birthday').selectOption('date');

  await page.getByRole('button', { name: 'Export cleaned data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export cleaned data' });
  await dialog.getByLabel('NDJSON').check();
  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe('customers.ndjson');
  const lines = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(5);
  expect(JSON.parse(lines[0]!)).toEqual({
    registered: 'jana.novakova@example.com',
    first_name: 'Jana',
    last_name: 'Nováková',
    // Personal data leaves hashed by default (the PII guardrail): the email column is recognised —
    // as the attribute and as the email_id the mapping step guessed from its header.
    email: createHash('sha256').update('jana.novakova@example.com').digest('hex'),
    email_id: createHash('sha256').update('jana.novakova@example.com').digest('hex'),
    birthday: '1996-09-28',
  });
  await expect(dialog.getByTestId('export-status')).toContainText('Exported 5 rows to customers.ndjson');
  await app.screenshot('31-export-cleaned-data');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Nothing was imported: the workspace browser has no customers.
  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  await expect(page.getByTestId('customer-row')).toHaveCount(0);
});
