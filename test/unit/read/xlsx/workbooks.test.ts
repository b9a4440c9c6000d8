import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFile } from '../../../../src-main/services/preview/preview-source';
import { registerFile } from '../../../../src-main/services/sources/register-file';
import type { DialectOverrides } from '../../../../src-shared/model/preview';
import { makeTestRuntime } from '../../../support/runtime';

// Issue 17, Excel workbooks: every fixture (test/fixtures/xlsx/README.md says what each holds) is
// previewed, then staged through the real worker pool, and the staged rows must be the preview's.

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../fixtures/xlsx/${name}`, import.meta.url));

describe('Excel workbooks', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  beforeAll(() => {
    runtime = makeTestRuntime();
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  async function previewAndStage(name: string, overrides: DialectOverrides = {}) {
    const path = join(runtime.workspace.dir, name);
    copyFileSync(fixture(name), path);
    const source = await registerFile(runtime.workspace.db, path);
    const preview = await previewFile(path, overrides);
    const dataset = await runtime.staging.settled(runtime.staging.start(source, preview).id);
    const page = await runtime.staging.rows(dataset.id, 0, 1000, {});
    return { preview, dataset, staged: page.rows };
  }

  it('keeps typed cells typed: text with zeros, numbers exact, dates and times as ISO text, booleans', async () => {
    const { preview, dataset, staged } = await previewAndStage('typed.xlsx');
    expect(preview.format).toBe('xlsx');
    expect(preview.sheets).toEqual([
      { name: 'Customers', hidden: false },
      { name: 'Empty', hidden: false },
    ]);
    expect(preview.dialect.sheet).toBe('Customers');
    expect(preview.header).toEqual([
      'id',
      'name',
      'price',
      'qty',
      'active',
      'signup',
      'last_seen',
      'at_time',
      'share',
      'total',
      'status',
      'link',
      'note',
    ]);
    const type = Object.fromEntries(preview.columns.map((column) => [column.name, column.type]));
    expect(type).toMatchObject({
      id: 'text',
      price: 'number',
      qty: 'number',
      active: 'boolean',
      signup: 'date',
      last_seen: 'datetime',
    });
    expect(preview.rows[0]).toEqual([
      '00123',
      'Dvořáková',
      '6.1',
      '3',
      'true',
      '2024-06-01',
      '2024-06-01T13:45:30',
      '12:00:00',
      '0.25',
      '18.299999999999997',
      'active',
      'Example',
      'Bold and plain',
    ]);
    expect(preview.rows[2]!.slice(0, 3)).toEqual([
      '00789',
      'Novák, Jan "JJ"\nsecond line',
      '0.30000000000000004',
    ]);
    expect(preview.rows[2]![5]).toBe('1900-03-01');
    expect(preview.rows[1]![6]).toBe('1999-12-31T23:59:59');
    expect(preview.rows[3]![10]).toBe('#N/A');
    // Blanks in the middle and at the end of a row are blank cells, not missing fields.
    expect(preview.rows[5]).toEqual([
      '00008',
      'Gaps',
      '',
      '',
      'true',
      '',
      '2024-06-02T06:07:08',
      '',
      '',
      '0',
      'inactive',
      '',
      'middle cells blank',
    ]);
    expect(preview.rows[6]!.slice(5)).toEqual(['', '', '', '', '', '', '', '']);
    expect(dataset).toMatchObject({ status: 'ready', rowCount: 8, format: 'xlsx' });
    expect(staged.map((row) => row.cells)).toEqual(preview.rows);
    // Row numbers as Excel shows them.
    expect(staged.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('agrees with exceljs, read independently, on every text and number cell', async () => {
    const { preview } = await previewAndStage('typed.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(fixture('typed.xlsx'));
    const sheet = book.getWorksheet('Customers')!;
    let compared = 0;
    preview.rows.forEach((row, index) => {
      const excel = sheet.getRow(index + 2);
      row.forEach((cell, column) => {
        const value = excel.getCell(column + 1).value;
        if (typeof value === 'number' && !(excel.getCell(column + 1).numFmt ?? '').match(/[dyhm]/)) {
          expect(Number(cell), `row ${index + 2} column ${column + 1}`).toBe(value);
          compared += 1;
        } else if (typeof value === 'string') {
          expect(cell, `row ${index + 2} column ${column + 1}`).toBe(value);
          compared += 1;
        } else if (value instanceof Date && excel.getCell(column + 1).numFmt === 'yyyy-mm-dd') {
          expect(cell).toBe(value.toISOString().slice(0, 10));
          compared += 1;
        }
      });
    });
    expect(compared).toBeGreaterThan(50);
  });

  it('chooses the first sheet holding a table, skips its title rows and joins its merged group header', async () => {
    const { preview, staged } = await previewAndStage('layout.xlsx');
    expect(preview.dialect).toMatchObject({ sheet: 'Orders', skipLines: 2, headerRows: 2, hasHeader: true });
    expect(preview.sheets?.map((sheet) => sheet.hidden)).toEqual([false, false, true, false]);
    expect(preview.header).toEqual(['id', 'Customer name', 'Customer email', 'Order number', 'Order amount']);
    expect(preview.issues.map((issue) => issue.code)).toEqual(
      expect.arrayContaining(['other-sheets', 'preamble-skipped', 'multi-row-header']),
    );
    expect(staged).toHaveLength(10);
    expect(staged[0]).toEqual({
      rowNumber: 5,
      cells: ['1', 'Alice Novak', 'alice@example.com', 'SO-1001', '120.5'],
    });
    expect(staged[9]!.rowNumber).toBe(14);
    expect(staged.map((row) => row.cells)).toEqual(preview.rows);
  });

  it('reads the sheet it is told to, hidden ones too, and names the sheets when one is missing', async () => {
    const { preview, staged } = await previewAndStage('layout.xlsx', { sheet: 'Hidden data' });
    expect(preview.dialect.sheet).toBe('Hidden data');
    expect(staged.length).toBeGreaterThan(0);
    expect(staged.map((row) => row.cells)).toEqual(preview.rows);
    await expect(previewFile(fixture('layout.xlsx'), { sheet: 'Orderz' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(
        'no sheet "Orderz"; its sheets are "Read me", "Orders", "Hidden data", "Summary"',
      ),
    });
  });

  it('reads shared strings stored after the sheet: runs joined, phonetic guides left out, spaces and escapes kept', async () => {
    const { preview, staged } = await previewAndStage('shared-strings-after-sheet.xlsx');
    expect(preview.header).toEqual(['code', 'city', 'amount']);
    expect(preview.rows.map((row) => row[1])).toEqual([
      'Praha',
      '東京',
      '  Brno  ',
      'Ostrava & Poruba\r\nsecond line',
      'Plzeň',
    ]);
    expect(staged.map((row) => row.cells)).toEqual(preview.rows);
  });

  it('reads an odd but valid package: prefixes, an absolute sheet path, the 1904 system, cells without references', async () => {
    const { preview, staged } = await previewAndStage('odd-package.xlsx');
    expect(preview.header).toEqual(['label', 'date', 'amount', 'flag', 'note']);
    expect(preview.rows[0]).toEqual(['a&', '2024-06-01', '1234.5', 'true', 'a&x']);
    // t="d" stays as written; a number format with "d." in quotes is no date; an error is as Excel shows it.
    expect(preview.rows[1]).toEqual(['b', '2024-06-01T10:00:00Z', '7', 'false', '#DIV/0!']);
    // Row 4 is missing, row 5's date uses a custom format in the 1904 system.
    expect(preview.rows[2]![4]).toBe('2021-09-23');
    expect(staged.map((row) => row.rowNumber)).toEqual([2, 3, 5, 6]);
    expect(staged.map((row) => row.cells)).toEqual(preview.rows);
  });

  it('previews and stages a wide, sparse sheet: 300 columns, values where they were', async () => {
    const { preview, staged } = await previewAndStage('wide-and-sparse.xlsx');
    expect(preview.header).toHaveLength(300);
    expect(preview.header[299]).toBe('col_300');
    const cells = staged[0]!.cells;
    expect(cells).toHaveLength(300);
    expect(cells.filter((cell) => cell !== '')).toHaveLength(3);
    expect(cells[0]).not.toBe('');
    expect(cells[149]).not.toBe('');
    expect(cells[299]).not.toBe('');
  });

  it.each([
    ['not-a-workbook.xlsx', 'PARSE', 'a ZIP archive but not an Excel workbook'],
    ['legacy.xls', 'PARSE', 'Excel 97–2003 workbook (.xls) or a password-protected workbook'],
    ['truncated.xlsx', 'PARSE', 'damaged or cut short'],
  ])('refuses %s with what it is', async (name, code, message) => {
    await expect(previewFile(fixture(name))).rejects.toMatchObject({
      code,
      message: expect.stringContaining(message),
    });
  });

  it('refuses a small part that unpacks past its limit, naming it, before holding it', async () => {
    const source = await JSZip.loadAsync(readFileSync(fixture('shared-strings-after-sheet.xlsx')));
    // 40 MB of spaces deflate to about 40 KB: a styles part no real workbook has.
    source.file('xl/styles.xml', ' '.repeat(40 * 1024 * 1024));
    const path = join(runtime.workspace.dir, 'bloated.xlsx');
    writeFileSync(path, await source.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await expect(previewFile(path)).rejects.toMatchObject({
      code: 'LIMIT',
      message: expect.stringContaining(
        '"bloated.xlsx": the part "xl/styles.xml" is 40 MB unpacked, over the 32 MB Intake reads for it',
      ),
    });
  });

  it('stages 30,000 rows written by another library, shared strings and all, chunk by chunk', async () => {
    const path = join(runtime.workspace.dir, 'many.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
      useStyles: true,
    });
    const sheet = writer.addWorksheet('Events');
    sheet.columns = [
      { header: 'email', key: 'email' },
      { header: 'amount', key: 'amount' },
      { header: 'at', key: 'at', style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
      { header: 'note', key: 'note' },
    ];
    const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000);
    for (let i = 1; i <= 30_000; i++) {
      sheet
        .addRow({
          email: `user${i}@example.com`,
          amount: i / 4,
          at: at(i),
          note: i % 1000 === 0 ? `a, "b"\nc ${i}` : `note ${i % 7}`,
        })
        .commit();
    }
    await sheet.commit();
    await writer.commit();
    const source = await registerFile(runtime.workspace.db, path);
    const preview = await previewFile(path);
    expect(preview.columns.map((column) => column.type)).toEqual(['text', 'number', 'datetime', 'text']);
    const dataset = await runtime.staging.settled(runtime.staging.start(source, preview).id);
    expect(dataset).toMatchObject({ status: 'ready', rowCount: 30_000 });
    for (const index of [0, 511, 512, 9_999, 29_999]) {
      const [row] = (await runtime.staging.rows(dataset.id, index, 1, {})).rows;
      const i = index + 1;
      expect(row).toEqual({
        rowNumber: i + 1,
        cells: [
          `user${i}@example.com`,
          String(i / 4),
          at(i).toISOString().slice(0, 19),
          i % 1000 === 0 ? `a, "b"\nc ${i}` : `note ${i % 7}`,
        ],
      });
    }
  });

  it('says an empty sheet is empty and offers the others', async () => {
    await expect(previewFile(fixture('typed.xlsx'), { sheet: 'Empty' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message:
        'The sheet "Empty" is empty: no header row and no rows. Pick another sheet in the dialect bar.',
    });
  });
});
