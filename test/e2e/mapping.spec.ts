import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropFiles, expect, test } from './fixtures';

const SAMPLE = join(process.cwd(), 'test', 'fixtures', 'seed-samples', 'purchase-items.csv');

test('the purchase-events sample: choose events, tag ID and timestamp, add a static source, see an invalid row, undo, save', async ({
  app,
  page,
}) => {
  await app.open();
  await dropFiles(page, [{ name: 'purchase-items.csv', bytes: readFileSync(SAMPLE) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  const step = page.getByTestId('mapping-step');
  await expect(step).toBeVisible();

  // Events need a customer ID and a timestamp: the checklist says so and Save stays disabled.
  await page.getByLabel('Import type').selectOption('events');
  const requirements = page.getByTestId('requirements');
  await expect(requirements).toContainText('Tag a customer ID column with its ID type.');
  await expect(requirements).toContainText('Tag a timestamp column.');
  await expect(requirements).toContainText('Enter the event type.');
  const save = page.getByRole('button', { name: 'Save import' });
  await expect(save).toBeDisabled();
  await expect(page.getByTestId('save-blocked')).toHaveText('Tag a customer ID column with its ID type.');

  await page.getByLabel('Event type').fill('purchase item');
  await expect(requirements).toContainText('The event type "purchase item" contains a space');
  await page.getByLabel('Event type').fill('purchase_item');
  await page.getByLabel('Role of customer_email').selectOption('id');
  await page.getByLabel('ID type of customer_email').selectOption('email_id');
  await page.getByLabel('Role of purchased_at').selectOption('timestamp');
  await expect(page.getByLabel('Import column customer_email')).not.toBeChecked();
  await expect(page.getByLabel('Data type of purchased_at')).toHaveValue('datetime');
  await expect(requirements.locator('[data-met="false"]')).toHaveCount(0);
  await expect(save).toBeEnabled();
  await page.getByTestId('data-grid').evaluate((element) => element.scrollTo(0, 0));
  await app.screenshot('19-mapping-events-tagged');

  // Every row is validated in the worker; the profile shows under each header.
  await expect(page.getByTestId('validation-summary')).toHaveText('8 rows will import, none rejected');
  await expect(page.getByTestId('column-profile').first()).toContainText('100% filled');

  // A static `source` column, as the seed recommends.
  await page.getByRole('button', { name: 'Add a static column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a static column' });
  await expect(dialog.getByLabel('Name')).toHaveValue('source');
  // The date is a placeholder each run fills, not the day the import was saved (stumble 13).
  await expect(dialog.getByLabel('Value for every row')).toHaveValue('Import_purchase-items_{run_date}');
  await expect(dialog.getByTestId('static-preview')).toHaveText(
    /^A run now imports Import_purchase-items_\d{4}-\d{2}-\d{2}$/,
  );
  await dialog.getByRole('button', { name: 'Add column' }).click();
  const grid = page.getByTestId('data-grid');
  await expect(grid.getByRole('columnheader', { name: /^source/ })).toBeVisible();
  await expect(grid.locator('.cell--static').first()).toHaveText(/^Import_purchase-items_/);

  // Quantity as boolean: the row with quantity 3 fails, is highlighted and counted.
  await page.getByLabel('Data type of quantity').selectOption('boolean');
  await expect(page.getByTestId('validation-summary')).toContainText('will be rejected');
  const invalid = grid.locator('.cell--invalid');
  await expect(invalid).toHaveText(['2', '3']);
  await expect(grid.locator('.row--rejected')).toHaveText(['3', '5']);
  await page.getByRole('button', { name: 'see why' }).click();
  await expect(page.getByTestId('rejection-reasons')).toContainText(
    '2 Malformed boolean in "quantity" (rows 3, 5)',
  );
  await page.getByLabel(/Rows with problems only/).check();
  await expect(page.getByTestId('row-total')).toHaveText('2 rows with problems');
  await app.screenshot('20-mapping-invalid-row-highlighted');

  // Undo puts quantity back to a number: nothing is rejected, nothing highlighted.
  await page.getByLabel(/Rows with problems only/).uncheck();
  await page.locator('body').press('Control+z');
  await expect(page.getByLabel('Data type of quantity')).toHaveValue('number');
  await expect(page.getByTestId('validation-summary')).toHaveText('8 rows will import, none rejected');
  await expect(grid.locator('.cell--invalid')).toHaveCount(0);
  await page.locator('body').press('Control+Shift+z');
  await expect(page.getByLabel('Data type of quantity')).toHaveValue('boolean');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByLabel('Data type of quantity')).toHaveValue('number');

  await save.click();
  await expect(page.getByTestId('save-message')).toHaveText('Saved "purchase-items".');
  await app.screenshot('21-mapping-saved');

  // The same header dropped again is offered the saved mapping.
  await dropFiles(page, [{ name: 'purchase-items-2.csv', bytes: readFileSync(SAMPLE) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByTestId('recipe-offer')).toContainText('purchase-items');
  await page.getByRole('button', { name: 'Apply mapping' }).click();
  await expect(page.getByLabel('Import type')).toHaveValue('events');
  await expect(page.getByLabel('Role of purchased_at')).toHaveValue('timestamp');
  await expect(page.getByLabel('ID type of customer_email')).toHaveValue('email_id');
  await expect(grid.getByRole('columnheader', { name: /^source/ })).toBeVisible();
});

test('a catalog: name without spaces, searchable fields, item_id with "/" warned, keyboard between columns, recipe round trip', async ({
  app,
  page,
}) => {
  const csv = [
    'item_id,title,price,category_ids,brand',
    'sku-1,Colorful bracelet,35.30,"[""jewellery"",""bracelets""]",Aurora',
    'sku/2,Fancy necklace,9.30,"[""jewellery""]",Aurora',
    'sku-3,Silver ring,12.50,"[""rings""]",Lumen',
  ].join('\n');
  await app.open();
  await dropFiles(page, [{ name: 'products.csv', bytes: Buffer.from(csv) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import type').selectOption('catalog');
  await expect(page.getByLabel('Role of item_id')).toHaveValue('item_id');
  await page.getByLabel('Catalog name').fill('spring products');
  const requirements = page.getByTestId('requirements');
  await expect(requirements).toContainText('The catalog name "spring products" contains a space');
  await page.getByLabel('Catalog name').fill('spring_products');
  // Typing in a name field is one undo step, however many edits it took.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByLabel('Catalog name')).toHaveValue('');
  await expect(page.getByLabel('Import type')).toHaveValue('catalog');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(page.getByLabel('Catalog name')).toHaveValue('spring_products');
  await expect(page.getByText("can be set only at a catalog's first import")).toBeVisible();

  // Existing product attributes are matched and shown as such; lists cannot be searchable.
  await expect(page.getByLabel('Data type of category_ids')).toHaveValue('list');
  const categorySearchable = page.locator('[data-column-index="3"] [data-control="searchable"]');
  await expect(categorySearchable).toBeDisabled();
  await page.locator('[data-column-index="1"] [data-control="searchable"]').check();
  await expect(requirements).toContainText('Searchable fields: 1 of at most 20');

  // The "/" in an item_id is a warning (amber), not a rejection.
  await expect(page.getByTestId('validation-summary')).toHaveText('3 rows will import, none rejected');
  await expect(page.getByTestId('data-grid').locator('.cell--warning')).toHaveText(['sku/2']);

  // Ctrl+→ moves focus to the same control of the next column.
  await page.getByLabel('Data type of title').focus();
  await page.keyboard.press('Control+ArrowRight');
  await expect(page.getByLabel('Data type of price')).toBeFocused();
  await page.keyboard.press('Control+ArrowLeft');
  await expect(page.getByLabel('Data type of title')).toBeFocused();

  // Export the recipe, change something, import the recipe: the mapping comes back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export recipe' }).click();
  const recipePath = await (await download).path();
  const recipe = JSON.parse(readFileSync(recipePath, 'utf8')) as {
    kind: string;
    mapping: { importType: string };
  };
  expect(recipe).toMatchObject({ kind: 'intake.import', mapping: { importType: 'catalog' } });
  await page.getByLabel('Import type').selectOption('customers');
  await expect(page.getByLabel('Import type')).toHaveValue('customers');
  await page.getByTestId('recipe-input').setInputFiles(recipePath);
  await expect(page.getByLabel('Import type')).toHaveValue('catalog');
  await expect(page.getByLabel('Catalog name')).toHaveValue('spring_products');
  await expect(page.getByTestId('mapping-notice')).toContainText('Applied "products"');
  await app.screenshot('22-mapping-catalog');
});

test('a 1,000-column export: previewed and mapped whole, only the columns in view rendered, cut to 260 in one click', async ({
  app,
  page,
}) => {
  const header = ['email', ...Array.from({ length: 999 }, (_, i) => `q${i + 1}`)];
  const rows = Array.from({ length: 20 }, (_, r) =>
    [`person${r}@example.com`, ...Array.from({ length: 999 }, (_, i) => String((r * 7 + i) % 5))].join(','),
  );
  await app.open();
  await dropFiles(page, [
    { name: 'survey.csv', bytes: Buffer.from(`${header.join(',')}\n${rows.join('\n')}\n`) },
  ]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Role of email').selectOption('id');
  await page.getByLabel('ID type of email').selectOption('email_id');

  const grid = page.getByTestId('data-grid');
  await expect(grid).toHaveAttribute('aria-colcount', '1001');
  // Only the columns in view (and a few either side) are in the page.
  expect(await grid.getByRole('columnheader').count()).toBeLessThan(30);
  await grid.evaluate((element) => element.scrollTo(element.scrollWidth, 0));
  await expect(page.getByLabel('Import column q999')).toBeVisible();

  const requirements = page.getByTestId('requirements');
  await expect(requirements).toContainText(
    'This import includes 1,000 columns; the platform takes at most 260. Uncheck the 740 you need least.',
  );
  await expect(page.getByRole('button', { name: 'Save import' })).toBeDisabled();
  await grid.evaluate((element) => element.scrollTo(0, 0));
  await app.screenshot('23-mapping-wide-file');
  await page.getByRole('button', { name: 'Keep the first 260 columns' }).click();
  await expect(requirements.locator('[data-met="false"]')).toHaveCount(0);
  // The email ID counts too: q1–q259 stay, q260 on are unchecked.
  await grid.evaluate((element) => element.scrollTo(64 + 256 * 210, 0));
  await expect(page.getByLabel('Import column q259')).toBeChecked();
  await expect(page.getByLabel('Import column q260')).not.toBeChecked();
  await grid.evaluate((element) => element.scrollTo(element.scrollWidth, 0));
  await expect(page.getByLabel('Import column q999')).not.toBeChecked();
});

test('the mojibake doctor: garbled values found, shown before and after, repaired only when asked', async ({
  app,
  page,
}) => {
  const csv = [
    'email,city,note',
    'a@x.cz,PraÅ¾skÃ¡,CafÃ©',
    'b@x.cz,Brno,itâ€™s fine',
    'c@x.cz,PlzeÅˆ,ok',
  ].join('\n');
  await app.open();
  await dropFiles(page, [{ name: 'garbled.csv', bytes: Buffer.from(`${csv}\n`, 'utf8') }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  const offer = page.getByTestId('mojibake-city');
  await expect(offer).toContainText(
    '2 values look garbled (UTF-8 read as Windows-1252): PraÅ¾skÃ¡ → Pražská',
  );
  await expect(page.getByTestId('mojibake-note')).toContainText('2 values look garbled');
  await app.screenshot('24-mojibake-offer');
  await offer.getByRole('button', { name: 'Repair them' }).click();
  await expect(page.getByText('garbled text repaired (2 values)')).toBeVisible();
  await expect(page.getByTestId('mojibake-city')).toHaveCount(0);
  // One undo puts the offer back: the repair is a mapping step like any other.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByTestId('mojibake-city')).toBeVisible();
});

test('UNIX timestamps show the moment they become once the column is a datetime', async ({ app, page }) => {
  const csv = ['email,seen', 'a@x.cz,1717200000', 'b@x.cz,1717286400'].join('\n');
  await app.open();
  await dropFiles(page, [{ name: 'seen.csv', bytes: Buffer.from(`${csv}\n`) }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Data type of seen').selectOption('datetime');
  await expect(page.getByRole('gridcell', { name: '1717200000 → 2024-06-01 00:00:00 UTC' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: '1717286400 → 2024-06-02 00:00:00 UTC' })).toBeVisible();
  await app.screenshot('25-epoch-seconds');
});
