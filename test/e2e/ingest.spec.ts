import iconv from 'iconv-lite';
import { dropFiles, expect, test } from './fixtures';

function czechCsv(rows: number): Buffer {
  const lines = ['id;jméno;město;částka'];
  for (let i = 1; i <= rows; i++)
    lines.push(`${i};"Dvořák; Jiří ${i}";${['Praha', 'Brno', 'Plzeň'][i % 3]};${i},50`);
  return iconv.encode(lines.join('\r\n') + '\r\n', 'cp1250');
}

test('a dropped cp1250 file opens at its preview, stages every row, and re-previews on a delimiter change', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [{ name: 'zakaznici.csv', bytes: czechCsv(1500) }]);
  const step = page.getByTestId('preview-step');
  await expect(step.getByRole('heading', { name: 'zakaznici.csv' })).toBeVisible();
  await expect(page.getByLabel('Encoding')).toHaveValue('cp1250');
  await expect(page.getByLabel('Delimiter')).toHaveValue(';');
  const grid = page.getByTestId('data-grid');
  await expect(grid.getByRole('columnheader', { name: /jméno/ })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'Dvořák; Jiří 1', exact: true })).toBeVisible();
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('row-total')).toHaveText('1,500 of 1,500 rows');
  await app.screenshot('10-preview-dropped-cp1250');

  // Scroll to the end: rows are paged in from the staged dataset.
  await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(grid.getByRole('gridcell', { name: 'Dvořák; Jiří 1500', exact: true })).toBeVisible();

  // A wrong delimiter on purpose: the grid re-previews at once, split at the decimal commas.
  await page.getByLabel('Delimiter').selectOption(',');
  await expect(grid.getByRole('gridcell', { name: 'id;jméno;město;částka', exact: true })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: '1;"Dvořák; Jiří 1";Brno;1', exact: true })).toBeVisible();
  await expect(page.getByTestId('issues-panel')).toContainText('fields like the header');
  // The detected option stays marked after an override (issue 16, stumble 9).
  await expect(page.getByLabel('Delimiter').locator('option[value=";"]')).toHaveText('semicolon (detected)');
  await expect(page.getByLabel('Delimiter').locator('option[value=","]')).toHaveText('comma');
  await app.screenshot('11-preview-wrong-delimiter');
  await page.getByLabel('Delimiter').selectOption(';');
  await expect(grid.getByRole('columnheader', { name: /částka/ })).toBeVisible();
});

test('pasted spreadsheet cells (TSV) become an import; filter and sort run over the staged rows', async ({
  app,
  page,
}) => {
  await app.open();
  const tsv = [
    'email\tfirst_name\tlast_name\tbirthday',
    'anna.kralova@example.cz\tAnna\tKrálová\t28.9.1996',
    'petr.svoboda@example.cz\tPetr\tSvoboda\t3.1.1988',
    'eva.nova@example.cz\tEva\tNová\t15.7.2001',
  ].join('\n');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, tsv);
  const grid = page.getByTestId('data-grid');
  await expect(page.getByRole('heading', { name: 'Pasted data' })).toBeVisible();
  await expect(page.getByLabel('Delimiter')).toHaveValue('\t');
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await expect(grid.getByRole('gridcell', { name: 'Králová' })).toBeVisible();
  await page.getByLabel('Filter rows').fill('svoboda');
  await expect(page.getByTestId('row-total')).toHaveText('1 of 3 rows');
  await page.getByLabel('Filter rows').fill('');
  await grid.getByRole('button', { name: /first_name/ }).click();
  await expect(grid.getByRole('row').nth(1)).toContainText('Anna');
  await grid.getByRole('button', { name: /first_name/ }).click();
  await expect(grid.getByRole('row').nth(1)).toContainText('Petr');
  await app.screenshot('12-pasted-tsv-sorted');
});

test('bad input gets a clear message naming the problem', async ({ app, page }) => {
  await app.open();
  await dropFiles(page, [
    {
      name: 'photo.csv',
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    },
  ]);
  await expect(page.getByTestId('draft-error')).toContainText('binary file');
  await app.screenshot('13-bad-input');
});

test('an empty file is said calmly; a header-only file maps and saves for later runs', async ({
  app,
  page,
}) => {
  await app.open();
  // 0 bytes: a notice, not an error.
  await dropFiles(page, [{ name: 'empty.csv', bytes: Buffer.alloc(0) }]);
  await expect(page.getByTestId('draft-notice')).toContainText('"empty.csv" is empty (0 bytes)');
  await expect(page.getByTestId('draft-error')).toHaveCount(0);
  await app.screenshot('14-empty-file');

  await dropFiles(page, [{ name: 'first-export.csv', bytes: Buffer.from('email,name,amount\r\n') }]);
  await expect(page.getByTestId('header-only')).toContainText(
    'Only a header, no rows yet: map the 3 columns',
  );
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Role of email').selectOption('id');
  await page.getByLabel('ID type of email').selectOption('email_id');
  await page.getByRole('button', { name: 'Save import' }).click();
  await expect(page.getByTestId('save-message')).toHaveText('Saved "first-export".');
  await app.screenshot('15-header-only-saved');
});

test('a report export: its sep= line and title skipped, a stray quote read as text and named, strict on request', async ({
  app,
  page,
}) => {
  const csv = ['sep=;', 'Monthly report', 'id;name;amount', '1;Ann;10,5', '2;"Bob;7,25', '3;Cid;3'].join(
    '\r\n',
  );
  await app.open();
  await dropFiles(page, [{ name: 'report.csv', bytes: Buffer.from(`${csv}\r\n`) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByLabel('Skip lines')).toHaveValue('2');
  await expect(page.getByText('Skipped 2 lines before the header')).toBeVisible();
  await expect(page.getByText(/never closes properly was read as text in 1 row: row 5/)).toBeVisible();
  await expect(page.getByRole('gridcell', { name: '"Bob' })).toBeVisible();
  await app.screenshot('16-preamble-and-stray-quote');
  await page.getByLabel('Read stray quotes as text').uncheck();
  await expect(page.getByTestId('draft-error')).toContainText(
    'Unterminated quote: the quoted field that starts in row 5, field 2 is never closed',
  );
  await app.screenshot('17-strict-quotes-refused');
});
