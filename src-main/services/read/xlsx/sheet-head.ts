import { IntakeError } from '../../../../src-shared/errors';
import { LIMITS } from '../../../../src-shared/limits';
import { cellClass, cellText, type CellClass } from './cell-values';
import { cellContext, type Workbook } from './open-workbook';
import { CellKind, type SheetConsumer } from './sheet-scanner';
import type { WorkbookSheet } from './workbook-parts';

/** A sheet's first non-blank rows as text, with each cell's class and Excel's row numbers. */
export interface SheetHead {
  /** Non-blank rows, each as wide as the widest (blank cells are ""). */
  rows: string[][];
  /** Per row and cell: what the workbook typed it as (null for a blank cell). */
  classes: (CellClass | null)[][];
  /** Excel's row number of each row. */
  rowNumbers: number[];
  /** Merged ranges, when the whole sheet was read (small sheets); else null. */
  merges: string[] | null;
  /** Whether the rows are all the sheet has. */
  complete: boolean;
}

/** Sheets up to this size (unpacked) are read to their end for their merged cells, stored last. */
const READ_WHOLE_BYTES = 8 * 1024 * 1024;

/** Reads up to `maxRows` non-blank rows of a sheet, resolving shared strings only as far as they use. */
export async function readSheetHead(
  workbook: Workbook,
  sheet: WorkbookSheet,
  maxRows: number,
): Promise<SheetHead> {
  const whole = workbook.sheetBytes(sheet) <= READ_WHOLE_BYTES;
  const collector = new HeadCollector(maxRows, whole);
  const merges = await workbook.scan(sheet, collector);
  const strings = collector.maxShared >= 0 ? await workbook.strings(collector.maxShared) : null;
  const context = cellContext(workbook, strings);
  const width = collector.width;
  if (width > LIMITS.sourceColumns) {
    throw new IntakeError(
      'LIMIT',
      `The sheet "${sheet.name}" has ${width.toLocaleString('en')} columns, over the ${LIMITS.sourceColumns.toLocaleString('en')} Intake can preview and map.`,
      { sheet: sheet.name, columns: width, limit: LIMITS.sourceColumns },
    );
  }
  const rows: string[][] = [];
  const classes: (CellClass | null)[][] = [];
  for (const cells of collector.rows) {
    const row = new Array<string>(width).fill('');
    const rowClasses = new Array<CellClass | null>(width).fill(null);
    for (const cell of cells) {
      row[cell.column] = cellText(context, cell.kind, cell.style, cell.raw);
      rowClasses[cell.column] = cellClass(context, cell.kind, cell.style);
    }
    rows.push(row);
    classes.push(rowClasses);
  }
  return {
    rows,
    classes,
    rowNumbers: collector.rowNumbers,
    merges,
    complete: merges !== null && collector.rows.length < maxRows,
  };
}

interface RawCell {
  column: number;
  kind: CellKind;
  style: number;
  raw: string;
}

/** Keeps the first non-blank rows' cells as raw text (shared strings are looked up afterwards). */
class HeadCollector implements SheetConsumer {
  readonly rows: RawCell[][] = [];
  readonly rowNumbers: number[] = [];
  width = 0;
  maxShared = -1;
  private current: RawCell[] = [];

  constructor(
    private readonly maxRows: number,
    /** Read on past the rows wanted, to the merged ranges at the end. */
    private readonly readToEnd: boolean,
  ) {}

  cellBytes(column: number, kind: CellKind, style: number, buf: Buffer, start: number, end: number): void {
    this.cellText(column, kind, style, buf.toString('utf8', start, end));
  }

  cellText(column: number, kind: CellKind, style: number, text: string): void {
    if (this.rows.length >= this.maxRows) return;
    if (text === '') return;
    if (kind === CellKind.Shared) this.maxShared = Math.max(this.maxShared, Number(text));
    this.current.push({ column, kind, style, raw: text });
    this.width = Math.max(this.width, column + 1);
  }

  rowEnd(rowNumber: number): boolean {
    if (this.rows.length >= this.maxRows) return this.readToEnd;
    if (this.current.length > 0) {
      this.rows.push(this.current);
      this.rowNumbers.push(rowNumber);
    }
    this.current = [];
    return this.rows.length < this.maxRows || this.readToEnd;
  }
}
