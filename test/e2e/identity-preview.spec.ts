import { dropFiles, expect, test } from './fixtures';

// Issue 16's identity preview: before a customers import, how many customers the rows resolve to,
// which rows merge through an ID they share, and which conflict — over every row, in the pool.
function customersFile(): Buffer {
  const lines = ['registered,cookie,email,name'];
  for (let i = 1; i <= 30; i++) lines.push(`C${i},K${i},,Customer ${i}`);
  // Row 32 has no registered ID: its cookie K9 is row 10's customer (C9), so its email joins C9.
  lines.push(',K9,e@x.com,Visitor');
  // Row 33: the same email with a registered ID of its own. The email's customer already has C9,
  // so C31 is a new customer and the email (a soft ID) moves to it, as the import will move it.
  lines.push('C31,,e@x.com,Moved');
  return Buffer.from(lines.join('\n') + '\n');
}

test('the identity preview counts customers, lists the rows merged through a shared ID, and says when the file changes them', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await dropFiles(page, [{ name: 'visitors.csv', bytes: customersFile() }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import name').fill('visitors');
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  for (const [column, idType] of [
    ['cookie', 'cookie'],
    ['email', 'email_id'],
  ] as const) {
    await page.getByLabel(`Role of ${column}`).selectOption('id');
    await page.getByLabel(`ID type of ${column}`).selectOption(idType);
  }
  const summary = page.getByTestId('identity-summary');
  // 32 rows: 31 registered customers; row 32 joins C9's customer through K9.
  await expect(summary).toHaveText(
    '32 rows → 31 customers (0 already in the workspace, 31 new) · 1 joined from rows with different IDs · 1 ID moves to another customer details',
  );
  await app.screenshot('65-identity-preview-bar');
  await summary.getByRole('button', { name: 'details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Customers of this file' });
  await expect(dialog.getByTestId('identity-merge')).toHaveCount(1);
  await expect(dialog.getByTestId('identity-merge').first()).toContainText('2 rows → one new customer');
  await expect(dialog.getByTestId('identity-merge').first()).toContainText(
    'row 10: registered C9, cookie K9',
  );
  await expect(dialog.getByTestId('identity-merge').first()).toContainText(
    'row 32: cookie K9, email_id e@x.com',
  );
  await app.screenshot('66-identity-preview-details');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Without the cookie as an ID, row 32 has its email only: a customer of its own, which row 33 then
  // joins with C31 (nothing moves) — worked out again as the mapping changes.
  await page.getByLabel('Role of cookie').selectOption('');
  await expect(summary).toHaveText(
    '32 rows → 31 customers (0 already in the workspace, 31 new) · 1 joined from rows with different IDs details',
  );

  // Imported, the workspace holds the customers the preview counted.
  await page.getByLabel('Role of cookie').selectOption('id');
  await page.getByLabel('ID type of cookie').selectOption('cookie');
  await expect(summary).toContainText('32 rows → 31 customers');
  await page.getByRole('button', { name: 'Save and import' }).click();
  const row = page.getByTestId('import-row').filter({ hasText: 'visitors' });
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  await expect(page.getByTestId('pager-range')).toContainText('of 31');
});
