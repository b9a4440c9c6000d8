import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropFiles, expect, test } from './fixtures';

const LAYOUT = join(process.cwd(), 'test', 'fixtures', 'xlsx', 'layout.xlsx');

test('a dropped Excel workbook opens at its table sheet, switches sheets, and imports with the sheet saved', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [{ name: 'layout.xlsx', bytes: readFileSync(LAYOUT) }]);
  await expect(page.getByTestId('preview-step').getByRole('heading', { name: 'layout.xlsx' })).toBeVisible();
  // "Read me" is notes: the first sheet holding a table is chosen, its title rows skipped and its
  // merged group row joined to the names below it.
  await expect(page.getByLabel('Format')).toHaveValue('xlsx');
  await expect(page.getByLabel('Sheet')).toHaveValue('Orders');
  await expect(page.getByLabel('Encoding')).toHaveCount(0);
  await expect(page.getByLabel('Skip rows')).toHaveValue('2');
  await expect(page.getByLabel('Header rows')).toHaveValue('2');
  const grid = page.getByTestId('data-grid');
  await expect(grid.getByRole('columnheader', { name: /Customer email/ })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'Dana Svobodová', exact: true })).toBeVisible();
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('row-total')).toHaveText('10 of 10 rows');
  await expect(page.getByTestId('issues-panel')).toContainText('3 other sheets');
  await app.screenshot('60-preview-excel-workbook');

  await page.getByLabel('Sheet').selectOption('Summary');
  await expect(grid.getByRole('gridcell', { name: 'revenue', exact: true })).toBeVisible();
  await expect(page.getByTestId('row-total')).toHaveText('2 of 2 rows');
  await page.getByLabel('Sheet').selectOption('Orders');
  await expect(grid.getByRole('gridcell', { name: 'Dana Svobodová', exact: true })).toBeVisible();
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');

  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import name').fill('orders workbook');
  await page.getByLabel('Role of id').selectOption('id');
  await page.getByLabel('ID type of id').selectOption('registered');
  // Excel typed the amounts as numbers: the column is a number without guessing.
  await expect(page.getByLabel('Data type of Order amount')).toHaveValue('number');
  await expect(page.getByTestId('validation-summary')).toHaveText('10 rows will import, none rejected');
  await page.getByRole('button', { name: 'Save and import' }).click();
  const row = page.getByTestId('import-row').filter({ hasText: 'orders workbook' });
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  await row.getByTestId('run-status').click();
  await expect(page.getByTestId('count-imported')).toContainText('10');
  await app.screenshot('61-excel-workbook-imported');
});
