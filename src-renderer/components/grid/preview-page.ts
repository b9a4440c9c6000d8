import type { RowsPage } from '../../../src-shared/model/dataset';
import type { Preview } from '../../../src-shared/model/preview';

/** A page of a preview's rows, numbered as a spreadsheet shows them, while the dataset is still staging. */
export function previewPage(preview: Preview, offset: number, limit: number): RowsPage {
  const firstRowNumber = preview.dialect.hasHeader ? 2 : 1;
  const rows = preview.rows
    .slice(offset, offset + limit)
    .map((cells, i) => ({ rowNumber: offset + i + firstRowNumber, cells }));
  return { offset, rows, total: preview.rows.length };
}
