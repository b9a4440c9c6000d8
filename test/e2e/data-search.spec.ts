import { expect, dropFiles, test } from './fixtures';

// Issue 16, stumble 2: the Data page finds customers by what a person knows of them — any part of
// an ID, or the start of an email or phone — and each result says what matched.

const CUSTOMERS = [
  'customer_id,email,phone,first_name,last_name',
  'C-1,jana.novakova@example.cz,+420 777 111 222,Jana,Nováková',
  'C-2,petr.svoboda@example.cz,603 333 444,Petr,Svoboda',
  'C-603,e.cerna@example.cz,+420 608 555 666,Janina,Černá',
  '',
].join('\n');

test('customers are found by ID and phone, ID matches first, each saying what matched', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await dropFiles(page, [{ name: 'contacts.csv', bytes: Buffer.from(CUSTOMERS) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  // customer_id is guessed as the registered ID and email as the email_id soft ID; the phone stays
  // an attribute (the workspace has no phone ID type).
  await expect(page.getByLabel('ID type of customer_id')).toHaveValue('registered');
  await expect(page.getByLabel('ID type of email')).toHaveValue('email_id');
  await expect(page.getByLabel('Role of phone')).toHaveValue('');
  await page.getByRole('button', { name: 'Save and import' }).click();
  await expect(page.getByTestId('import-row').first().getByTestId('run-status')).toHaveText('Succeeded');

  await app.nav('Data').click();
  await page.getByTestId('browse-tab-customers').click();
  const search = page.getByTestId('customer-search');
  const rows = page.getByTestId('customer-row');

  // By a phone's start: only an attribute can match it.
  await search.fill('+420 77');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('C-1');
  await expect(rows.first().getByTestId('customer-match')).toHaveText('phone +420 777 111 222');
  await expect(rows.first().getByTestId('customer-match').locator('mark')).toHaveText('+420 77');

  // "603": C-603's registered ID contains it; C-2's phone starts with it. ID matches come first.
  await search.fill('603');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('C-603');
  await expect(rows.nth(0).getByTestId('customer-match')).toHaveText('ID registered C-603');
  await expect(rows.nth(1)).toContainText('C-2');
  await expect(rows.nth(1).getByTestId('customer-match')).toHaveText('phone 603 333 444');
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  await app.screenshot('90-data-search-id-and-phone');

  // The middle of an email is not its start, but the email ID contains it.
  await search.fill('novakova@');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('customer-match')).toContainText('ID email_id');
  // Names and cities are not searched.
  await search.fill('Janina');
  await expect(
    page.getByText('No customer has an ID containing “Janina”, or an email or phone starting with it.'),
  ).toBeVisible();
});
