import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropFiles, expect, test } from './fixtures';
import { runIntake } from '../support/intake-cli';

const SAMPLES = join(process.cwd(), 'test', 'fixtures', 'seed-samples');

test('the customers sample is imported and found by email in the workspace browser', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [{ name: 'customers.csv', bytes: readFileSync(join(SAMPLES, 'customers.csv')) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByTestId('mapping-step')).toBeVisible();
  // The `registered` header is tagged as the registered (hard) customer ID by itself.
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await expect(page.getByLabel('ID type of registered')).toHaveValue('registered');
  await page.getByRole('button', { name: 'Save and import' }).click();

  const row = page.getByTestId('import-row').filter({ hasText: 'customers' });
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  await expect(row).toContainText('customers.csv');
  await row.getByTestId('run-status').click();
  const detail = page.getByTestId('run-detail');
  await expect(detail.getByTestId('count-imported')).toContainText('5');
  await expect(detail.getByTestId('count-rejected')).toContainText('0');
  await app.screenshot('23-imports-customers-run');

  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  await page.getByTestId('customer-search').fill('maria.garcia@example');
  const customers = page.getByTestId('customer-row');
  await expect(customers).toHaveCount(1);
  await customers.first().click();
  const profile = page.getByTestId('customer-profile');
  // The `email` header was guessed as the email_id soft ID (and still imports as the email attribute).
  await expect(profile.getByTestId('profile-id').filter({ hasText: 'registered' })).toContainText(
    'maria.garcia@example.net',
  );
  await expect(profile.getByTestId('profile-id').filter({ hasText: 'email_id' })).toContainText(
    'maria.garcia@',
  );
  const firstName = profile.getByTestId('profile-attribute').filter({ hasText: 'first_name' });
  await expect(firstName).toContainText('María');
  await expect(profile.getByTestId('profile-attribute').filter({ hasText: 'last_name' })).toContainText(
    'García',
  );
  await app.screenshot('24-data-customer-profile');

  // Edit re-reads the source with the saved dialect and opens the saved mapping under its name.
  await app.nav('Imports').click();
  await page.getByTestId('import-row').first().getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByTestId('mapping-step')).toBeVisible();
  await expect(page.getByLabel('Import name')).toHaveValue('customers');
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeEnabled();
});

test('the purchase events imported twice: the second run reports every event as deduplicated', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [
    { name: 'purchase-items.csv', bytes: readFileSync(join(SAMPLES, 'purchase-items.csv')) },
  ]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import type').selectOption('events');
  await page.getByLabel('Event type').fill('purchase_item');
  await page.getByLabel('Role of customer_email').selectOption('id');
  await page.getByLabel('ID type of customer_email').selectOption('email_id');
  await page.getByLabel('Role of purchased_at').selectOption('timestamp');
  await page.getByRole('button', { name: 'Save and import' }).click();

  const row = page.getByTestId('import-row').first();
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  await row.getByRole('button', { name: 'Run again', exact: true }).click();
  // The second run re-reads the file from its source: queued, loading, processing, then done. The
  // row says "Succeeded" for the first run until the list learns of the second: open the run its
  // status names until it is the second one, done.
  const detail = page.getByTestId('run-detail');
  await expect(async () => {
    await row.getByTestId('run-status').click();
    const second = (await detail.getByTestId('count-deduplicated').textContent())?.includes('8') === true;
    if (!second) await detail.getByRole('button', { name: 'Close' }).click();
    expect(second).toBe(true);
  }).toPass({ timeout: 60_000 });
  await expect(detail.getByTestId('count-read')).toContainText('8');
  await expect(detail.getByTestId('count-deduplicated')).toContainText('8');
  await expect(detail.getByTestId('count-imported')).toContainText('0');
  await expect(detail.getByRole('region', { name: 'Runs of this import' }).getByRole('listitem')).toHaveCount(
    2,
  );
  await app.screenshot('25-run-detail-deduplicated');

  await app.nav('Data').click();
  await page.getByTestId('browse-tab-events').click();
  await expect(page.getByTestId('event-type-row').filter({ hasText: 'purchase_item' })).toContainText('8');
  await app.screenshot('26-data-events');

  // Deleting asks what happens to the data; expiring it keeps the events for 30 days.
  await app.nav('Imports').click();
  const deleteButton = page.getByTestId('import-row').first().getByRole('button', { name: 'Delete' });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: /^Delete/ });
  // Escape closes it as Cancel does; its two buttons keep apart.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await deleteButton.click();
  const [cancel, confirm] = await dialog
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect()));
  expect(confirm!.left - cancel!.right).toBeGreaterThanOrEqual(8);
  await dialog.getByLabel('Expire the imported data in 30 days').check();
  await app.screenshot('27-delete-import');
  await dialog.getByRole('button', { name: 'Delete import' }).click();
  await expect(page.getByTestId('import-row')).toHaveCount(0);
  await app.nav('Data').click();
  await page.getByTestId('browse-tab-events').click();
  await expect(page.getByTestId('event-type-row').filter({ hasText: 'purchase_item' })).toContainText('8');
});

test('rows without a customer ID are listed in the run detail with their row, column and reason', async ({
  app,
  page,
}) => {
  await app.open();
  const lines = ['registered,name'];
  for (let i = 0; i < 80; i++) lines.push(i % 3 === 0 ? `,Nobody ${i}` : `user${i}@example.com,Person ${i}`);
  await dropFiles(page, [{ name: 'people.csv', bytes: Buffer.from(`${lines.join('\n')}\n`) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByRole('button', { name: 'Save and import' }).click();
  const row = page.getByTestId('import-row').first();
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded · 27 rejected');
  await row.getByTestId('run-status').click();
  const detail = page.getByTestId('run-detail');
  await expect(detail.getByTestId('count-rejected')).toContainText('27');
  await expect(detail.getByTestId('reject-row')).toHaveCount(27);
  await expect(detail.getByTestId('reject-row').first()).toHaveText(/^2registeredemptyNo valid customer ID$/);
  await app.screenshot('28-run-detail-rejects');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    detail.getByTestId('download-rejects').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/_rejects\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
  // The whole row follows, under the file's own column names, to be fixed and imported again.
  expect(csv[0]).toBe('row,column,value,reason,registered,name');
  expect(csv.slice(1, -1)).toHaveLength(27);
  expect(csv[1]).toBe('2,registered,,No valid customer ID,,Nobody 0');
});

test('the two progress bars keep one width however long their counts grow', async ({ app, page }) => {
  const file = join(app.workspaceDir, 'big.csv');
  const lines = ['email,at,n'];
  for (let i = 0; i < 300_000; i++) {
    lines.push(`u${i % 5000}@x.cz,2026-05-01T00:00:00.${String(i).padStart(6, '0')}Z,${i}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const saved = await runIntake([
    ...['import', file, '--type', 'events', '--event-type', 'visit', '--id', 'email=email_id'],
    ...['--timestamp', 'at', '--name', 'big', '--workspace', app.workspaceDir],
  ]);
  expect(saved.status, saved.stderr).toBe(0);
  await app.open();
  const row = page.getByTestId('import-row').first();
  await row.getByRole('button', { name: 'Run again', exact: true }).click();
  const bars = page.getByTestId('run-progress');
  await expect(bars.getByText(/of 300,000 rows/)).toBeVisible({ timeout: 30_000 });
  const widths = await bars
    .locator('progress')
    .evaluateAll((all) => all.map((bar) => bar.getBoundingClientRect().width));
  expect(widths).toHaveLength(2);
  expect(widths[0]).toBeGreaterThan(100);
  expect(widths[1]).toBe(widths[0]);
  await app.screenshot('29-progress-bars');
});
