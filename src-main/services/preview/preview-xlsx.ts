import { IntakeError } from '../../../src-shared/errors';
import type { ColumnType } from '../../../src-shared/model/column-type';
import type { IngestIssue } from '../../../src-shared/model/ingest-issue';
import type { DialectOverrides, Preview, SniffedColumn } from '../../../src-shared/model/preview';
import { detectHeader } from '../detect/dialect/detect-header';
import { headerRowCount, tableStart } from '../detect/dialect/table-start';
import type { CellClass } from '../read/xlsx/cell-values';
import { openWorkbook, type Workbook } from '../read/xlsx/open-workbook';
import { readSheetHead, type SheetHead } from '../read/xlsx/sheet-head';
import type { WorkbookSheet } from '../read/xlsx/workbook-parts';
import type { PackageInput } from '../read/xlsx/zip-package';
import { profileColumns } from './column-profiles';
import { generatedNames, headerNames, joinHeaderRows } from './header-names';
import { mergesAcross, spreadMerges } from './header-merges';

/** Rows read for header detection and types (the preview shows fewer). */
const SAMPLE_ROWS = 1000;

/**
 * Previews one sheet of an Excel workbook: the sheet asked for, or the first visible one that
 * holds a table. There is no encoding or delimiter to detect; the header, preamble rows and
 * column types are found as for CSV, except that a column whose cells Excel typed alike (all
 * numbers, all dates, all text) takes that type: the cell's type is known, not guessed.
 */
export async function previewWorkbook(
  input: PackageInput,
  label: string,
  size: number,
  overrides: DialectOverrides,
  rowLimit: number,
): Promise<Preview> {
  const workbook = await openWorkbook(input, label);
  try {
    const { sheet, head } = await chooseSheet(workbook, overrides.sheet);
    return previewSheet(workbook, sheet, head, size, overrides, rowLimit);
  } finally {
    workbook.close();
  }
}

async function chooseSheet(
  workbook: Workbook,
  name: string | undefined,
): Promise<{ sheet: WorkbookSheet; head: SheetHead }> {
  if (name !== undefined) {
    const sheet = workbook.sheet(name);
    return { sheet, head: await readSheetHead(workbook, sheet, SAMPLE_ROWS) };
  }
  // A workbook often opens with a sheet of notes: the first visible sheet with a row of two or
  // more values is the table; failing that, the first that holds anything.
  let first: { sheet: WorkbookSheet; head: SheetHead } | null = null;
  for (const sheet of workbook.info.sheets.filter((candidate) => !candidate.hidden)) {
    const head = await readSheetHead(workbook, sheet, SAMPLE_ROWS);
    if (head.rows.some((row) => row.filter((cell) => cell !== '').length >= 2)) return { sheet, head };
    if (head.rows.length > 0) first ??= { sheet, head };
  }
  if (first) return first;
  const sheet = workbook.info.sheets.find((candidate) => !candidate.hidden) ?? workbook.info.sheets[0]!;
  return { sheet, head: await readSheetHead(workbook, sheet, SAMPLE_ROWS) };
}

function previewSheet(
  workbook: Workbook,
  sheet: WorkbookSheet,
  head: SheetHead,
  size: number,
  overrides: DialectOverrides,
  rowLimit: number,
): Preview {
  if (head.rows.length === 0) {
    throw new IntakeError(
      'VALIDATION',
      `The sheet "${sheet.name}" is empty: no header row and no rows.${workbook.info.sheets.length > 1 ? ' Pick another sheet in the dialect bar.' : ''}`,
      { reason: 'empty', sheet: sheet.name },
    );
  }
  // Merged header cells hold their label in the first cell only: spread it, for detection and names.
  const spread = spreadMerges(head.rows, head.rowNumbers, head.merges);
  const start =
    overrides.skipLines !== undefined
      ? firstRowAfter(head.rowNumbers, overrides.skipLines)
      : tableStart(spread.slice(0, SAMPLE_ROWS));
  const skipLines = overrides.skipLines ?? (start > 0 ? head.rowNumbers[start]! - 1 : 0);
  const table = spread.slice(start);
  const hasHeader = overrides.hasHeader ?? detectHeader(table.slice(0, 50));
  const guessedHeaderRows = hasHeader ? headerRowCount(table.slice(0, 104)) : 1;
  // A header row with cells merged across columns is a group row over the names: with that
  // evidence (which CSV never has) the rows are joined unless the person said otherwise.
  const mergedGroupRow = mergesAcross(head.merges, head.rowNumbers[start] ?? 0);
  const headerRows = hasHeader
    ? Math.min(overrides.headerRows ?? (mergedGroupRow ? guessedHeaderRows : 1), table.length)
    : 0;
  const width = head.rows[0]!.length;
  const header = hasHeader
    ? headerNames(headerRows > 1 ? joinHeaderRows(table.slice(0, headerRows), width) : table[0]!, width)
    : { names: generatedNames(width), issues: [] };
  const body = head.rows.slice(start + headerRows);
  const bodyClasses = head.classes.slice(start + headerRows);
  const profiled = profileColumns(header.names, body);
  const columns = profiled.columns.map((column, index) => declaredType(column, bodyClasses, index));
  const issues: IngestIssue[] = [
    ...sheetIssues(workbook, sheet, overrides.sheet !== undefined),
    ...preambleIssues(skipLines, overrides, hasHeader, headerRows, guessedHeaderRows, head.rowNumbers[start]),
    ...header.issues,
    ...profiled.issues,
  ];
  return {
    format: 'xlsx',
    dialect: {
      encoding: 'utf-8',
      delimiter: ',',
      quote: '"',
      escape: '"',
      newline: '\n',
      hasHeader,
      sheet: sheet.name,
      ...(skipLines > 0 ? { skipLines } : {}),
      ...(headerRows > 1 ? { headerRows } : {}),
    },
    sheets: workbook.info.sheets.map(({ name, hidden }) => ({ name, hidden })),
    confidence: { encoding: 1, delimiter: 1 },
    reasons: [
      `Excel workbook: sheet "${sheet.name}"${overrides.sheet !== undefined ? ' (chosen by you)' : ''}, ${workbook.info.sheets.length} sheet${workbook.info.sheets.length === 1 ? '' : 's'} in all`,
      'column types from the cells as Excel typed them where a column is all one type',
    ],
    columns,
    issues,
    header: header.names,
    rows: body.slice(0, rowLimit),
    truncated: !head.complete,
    headBytes: size,
  };
}

/** The index of the first sampled row below sheet row `skipLines`. */
function firstRowAfter(rowNumbers: readonly number[], skipLines: number): number {
  const at = rowNumbers.findIndex((number) => number > skipLines);
  return at === -1 ? rowNumbers.length : at;
}

/** The Intake type a column's cells were all typed as in Excel, if they agree. */
const CLASS_TYPES: Partial<Record<CellClass, ColumnType>> = {
  number: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  text: 'text',
};

/**
 * Keeps the profile's type unless every value of the column was typed alike by Excel: then that
 * type, fully fitting. Text cells stay text ("00123" keeps its zeros); a text profile that is more
 * specific (long text, a list, JSON) is kept.
 */
function declaredType(
  column: SniffedColumn,
  classes: readonly (CellClass | null)[][],
  index: number,
): SniffedColumn {
  let seen: CellClass | null = null;
  for (const row of classes) {
    const cellClass = row[index] ?? null;
    if (cellClass === null) continue;
    if (seen !== null && cellClass !== seen) return column;
    seen = cellClass;
  }
  const type = seen === null ? undefined : CLASS_TYPES[seen];
  if (type === undefined || type === column.type) return column;
  if (type === 'text' && (column.type === 'long_text' || column.type === 'list' || column.type === 'json'))
    return column;
  return { ...column, type, share: 1, examplesNotFitting: [] };
}

function sheetIssues(workbook: Workbook, sheet: WorkbookSheet, chosen: boolean): IngestIssue[] {
  const others = workbook.info.sheets.filter((other) => other !== sheet);
  if (others.length === 0 || chosen) return [];
  const hidden = others.filter((other) => other.hidden).length;
  return [
    {
      code: 'other-sheets',
      severity: 'info',
      message: `Reading the sheet "${sheet.name}"; the workbook has ${others.length} other sheet${others.length === 1 ? '' : 's'} (${others.map((other) => `"${other.name}"`).join(', ')}${hidden > 0 ? `, ${hidden} hidden` : ''}). Pick another in the dialect bar.`,
    },
  ];
}

function preambleIssues(
  skipLines: number,
  overrides: DialectOverrides,
  hasHeader: boolean,
  headerRows: number,
  guessedHeaderRows: number,
  firstRowNumber: number | undefined,
): IngestIssue[] {
  const issues: IngestIssue[] = [];
  if (skipLines > 0) {
    issues.push({
      code: 'preamble-skipped',
      severity: 'info',
      message: `Skipped ${skipLines} row${skipLines === 1 ? '' : 's'} above the ${hasHeader ? 'header' : 'first row'} (${overrides.skipLines !== undefined ? 'as you chose' : 'titles, notes or blank rows before the table'}); change it in the dialect bar.`,
      rows: Array.from({ length: Math.min(skipLines, 20) }, (_, at) => at + 1),
    });
  }
  if (headerRows > 1 && overrides.headerRows === undefined && firstRowNumber) {
    issues.push({
      code: 'multi-row-header',
      severity: 'info',
      message: `The header spans ${headerRows} rows (from row ${firstRowNumber}, whose cells are merged across columns): each column's name joins them. Set Header rows to 1 in the dialect bar to use only the first.`,
    });
  }
  if (headerRows === 1 && guessedHeaderRows > 1 && overrides.headerRows === undefined && firstRowNumber) {
    issues.push({
      code: 'multi-row-header',
      severity: 'info',
      message: `The header seems to span ${guessedHeaderRows} rows (from row ${firstRowNumber}): the first is used for the names and the others are read as data. Set Header rows to ${guessedHeaderRows} in the dialect bar to join them into one name per column.`,
    });
  }
  return issues;
}
