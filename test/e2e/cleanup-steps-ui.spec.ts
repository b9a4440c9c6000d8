import type { Locator, Page } from '@playwright/test';
import { dropFiles, expect, test, type IntakeApp } from './fixtures';

// Issue 16's remaining cleanup steps in the bar above the mapping grid, at the size a new user
// tried (1400×900): each dialog counts its changes over every row before it is applied, the grid
// then shows the cleaned values, and the steps list says each step in words.

/** A small customers file with something for every step (rows 2–9 as a spreadsheet numbers them). */
const PEOPLE = [
  'registered,name,city,phone,group',
  'c1,"  jan   novak ",Praha,+420 (603) 111-222,A',
  'c2,EVA CERNA,,+420 603 333 444,',
  'c3,petr dvorak,Brno,,B',
  'c4,zuzana  kucerova,,603-555-666,',
  'c5,Jiri Prochazka,Ostrava,(603) 777 888,',
  'c6,anna nova,Praha,603777999,C',
  'c7,karel  cerny,,,',
  'c8,Lucie Bila,Plzen,+420603000111,D',
].join('\n');
const COLUMNS = ['registered', 'name', 'city', 'phone', 'group'];

/** Drops `csv` at 1400×900 and opens the mapping step once every row is staged. */
async function openMapping(app: IntakeApp, page: Page, name: string, csv: string): Promise<Locator> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await dropFiles(page, [{ name, bytes: Buffer.from(csv + '\n') }]);
  await expect(page.getByTestId('staging-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  const grid = page.getByTestId('data-grid');
  await expect(grid.getByRole('rowheader', { name: '2', exact: true })).toBeVisible();
  return grid;
}

/** The cell of the row numbered `rowNumber` (wherever a sort puts it) in the column at `column`. */
function cellOf(grid: Locator, rowNumber: number, column: number): Locator {
  return grid
    .getByRole('row')
    .filter({ has: grid.page().getByRole('rowheader', { name: String(rowNumber), exact: true }) })
    .locator(`[role="gridcell"][aria-colindex="${column + 2}"]`);
}

/** The column's cells for rows 2–9, top to bottom in file order. */
async function columnValues(grid: Locator, column: number): Promise<string[]> {
  const values: string[] = [];
  for (let row = 2; row <= 9; row++) values.push((await cellOf(grid, row, column).textContent()) ?? '');
  return values;
}

async function openStep(page: Page, item: string): Promise<Locator> {
  await page.getByRole('button', { name: 'More steps' }).click();
  await page.getByRole('menuitem', { name: `${item}…` }).click();
  return page.getByRole('dialog', { name: item });
}

test('the one-column steps and merge: counted over every row first, then in the grid and the steps list', async ({
  app,
  page,
}) => {
  const grid = await openMapping(app, page, 'people.csv', PEOPLE);
  const name = COLUMNS.indexOf('name');
  const city = COLUMNS.indexOf('city');
  const phone = COLUMNS.indexOf('phone');

  // The menu keeps the bar short; its items open the dialogs.
  await page.getByRole('button', { name: 'More steps' }).click();
  await expect(page.getByRole('menu', { name: 'More steps' }).getByRole('menuitem')).toHaveText([
    'Merge columns…',
    'Fill down blanks…',
    'Default for blanks…',
    'Change case…',
    'Collapse spaces…',
    'Remove characters…',
  ]);
  await app.screenshot('80-cleanup-more-steps-menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);

  // Collapse spaces: rows 2, 5 and 8 hold runs of spaces (row 2 around its ends too).
  let dialog = await openStep(page, 'Collapse spaces');
  await dialog.getByLabel('Column', { exact: true }).selectOption('name');
  await expect(dialog.getByTestId('step-preview')).toContainText('3 cells in 3 rows will change.');
  await expect(dialog.getByTestId('step-preview')).toContainText(
    'row 5, name: zuzana  kucerova → zuzana kucerova',
  );
  await dialog.getByRole('button', { name: 'Collapse spaces' }).click();
  await expect(cellOf(grid, 2, name)).toHaveText('jan novak');
  await expect(cellOf(grid, 8, name)).toHaveText('karel cerny');

  // Change case, counted after the steps before it: two names are already in title case.
  dialog = await openStep(page, 'Change case');
  await dialog.getByLabel('Column', { exact: true }).selectOption('name');
  await dialog.getByLabel('To', { exact: true }).selectOption('title');
  await expect(dialog.getByTestId('step-preview')).toContainText('6 cells in 6 rows will change.');
  await expect(dialog.getByTestId('step-preview')).toContainText('row 2, name: jan novak → Jan Novak');
  await app.screenshot('81-cleanup-change-case');
  await dialog.getByRole('button', { name: 'Change case' }).click();
  expect(await columnValues(grid, name)).toEqual([
    'Jan Novak',
    'Eva Cerna',
    'Petr Dvorak',
    'Zuzana Kucerova',
    'Jiri Prochazka',
    'Anna Nova',
    'Karel Cerny',
    'Lucie Bila',
  ]);

  // Default for blanks: three rows have no city.
  dialog = await openStep(page, 'Default for blanks');
  await dialog.getByLabel('Column', { exact: true }).selectOption('city');
  await dialog.getByLabel('Blanks become').fill('unknown');
  await expect(dialog.getByTestId('step-preview')).toContainText('3 cells in 3 rows will change.');
  await dialog.getByRole('button', { name: 'Fill the blanks' }).click();
  expect(await columnValues(grid, city)).toEqual([
    'Praha',
    'unknown',
    'Brno',
    'unknown',
    'Ostrava',
    'Praha',
    'unknown',
    'Plzen',
  ]);

  // Remove characters: the phone numbers' punctuation; one number has none, two rows are blank.
  dialog = await openStep(page, 'Remove characters');
  await dialog.getByLabel('Column', { exact: true }).selectOption('phone');
  await dialog.getByLabel('Characters').fill('+ ()-');
  await expect(dialog.getByTestId('step-preview')).toContainText('5 cells in 5 rows will change.');
  await expect(dialog.getByTestId('step-preview')).toContainText(
    'row 2, phone: +420 (603) 111-222 → 420603111222',
  );
  await dialog.getByRole('button', { name: 'Remove them' }).click();
  expect(await columnValues(grid, phone)).toEqual([
    '420603111222',
    '420603333444',
    '',
    '603555666',
    '603777888',
    '603777999',
    '',
    '420603000111',
  ]);

  // Merge: name and city, in that order, into a new column after the file's, shown on the first
  // rows as cleaned so far (the city default included).
  await page.getByRole('button', { name: 'More steps' }).click();
  await page.getByRole('menuitem', { name: 'Merge columns…' }).click();
  dialog = page.getByRole('dialog', { name: 'Merge columns' });
  await dialog.getByLabel('Column 1').selectOption('name');
  await dialog.getByLabel('Column 2').selectOption('city');
  await dialog.getByLabel('Separator').fill(', ');
  await expect(dialog.getByLabel('New column')).toHaveValue('name_city');
  await expect(dialog.getByTestId('merge-preview')).toContainText(
    'row 2: “Jan Novak” + “Praha” → Jan Novak, Praha',
  );
  await expect(dialog.getByTestId('merge-preview')).toContainText(
    'row 3: “Eva Cerna” + “unknown” → Eva Cerna, unknown',
  );
  await dialog.getByLabel('New column').fill('city');
  await expect(dialog.getByText('"city" is already a column.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Merge', exact: true })).toBeDisabled();
  await dialog.getByLabel('New column').fill('name_city');
  // Counted over every staged row, not only the rows shown.
  await expect(dialog.getByTestId('merge-count')).toHaveText(
    'Over every row: 8 rows get a value in name_city.',
  );
  await app.screenshot('82-cleanup-merge-columns');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(grid.getByRole('columnheader', { name: /^name_city/ })).toHaveAttribute(
    'aria-colindex',
    String(COLUMNS.length + 2),
  );
  expect(await columnValues(grid, COLUMNS.length)).toEqual([
    'Jan Novak, Praha',
    'Eva Cerna, unknown',
    'Petr Dvorak, Brno',
    'Zuzana Kucerova, unknown',
    'Jiri Prochazka, Ostrava',
    'Anna Nova, Praha',
    'Karel Cerny, unknown',
    'Lucie Bila, Plzen',
  ]);

  await expect(page.getByTestId('cleanup-step')).toHaveText([
    'collapse spaces in name×',
    'title case in name×',
    'default "unknown" for blank city×',
    'remove "+ ()-" from phone×',
    'merge name, city into name_city×',
  ]);
  await app.screenshot('83-cleanup-steps-ui-applied');
});

test('fill down: a blank cell takes the value above it, counted over every row first', async ({
  app,
  page,
}) => {
  const grid = await openMapping(app, page, 'groups.csv', PEOPLE);
  const group = COLUMNS.indexOf('group');
  const dialog = await openStep(page, 'Fill down blanks');
  await dialog.getByLabel('Column', { exact: true }).selectOption('group');
  await expect(dialog.getByTestId('step-preview')).toContainText('4 cells in 4 rows will change.');
  await expect(dialog.getByTestId('step-preview')).toContainText('row 3, group: (blank) → A');
  await app.screenshot('84-cleanup-fill-down');
  await dialog.getByRole('button', { name: 'Fill down' }).click();
  expect(await columnValues(grid, group)).toEqual(['A', 'A', 'B', 'B', 'B', 'C', 'C', 'D']);
  await expect(page.getByTestId('cleanup-step')).toHaveText(['fill down blanks in group×']);

  // Sorted the other way, a row still fills from the row above it in the file, not in the view.
  const sort = grid.getByRole('button', { name: /^registered/ });
  await sort.click();
  await sort.click();
  await expect(grid.getByRole('row').nth(1).getByRole('rowheader')).toHaveText('9');
  expect(await columnValues(grid, group)).toEqual(['A', 'A', 'B', 'B', 'B', 'C', 'C', 'D']);
  await expect(cellOf(grid, 8, group)).toHaveClass(/cell--cleaned/);
  await expect(cellOf(grid, 7, group)).not.toHaveClass(/cell--cleaned/);

  // Sorted by the filled column itself, rows go by the values shown: D, C, B, A, each group in file
  // order (by the file's cells the blank rows 3, 5, 6 and 8 would come last, apart from their groups).
  const byGroup = grid.getByRole('button', { name: /^group/ });
  await byGroup.click();
  await byGroup.click();
  await expect(grid.getByRole('rowheader')).toHaveText(['9', '7', '8', '4', '5', '6', '2', '3']);
  await app.screenshot('84-cleanup-fill-down-sorted');
});

test('Remove duplicates: the grid marks each row the step removes, and says why', async ({ app, page }) => {
  const grid = await openMapping(app, page, 'cities.csv', PEOPLE);
  await page.getByRole('button', { name: 'Remove duplicates…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove duplicate rows' });
  await dialog.getByRole('checkbox', { name: 'city' }).check();
  await dialog.getByRole('button', { name: 'Remove duplicates' }).click();
  await expect(page.getByTestId('validation-summary')).toContainText('1 duplicate removed');
  // Row 7 repeats row 2's Praha; the blank cities are no key and stay.
  const header = (row: number) => grid.getByRole('rowheader', { name: String(row), exact: true });
  await expect(header(7)).toHaveClass(/row--removed/);
  await expect(header(7)).toHaveAttribute('title', /Removed as a duplicate/);
  await expect(cellOf(grid, 7, COLUMNS.indexOf('name'))).toHaveClass(/cell--removed/);
  for (const row of [2, 3, 5, 8]) await expect(header(row)).not.toHaveClass(/row--removed/);
  await app.screenshot('85-cleanup-dedupe-marked');
});

test('cells are edited from the keyboard (F2, Enter) and several chosen in a sorted view are set at once, by row number', async ({
  app,
  page,
}) => {
  const grid = await openMapping(app, page, 'people.csv', PEOPLE);
  const city = COLUMNS.indexOf('city');

  // F2 edits the focused cell; Enter keeps the value and moves down; Enter there edits that cell.
  await cellOf(grid, 4, city).click();
  await expect(cellOf(grid, 4, city)).toBeFocused();
  await page.keyboard.press('F2');
  const editor = grid.getByLabel('Edit city in row 4');
  await expect(editor).toBeFocused();
  await editor.fill('Brno-venkov');
  await editor.press('Enter');
  await expect(cellOf(grid, 4, city)).toHaveText('Brno-venkov');
  await expect(cellOf(grid, 4, city)).toHaveClass(/cell--cleaned/);
  await expect(cellOf(grid, 5, city)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(grid.getByLabel('Edit city in row 5')).toBeFocused();
  // Escape drops the edit and gives the focus back to the cell; arrows move it.
  await page.keyboard.type('never kept');
  await page.keyboard.press('Escape');
  await expect(grid.getByLabel('Edit city in row 5')).toHaveCount(0);
  await expect(cellOf(grid, 5, city)).toHaveText('');
  await expect(cellOf(grid, 5, city)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(cellOf(grid, 4, city)).toBeFocused();
  await expect(page.getByTestId('cleanup-step')).toHaveText(['1 cell edit×']);

  // Sorted by registered, descending: rows 9, 8, 7, 6… Shift-click two, Ctrl-click a fourth.
  const sort = grid.getByRole('button', { name: /^registered/ });
  await sort.click();
  await sort.click();
  await expect(grid.getByRole('columnheader', { name: /^registered/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const rows = grid.getByRole('row');
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('9');
  await rows
    .nth(1)
    .locator(`[aria-colindex="${city + 2}"]`)
    .click();
  await rows
    .nth(2)
    .locator(`[aria-colindex="${city + 2}"]`)
    .click({ modifiers: ['Shift'] });
  await rows
    .nth(4)
    .locator(`[aria-colindex="${city + 2}"]`)
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('chosen-cells')).toContainText('3 cells of city chosen');
  await expect(grid.locator('[aria-selected="true"]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Set 3 cells…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set 3 cells of city' });
  await expect(dialog).toContainText('Rows 6, 8, 9.');
  await dialog.getByLabel('New value').fill('Liberec');
  await app.screenshot('85-cleanup-set-chosen-cells');
  await dialog.getByRole('button', { name: 'Set 3 cells' }).click();
  await expect(page.getByTestId('chosen-cells')).toHaveCount(0);
  await expect(page.getByTestId('cleanup-step')).toHaveText(['1 cell edit×', '3 cell edits×']);

  // Sorted back to file order: rows 6, 8 and 9 changed (and the earlier edit of row 4 stayed).
  await sort.click();
  await expect(grid.getByRole('columnheader', { name: /^registered/ })).toHaveAttribute('aria-sort', 'none');
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('2');
  expect(await columnValues(grid, city)).toEqual([
    'Praha',
    '',
    'Brno-venkov',
    '',
    'Liberec',
    'Praha',
    'Liberec',
    'Liberec',
  ]);
  for (const row of [6, 8, 9]) await expect(cellOf(grid, row, city)).toHaveClass(/cell--cleaned/);
  await expect(cellOf(grid, 7, city)).not.toHaveClass(/cell--cleaned/);
});

test('the column header block collapses to one line, so more rows are in view, and stays so for the session', async ({
  app,
  page,
}) => {
  const lines = ['registered,name,city'];
  for (let i = 1; i <= 60; i++) lines.push(`c${i},person ${i},city ${i % 7}`);
  const grid = await openMapping(app, page, 'sixty.csv', lines.join('\n'));
  await expect(page.getByTestId('column-profile').first()).toBeVisible();
  const before = await rowsInView(grid);
  await app.screenshot('86-mapping-headers-full');

  await page.getByLabel('Compact column headers').check();
  await expect(page.getByTestId('column-profile')).toHaveCount(0);
  await expect(grid.getByLabel('Role of registered')).toHaveCount(0);
  await expect(grid.getByLabel('Import column name')).toBeChecked();
  const after = await rowsInView(grid);
  // The full block left about 13 rows; one line per header leaves several more.
  expect(after).toBeGreaterThanOrEqual(before + 5);
  await app.screenshot('87-mapping-headers-compact');

  // Remembered for the session: back to the preview and forward again, still compact.
  await page.getByRole('button', { name: '← Preview' }).click();
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await expect(page.getByLabel('Compact column headers')).toBeChecked();
  await expect(page.getByTestId('column-profile')).toHaveCount(0);

  await page.getByLabel('Compact column headers').uncheck();
  await expect(page.getByTestId('column-profile').first()).toBeVisible();
});

/** Rows wholly in view in the grid's scroll box under its sticky header. */
async function rowsInView(grid: Locator): Promise<number> {
  return grid.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const header = element.querySelector('.grid__header')!.getBoundingClientRect();
    return [...element.querySelectorAll('.grid__row')].filter((row) => {
      const rect = row.getBoundingClientRect();
      return rect.top >= header.bottom - 1 && rect.bottom <= box.bottom + 1;
    }).length;
  });
}
