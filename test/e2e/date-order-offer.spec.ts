import { dropFiles, expect, test } from './fixtures';

// Issue 16's second fix-all suggestion: a date column whose values read only one way. "25/12/2026"
// can only be day/month/year, so "01/02/2026" in the same column is read that way too, once the
// user accepts the offer; until then the import reads only unambiguous slash dates and rejects it.
const SIGNUPS = [
  'registered,signed_up,city',
  'c1,25/12/2026,Praha',
  'c2,01/02/2026,Brno',
  'c3,13/01/2026,Ostrava',
  'c4,03/04/2026,Plzeň',
  'c5,28/02/2026,Olomouc',
  'c6,05/06/2026,Liberec',
].join('\n');

test('a date column that reads only as day/month/year is offered that order once; accepted, its rows import', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await dropFiles(page, [{ name: 'signups.csv', bytes: Buffer.from(`${SIGNUPS}\n`) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import name').fill('signups');
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await expect(page.getByLabel('Data type of signed_up')).toHaveValue('date');
  await expect(page.getByLabel('Slash dates')).toHaveValue('');

  // Only unambiguous slash dates are read so far: 01/02, 03/04 and 05/06 could be either order.
  const summary = page.getByTestId('validation-summary');
  await expect(summary).toContainText('3 rows will import, 3 will be rejected');
  const offer = page.getByTestId('date-order-offer');
  await expect(offer.getByRole('button').first()).toHaveText(
    'signed_up reads only as day/month/year (25/12/2026): read dates as day/month/year',
  );
  const grid = page.getByTestId('data-grid');
  const ambiguous = grid.getByRole('gridcell', { name: '01/02/2026', exact: true });
  await expect(ambiguous).toHaveClass(/cell--invalid/);
  await app.screenshot('67-date-order-offer');

  await offer.getByRole('button').first().click();
  await expect(page.getByLabel('Slash dates')).toHaveValue('DMY');
  await expect(offer).toHaveCount(0);
  await expect(summary).toHaveText('6 rows will import, none rejected');
  // The grid's cell is no longer marked: 01/02/2026 is the first of February now.
  await expect(ambiguous).not.toHaveClass(/cell--invalid/);
  await app.screenshot('68-date-order-accepted');
});

test('the date order offer, dismissed, stays dismissed for the file; choosing the other order brings nothing back', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [{ name: 'signups.csv', bytes: Buffer.from(`${SIGNUPS}\n`) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  const offer = page.getByTestId('date-order-offer');
  await expect(offer).toHaveCount(1);
  await offer.getByRole('button', { name: 'Not day/month/year' }).click();
  await expect(offer).toHaveCount(0);
  // Asked once per file: a later change of the options does not ask again.
  await page.getByLabel('Slash dates').selectOption('MDY');
  await expect(page.getByTestId('validation-summary')).toContainText('will be rejected');
  await expect(offer).toHaveCount(0);
});
