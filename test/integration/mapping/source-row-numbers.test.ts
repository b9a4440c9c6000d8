import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { initialMapping } from '../../../src-shared/mapping/initial-mapping';
import type { IdType } from '../../../src-shared/model/id-type';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import type { RowsPage } from '../../../src-shared/model/dataset';
import { makeTestRuntime } from '../../support/runtime';

// Rejected rows are named by the row number the person sees in the source: a CSV's line after a
// preamble of notes, an Excel sheet's row with blank rows above it — not a count of data rows.

describe('row numbers in validation name the source row', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  let idTypes: IdType[];

  async function request<T>(name: string, payload: unknown): Promise<T> {
    const result = await dispatch(runtime.handlers, name, payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data as T;
  }

  async function validate(path: string): Promise<{ summary: ValidationSummary; page: RowsPage }> {
    const source = await registerFile(runtime.workspace.db, path);
    const preview = await previewFile(path);
    const dataset = await runtime.staging.settled(runtime.staging.start(source, preview).id);
    expect(dataset.status).toBe('ready');
    const columns = dataset.columns.map((name, i) => ({ name, type: preview.columns[i]!.type }));
    const mapping = initialMapping(columns, 'customers', [], idTypes, 'UTC').mapping;
    const summary = await request<ValidationSummary>('mapping:validate', { datasetId: dataset.id, mapping });
    const page = await request<RowsPage>('datasets:rows', { datasetId: dataset.id, offset: 0, limit: 100 });
    return { summary, page };
  }

  beforeAll(async () => {
    runtime = makeTestRuntime();
    idTypes = await request<IdType[]>('ids:listTypes', {});
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('counts the lines of a CSV preamble', async () => {
    const path = join(runtime.workspace.dir, 'with-notes.csv');
    const lines = ['Customer export', 'Generated 2026-12-06', 'registered,credit'];
    for (let i = 1; i <= 30; i++) lines.push(`c${i},${i === 7 ? 'twelve' : i * 10}`);
    writeFileSync(path, lines.join('\n') + '\n');
    const { summary, page } = await validate(path);
    // Line 1–2 notes, 3 the header, c1 on line 4: c7 is on line 10.
    expect(summary.reasons).toEqual([{ reason: 'Malformed number in "credit"', count: 1, rowNumbers: [10] }]);
    expect(page.rows[6]).toEqual({ rowNumber: 10, cells: ['c7', 'twelve'] });
  });

  it("keeps an Excel sheet's row numbers across the blank rows it leaves out", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Customers');
    sheet.getCell('A1').value = 'Customers, December';
    sheet.getRow(3).values = ['registered', 'credit'];
    const rows: [number, string, number | string][] = [
      [4, 'c1', 10],
      [5, 'c2', 20],
      // Rows 6 and 7 are blank, as people leave them between blocks.
      [8, 'c3', 30],
      [9, 'c4', 'twelve'],
      [12, 'c5', 50],
    ];
    // Enough numbers that the column is a number column with one bad value.
    for (let number = 13; number <= 30; number++) rows.push([number, `c${number}`, number]);
    for (const [number, id, credit] of rows) sheet.getRow(number).values = [id, credit];
    const path = join(runtime.workspace.dir, 'blocks.xlsx');
    await book.xlsx.writeFile(path);
    const { summary, page } = await validate(path);
    expect(page.rows.map((row) => row.rowNumber).slice(0, 6)).toEqual([4, 5, 8, 9, 12, 13]);
    expect(summary.reasons).toEqual([{ reason: 'Malformed number in "credit"', count: 1, rowNumbers: [9] }]);
  });
});
