import { expect, dropFiles, test } from './fixtures';

// Issue 16, stumble 15: dates and numbers follow the user's locale, not MM/DD/YYYY. In the web host
// the browser's languages are the user's; here the browser is Czech.
test.use({ locale: 'cs-CZ', timezoneId: 'Europe/Prague' });

/** A Czech date and time with seconds: "6. 12. 2026 14:05:09". */
const CZECH_DATE_TIME = /^\d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}:\d{2}$/;

test('a run’s times and a customer’s date and number attributes are shown in Czech format', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  const file = ['customer_id,email,birthday,credit', 'C-1,jana@example.cz,1990-12-06,2995.74', ''].join('\n');
  await dropFiles(page, [{ name: 'czech.csv', bytes: Buffer.from(file) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByLabel('Data type of birthday')).toHaveValue('date');
  await expect(page.getByLabel('Data type of credit')).toHaveValue('number');
  // The mapping grid shows the file's text as it is: data is never reformatted there.
  await expect(page.getByRole('gridcell', { name: '1990-12-06' })).toBeVisible();
  await page.getByRole('button', { name: 'Save and import' }).click();

  const row = page.getByTestId('import-row').first();
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded');
  await row.getByTestId('run-status').click();
  const detail = page.getByTestId('run-detail');
  await expect(detail.locator('dt:text-is("Queued") + dd')).toHaveText(CZECH_DATE_TIME);
  await expect(detail.locator('dt:text-is("Finished") + dd')).toHaveText(CZECH_DATE_TIME);
  // Durations use the decimal comma ("0,4 s").
  await expect(detail.locator('dt:text-is("Processing") + dd')).toHaveText(/^\d+,\d s$|min/);
  await app.screenshot('91-locale-run-detail-czech');
  await detail.getByRole('button', { name: 'Close' }).click();

  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  await page.getByTestId('customer-row').first().click();
  const profile = page.getByTestId('customer-profile');
  const birthday = profile.getByTestId('profile-attribute').filter({ hasText: 'birthday' });
  await expect(birthday).toContainText('6. 12. 1990');
  // The stored value stays in the tooltip.
  await expect(birthday.getByTitle('1990-12-06')).toHaveText('6. 12. 1990');
  await expect(profile.getByTestId('profile-attribute').filter({ hasText: 'credit' })).toContainText(
    '2995,74',
  );
  await expect(page.getByTestId('customer-row').first().locator('time')).toHaveText(CZECH_DATE_TIME);
  await app.screenshot('92-locale-data-profile-czech');
});
