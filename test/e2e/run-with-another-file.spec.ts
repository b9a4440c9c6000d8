import { dropFiles, expect, test } from './fixtures';

// Issue 16, stumbles 13 and 14 in the web host: a static column takes {file_name} and {run_date},
// filled at each run (the dialog shows what a run now imports), and a saved import of an uploaded
// file runs again over a new version of the file, uploaded through "Run again with another file…".

const csv = (ids: string[], header = 'registered,name') =>
  Buffer.from(`${header}\n${ids.map((id) => `${id},Name ${id}`).join('\n')}\n`);

/** Today on the browser's clock, as {run_date} writes it (the host runs on the same computer). */
const today = () => {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
};

test('a static {file_name} column imports the name of the file each run reads', async ({ app, page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await dropFiles(page, [{ name: 'customers_oct.csv', bytes: csv(['c1', 'c2']) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByTestId('mapping-step')).toBeVisible();
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');

  // The suggested source column carries {run_date}, not the day it was saved; the dialog shows
  // what a run now would import.
  await page.getByRole('button', { name: 'Add a static column' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a static column' });
  await expect(dialog.getByLabel('Value for every row')).toHaveValue('Import_customers_oct_{run_date}');
  await expect(dialog.getByTestId('static-preview')).toHaveText(
    `A run now imports Import_customers_oct_${today()}`,
  );
  await dialog.getByRole('button', { name: 'Add column' }).click();

  // A second one with the file's name, picked from the placeholder list; an unknown name is refused.
  await page.getByRole('button', { name: 'Add a static column' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a static column' });
  await dialog.getByLabel('Name').fill('file');
  await dialog.getByLabel('Value for every row').fill('{file}');
  await expect(dialog.locator('.form-error')).toContainText('{file} is not a placeholder');
  await expect(dialog.getByRole('button', { name: 'Add column' })).toBeDisabled();
  await dialog.getByLabel('Value for every row').fill('');
  await dialog.getByRole('button', { name: '{file_name}' }).click();
  await expect(dialog.getByLabel('Value for every row')).toHaveValue('{file_name}');
  await expect(dialog.getByTestId('static-preview')).toHaveText('A run now imports customers_oct.csv');
  await app.screenshot('stumble-13-static-file-name-dialog');
  await dialog.getByRole('button', { name: 'Add column' }).click();
  await expect(page.getByTestId('data-grid').getByRole('columnheader', { name: /^file/ })).toBeVisible();
  // The grid shows what a run now imports, not the template.
  await expect(
    page.getByTestId('data-grid').getByRole('gridcell', { name: 'customers_oct.csv', exact: true }).first(),
  ).toHaveClass(/cell--static/);

  await page.getByRole('button', { name: 'Save and import' }).click();
  const row = page.getByTestId('import-row').first();
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');

  // Run again with another file: the browser uploads the new version and the saved mapping reads it.
  await row.getByRole('button', { name: 'Run again with another file…' }).click();
  await page.getByTestId('another-file-input').setInputFiles({
    name: 'customers_nov.csv',
    mimeType: 'text/csv',
    buffer: csv(['c3', 'c4', 'c5']),
  });
  await expect(row.getByTestId('last-run-file')).toHaveText('last run read customers_nov.csv');
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  // The import keeps its own file.
  await expect(row.locator('td').nth(1)).toContainText('customers_oct.csv');
  await app.screenshot('stumble-14-run-again-with-another-file');
  await row.getByTestId('run-status').click();
  const detail = page.getByTestId('run-detail');
  await expect(detail).toContainText('customers_nov.csv');
  await expect(detail.getByTestId('count-imported')).toContainText('3');
  await detail.getByRole('button', { name: 'Close' }).click();

  // The Data page: each customer carries the name of the file its run read, and the run's day.
  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  for (const [id, file] of [
    ['c4', 'customers_nov.csv'],
    ['c1', 'customers_oct.csv'],
  ]) {
    await page.getByTestId('customer-search').fill(id!);
    // The list answers the search when it holds this customer's row alone (not the last one's).
    const customers = page.getByTestId('customer-row');
    await expect(customers).toHaveCount(1);
    await expect(customers.first()).toContainText(id!);
    await customers.first().click();
    const profile = page.getByTestId('customer-profile');
    await expect(profile.getByTestId('profile-id').filter({ hasText: 'registered' })).toContainText(id!);
    await expect(profile.getByTestId('profile-attribute').filter({ hasText: /^file/ })).toContainText(file!);
    await expect(profile.getByTestId('profile-attribute').filter({ hasText: /^source/ })).toContainText(
      `Import_customers_oct_${today()}`,
    );
    if (id === 'c4') await app.screenshot('stumble-14-data-second-file-name');
  }

  // A new version whose header lost a mapped column fails, naming the column, as any run does.
  await app.nav('Imports').click();
  await row.getByRole('button', { name: 'Run again with another file…' }).click();
  await page.getByTestId('another-file-input').setInputFiles({
    name: 'customers_dec.csv',
    mimeType: 'text/csv',
    buffer: csv(['c6'], 'customer,name'),
  });
  await expect(row.getByTestId('import-failure')).toContainText(
    'The file has no column "registered", which the import maps. Its columns are: customer, name.',
  );
  await app.screenshot('stumble-14-another-file-missing-column');
});
