import { dropFiles, expect, test } from './fixtures';

// Issue 16, stumble 11: a parse error (a quote never closed, broken XML) was a dead end — a red
// line of text, and either nothing else or the last good preview's grid, as if it still applied.
// Now the dialect bar stays so a setting can be changed and tried again, and a raw view shows the
// source's own lines around the error, the error's line marked, with its code and what to do.

/** 20 lines: a header and 19 rows; line 5 (row 5) opens a quote that never closes. */
function badCsv(): Buffer {
  const lines = ['id,name,city'];
  for (let id = 1; id <= 19; id++) lines.push(id === 4 ? '4,"abc,Brno' : `${id},name${id},city${id}`);
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

/** An XML export whose line 7 closes <name> as </nam>. */
function badXml(records = 10, brokenAt = 5): Buffer {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<customers>'];
  for (let id = 1; id <= records; id++) {
    const close = id === brokenAt ? '</nam>' : '</name>';
    lines.push(`  <customer><id>${id}</id><name>Customer ${id}${close}</customer>`);
  }
  lines.push('</customers>');
  return Buffer.from(lines.join('\n') + '\n');
}

test('an unterminated quote: the raw view marks its line, and a quote setting in the dialect bar recovers', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await dropFiles(page, [{ name: 'customers.csv', bytes: badCsv() }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');

  // Read leniently (the default), the quote is text and the row is named; its raw line is one click away.
  const issues = page.getByTestId('issues-panel');
  await expect(issues).toContainText('never closes properly was read as text in 1 row: row 5');
  await issues.getByRole('button', { name: 'Show row 5 as text' }).click();
  const raw = page.getByTestId('raw-lines');
  await expect(raw.locator('tr[aria-current="true"]')).toHaveAttribute('data-line', '5');
  await expect(raw.locator('tr[aria-current="true"]')).toContainText('4,"abc,Brno');
  await expect(raw.getByRole('heading')).toContainText('row 5 starts on line 5');
  await app.screenshot('70-stray-quote-row-as-text');
  await raw.getByRole('button', { name: 'Hide' }).click();
  await expect(raw).toHaveCount(0);

  // Read strictly, the file is refused: the dialect bar stays, the stale grid goes, the raw view comes.
  await page.getByLabel('Read stray quotes as text').uncheck();
  const error = page.getByTestId('draft-error');
  await expect(error).toHaveAttribute('data-code', 'PARSE');
  await expect(error).toContainText('PARSE');
  await expect(error).toContainText('the quoted field that starts in row 5, field 2 is never closed');
  await expect(page.getByRole('group', { name: 'Dialect' })).toBeVisible();
  await expect(page.getByTestId('data-grid')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Next: map columns →' })).toBeDisabled();
  const marked = raw.locator('tr[aria-current="true"]');
  await expect(marked).toHaveAttribute('data-line', '5');
  await expect(marked).toContainText('4,"abc,Brno');
  // Five lines either side of it, numbered as the file has them.
  await expect(raw.locator('tr')).toHaveCount(10);
  await expect(raw.locator('tr').first()).toHaveAttribute('data-line', '1');
  await expect(raw.locator('tr').last()).toHaveAttribute('data-line', '10');
  await expect(raw.getByTestId('raw-lines-advice')).toContainText(
    'The quote (") that opens field 2 on line 5 never closes',
  );
  await expect(raw.getByTestId('raw-lines-advice')).toContainText("choose Quote: ' single");
  await app.screenshot('71-parse-error-csv-raw-lines');

  // The quote setting the advice names: the double quote is then a character like any other.
  await page.getByLabel(/^Quote/).selectOption("'");
  await expect(page.getByTestId('draft-error')).toHaveCount(0);
  await expect(page.getByTestId('raw-lines')).toHaveCount(0);
  const grid = page.getByTestId('data-grid');
  await expect(grid.getByRole('gridcell', { name: '"abc', exact: true })).toBeVisible();
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('row-total')).toHaveText('19 of 19 rows');
  await expect(page.getByRole('button', { name: 'Next: map columns →' })).toBeEnabled();
  await app.screenshot('72-parse-error-csv-recovered');
});

test('broken XML: the dialect bar stays and the raw view shows the lines around the line and column named', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await dropFiles(page, [{ name: 'customers.xml', bytes: badXml() }]);
  const error = page.getByTestId('draft-error');
  await expect(error).toHaveAttribute('data-code', 'PARSE');
  await expect(error).toContainText('XML is not well-formed at line 7, column');
  const bar = page.getByRole('group', { name: 'Dialect' });
  await expect(bar.getByLabel('Format')).toHaveValue('xml');
  await expect(bar.getByLabel('Encoding')).toHaveValue('utf-8');
  const raw = page.getByTestId('raw-lines');
  const marked = raw.locator('tr[aria-current="true"]');
  await expect(marked).toHaveAttribute('data-line', '7');
  await expect(marked).toContainText('<name>Customer 5</nam></customer>');
  // The column the parser named is marked inside the line: the end of the wrong closing tag.
  await expect(marked.locator('mark')).toHaveText('>');
  await expect(raw.locator('tr')).toHaveCount(11);
  await expect(raw.locator('tr').first()).toHaveAttribute('data-line', '2');
  await expect(raw.locator('tr').last()).toHaveAttribute('data-line', '12');
  await expect(raw.getByTestId('raw-lines-advice')).toContainText('The XML breaks on line 7, at column');
  await expect(page.getByRole('button', { name: 'Next: map columns →' })).toBeDisabled();
  await app.screenshot('73-parse-error-xml-raw-lines');
});

test('broken XML past the preview: staging fails, and the raw view shows where', async ({ app, page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  // Far past the preview's 64 KB head: the preview shows rows, staging meets the broken tag.
  await dropFiles(page, [{ name: 'large.xml', bytes: badXml(5000, 4000) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('staging-status')).toContainText('XML is not well-formed at line 4002');
  const raw = page.getByTestId('raw-lines');
  const marked = raw.locator('tr[aria-current="true"]');
  await expect(marked).toHaveAttribute('data-line', '4002');
  await expect(marked).toContainText('<name>Customer 4000</nam>');
  await expect(raw).toContainText('PARSE');
  await expect(page.getByRole('button', { name: 'Next: map columns →' })).toBeDisabled();
  await app.screenshot('74-staging-error-xml-raw-lines');
});
