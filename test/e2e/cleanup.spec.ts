import iconv from 'iconv-lite';
import { dropFiles, expect, test } from './fixtures';

// Issue 16's first stumble: a Czech customers file whose vip column says ano/ne and whose credit
// uses decimal commas had every row rejected, and nothing inside Intake could fix it.
const FIRST = ['Jana', 'Petr', 'Eva', 'Jiří', 'Zuzana'];
const LAST = ['Nováková', 'Dvořák', 'Černá', 'Procházka', 'Kučerová'];
function czechCustomers(): Buffer {
  const lines = ['registered;email;jméno;vip;credit'];
  const line = (i: number) =>
    `c${i};zakaznik${i}@example.cz;${FIRST[i % 5]} ${LAST[i % 5]} ${i};${i % 4 === 0 ? 'ne' : 'ano'};${i * 100},74`;
  for (let i = 1; i <= 40; i++) lines.push(line(i));
  // The first two customers exported twice, as merged exports often are.
  lines.push(line(1), line(2));
  return iconv.encode(lines.join('\r\n') + '\r\n', 'cp1250');
}

test('cleanup steps turn "42 will be rejected" into "40 will import": value mapping, find and replace, dedupe, a hand edit, split', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [{ name: 'zakaznici.csv', bytes: czechCustomers() }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import name').fill('czech customers');
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await page.getByLabel('Data type of vip').selectOption('boolean');
  await page.getByLabel('Data type of credit').selectOption('number');
  const summary = page.getByTestId('validation-summary');
  await expect(summary).toContainText('0 rows will import, 42 will be rejected');

  // The vip column's words are recognised and offered, not mapped silently.
  const offer = page.getByTestId('boolean-offer');
  await expect(offer).toHaveText('vip looks like Czech yes/no (ano/ne): map to true/false…');
  await offer.click();
  const mapDialog = page.getByRole('dialog', { name: 'Map values' });
  await expect(mapDialog.getByRole('row', { name: /ano 32/ })).toBeVisible();
  await mapDialog.getByRole('button', { name: 'Fill in true and false' }).click();
  await expect(mapDialog.getByLabel('ano becomes', { exact: true })).toHaveValue('true');
  await expect(mapDialog.getByTestId('step-preview')).toContainText('42 cells in 42 rows will change.');
  await app.screenshot('62-cleanup-map-values');
  await mapDialog.getByRole('button', { name: 'Map values' }).click();
  await expect(page.getByTestId('cleanup-step')).toHaveText(['map vip values (2)×']);

  // Decimal commas: every credit value reads with one, so the bar offers it once (a fix-all).
  await expect(page.getByTestId('decimal-comma-offer')).toContainText(
    'credit uses a decimal comma (100,74): read numbers with a decimal comma',
  );
  await page.getByTestId('decimal-comma-offer').getByRole('button').first().click();
  await expect(page.getByLabel('Decimal mark')).toHaveValue(',');
  await expect(page.getByTestId('decimal-comma-offer')).toHaveCount(0);
  await expect(summary).toHaveText('42 rows will import, none rejected');

  // Find and replace, counted over every row first: the customers' mail domain moved.
  await page.getByRole('button', { name: 'Find and replace…' }).click();
  const replace = page.getByRole('dialog', { name: 'Find and replace' });
  await replace.getByLabel('In', { exact: true }).selectOption('email');
  await replace.getByLabel('Find', { exact: true }).fill('@example.cz');
  await replace.getByLabel('Replace with').fill('@example.com');
  await expect(replace.getByTestId('step-preview')).toContainText('42 cells in 42 rows will change.');
  await expect(replace.getByTestId('step-preview')).toContainText(
    'row 2, email: zakaznik1@example.cz → zakaznik1@example.com',
  );
  await replace.getByRole('button', { name: 'Replace' }).click();
  await expect(summary).toHaveText('42 rows will import, none rejected');

  // The customers exported twice: removed by email, the first kept, counted in the bar.
  await page.getByRole('button', { name: 'Remove duplicates…' }).click();
  const dedupe = page.getByRole('dialog', { name: 'Remove duplicate rows' });
  await dedupe.getByRole('checkbox', { name: 'email' }).check();
  await dedupe.getByRole('button', { name: 'Remove duplicates' }).click();
  await expect(summary).toHaveText('40 rows will import, none rejected, 2 duplicates removed');

  // A hand edit, kept by row number with the value it replaced; the grid marks the cleaned cells.
  const grid = page.getByTestId('data-grid');
  await grid.getByRole('gridcell', { name: 'Eva Černá 7', exact: true }).dblclick();
  const editor = grid.getByLabel('Edit jméno in row 8');
  await editor.fill('Eva Černá-Nová 7');
  await editor.press('Enter');
  await expect(grid.getByRole('gridcell', { name: 'Eva Černá-Nová 7', exact: true })).toHaveClass(
    /cell--cleaned/,
  );

  // Split the full name into two new columns, shown on the column's values first.
  await page.getByRole('button', { name: 'Split a column…' }).click();
  const split = page.getByRole('dialog', { name: 'Split a column' });
  await split.getByLabel('Column', { exact: true }).selectOption('jméno');
  await split.getByLabel('New column 1').fill('first_name');
  await split.getByLabel('New column 2').fill('last_name');
  await expect(split.getByTestId('split-preview')).toContainText(
    'first_name: “Jana”, last_name: “Nováková 5”',
  );
  await split.getByRole('button', { name: 'Split', exact: true }).click();
  await expect(grid.getByRole('columnheader', { name: /^last_name/ })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'Černá-Nová 7', exact: true })).toBeVisible();
  await expect(summary).toHaveText('40 rows will import, none rejected, 2 duplicates removed');
  await expect(page.getByTestId('cleanup-step')).toHaveText([
    'map vip values (2)×',
    'replace "@example.cz" in email×',
    'dedupe by email (keep first)×',
    '1 cell edit×',
    'split jméno into first_name, last_name×',
  ]);
  await app.screenshot('63-cleanup-steps-applied');

  // Undo takes the split back like any mapping change, with the columns it added.
  await page.locator('body').press('Control+z');
  await expect(page.getByTestId('cleanup-step')).toHaveCount(4);
  await expect(grid.getByRole('columnheader', { name: /^last_name/ })).toHaveCount(0);
  await page.locator('body').press('Control+Shift+z');
  await expect(page.getByTestId('cleanup-step')).toHaveCount(5);

  await page.getByRole('button', { name: 'Save and import' }).click();
  const row = page.getByTestId('import-row').filter({ hasText: 'czech customers' });
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  await row.getByTestId('run-status').click();
  await expect(page.getByTestId('count-imported')).toContainText('40');

  // In the Data page the customer has what the steps made of the file's row.
  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  await page.getByTestId('customer-search').fill('c7');
  const customers = page.getByTestId('customer-row');
  await expect(customers).toHaveCount(1);
  await customers.first().click();
  const profile = page.getByTestId('customer-profile');
  await expect(profile.getByTestId('profile-attribute').filter({ hasText: 'last_name' })).toContainText(
    'Černá-Nová 7',
  );
  await expect(profile.getByTestId('profile-attribute').filter({ hasText: 'vip' })).toContainText('true');
  await expect(profile.getByTestId('profile-attribute').filter({ hasText: 'credit' })).toContainText(
    '700.74',
  );
  await app.screenshot('64-cleanup-data-page');
});

test('a hand edit made in a sorted view is kept by the row’s number, not its position', async ({
  app,
  page,
}) => {
  // At 1400×900, the size a new user tried: the primary actions must stay in view (stumble 5).
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  // Names in reverse order: sorted by name, the file's last row comes first.
  const names = ['Zora', 'Yvona', 'Xaver', 'Wanda', 'Viktor'];
  const csv = ['registered,name', ...names.map((name, i) => `c${i + 1},${name}`)].join('\n') + '\n';
  await dropFiles(page, [{ name: 'names.csv', bytes: Buffer.from(csv) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  const grid = page.getByTestId('data-grid');
  await expect(page.getByRole('button', { name: 'Save and import' })).toBeInViewport();
  await grid.evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await expect(page.getByRole('button', { name: 'Save and import' })).toBeInViewport();
  await grid.getByRole('button', { name: /^name/ }).click();
  const firstRow = grid.getByRole('row').nth(1);
  await expect(firstRow).toContainText('Viktor');
  await expect(firstRow.getByRole('rowheader')).toHaveText('6');
  await firstRow.getByRole('gridcell', { name: 'Viktor', exact: true }).dblclick();
  await grid.getByLabel('Edit name in row 6').fill('Viktorie');
  await grid.getByLabel('Edit name in row 6').press('Enter');
  // Sorted the other way the edited row moves to the end: the edit went with row 6.
  await grid.getByRole('button', { name: /^name/ }).click();
  await expect(grid.getByRole('row').nth(1)).toContainText('Zora');
  const edited = grid.getByRole('gridcell', { name: 'Viktorie', exact: true });
  await expect(edited).toHaveClass(/cell--cleaned/);
  const editedRow = grid
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: 'Viktorie', exact: true }) });
  await expect(editedRow.getByRole('rowheader')).toHaveText('6');
  await expect(grid.getByRole('gridcell', { name: 'Zora', exact: true })).not.toHaveClass(/cell--cleaned/);
  await expect(page.getByTestId('cleanup-step')).toHaveText(['1 cell edit×']);
  await app.screenshot('65-mapping-1400x900-actions-in-view');
});
