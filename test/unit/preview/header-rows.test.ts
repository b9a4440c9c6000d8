import { join } from 'node:path';
import { expect, it } from 'vitest';
import { joinHeaderRows } from '../../../src-main/services/preview/header-names';
import { previewFile } from '../../../src-main/services/preview/preview-source';

// A header over two or three rows (issue 17, class 6): said by the preview, joined when asked —
// a merged group label (exported in its first cell only) carried to the columns it spans, units
// appended to their names.

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'real-world-csv');

it('joins a group row above the names, carrying a merged label right', () => {
  expect(
    joinHeaderRows(
      [
        ['Region', 'Sales', '', 'Returns', ''],
        ['', '2024', '2025', '2024', '2025'],
      ],
      5,
    ),
  ).toEqual(['Region', 'Sales 2024', 'Sales 2025', 'Returns 2024', 'Returns 2025']);
});

it('appends units below the names, and leaves a name without parts blank', () => {
  expect(
    joinHeaderRows(
      [
        ['Name', 'Amount', ''],
        ['', '(EUR)', ''],
      ],
      3,
    ),
  ).toEqual(['Name', 'Amount (EUR)', 'Amount']);
  expect(joinHeaderRows([[''], ['']], 1)).toEqual(['']);
});

it('says a two-row header in the preview, and joins it when Header rows is 2', async () => {
  const file = join(FIXTURES, 'header-two-rows-merged.csv');
  const said = await previewFile(file);
  expect(said.header).toEqual(['Region', 'Sales', 'column_3', 'Returns', 'column_5']);
  expect(said.issues.find((issue) => issue.code === 'multi-row-header')?.message).toContain(
    'Set Header rows to 2 in the dialect bar',
  );
  const joined = await previewFile(file, { headerRows: 2 });
  expect(joined.header).toEqual(['Region', 'Sales 2024', 'Sales 2025', 'Returns 2024', 'Returns 2025']);
  expect(joined.rows[0]).toEqual(['North', '100', '120', '5', '6']);
  expect(joined.dialect.headerRows).toBe(2);
  expect(joined.issues.some((issue) => issue.code === 'multi-row-header')).toBe(false);
});
