import { cellType, isTypedValue } from './cell-types';
import { kindOf, typedKindOf } from './detect-header';

// Preambles are a few lines of titles and notes; a table that starts further down is not guessed at.
const MAX_PREAMBLE_ROWS = 20;
// Rows after the table's first row looked at to confirm it: most must be as wide.
const CONFIRM_ROWS = 10;
const CONFIRM_SHARE = 0.8;
// A header spread over more rows than this is a report, not a table.
const MAX_HEADER_ROWS = 3;
// Body rows a header row is compared against.
const BODY_ROWS = 100;

/**
 * The index of the row where the table starts: 0, or the first row after a preamble of titles and
 * notes ("Report generated 2026-01-05", "Account:,12345", "Exported by X") that an export put above
 * the header (see isPreamble); the table's first row is as wide as most rows after it. A short
 * header over wider data (`a,b` over `1,2,3`) fills more than half and is no preamble.
 */
export function tableStart(rows: readonly string[][]): number {
  const width = commonWidth(rows);
  if (width < 2 || !isPreamble(rows[0]!, width)) return 0;
  const last = Math.min(MAX_PREAMBLE_ROWS, rows.length - 2);
  for (let start = 1; start <= last; start++) {
    const row = rows[start]!;
    if (isPreamble(row, width)) continue;
    if (row.length !== width) return 0;
    const next = rows.slice(start, start + CONFIRM_ROWS);
    return next.filter((other) => other.length === width).length >= CONFIRM_SHARE * next.length ? start : 0;
  }
  return 0;
}

/**
 * A title, a note or a key and its value: it fills at most half the table's width (Excel pads such
 * lines with delimiters to the full width) and starts with words, not with a value of the table.
 */
function isPreamble(row: readonly string[], width: number): boolean {
  const cells = row.map((cell) => cell.trim()).filter((cell) => cell !== '');
  if (cells.length > Math.max(1, Math.floor(width / 2)) || row.length > width) return false;
  return cells.length === 0 || !isTypedValue(cellType(cells[0]!));
}

/**
 * How many rows the header seems to span, from the table's first row: 1, or 2–3 when the names
 * go on below (`Region,Sales,,Returns,` over `,2024,2025,2024,2025`; `Amount,Date` over
 * `(EUR),(dd.mm.yyyy)`). A row continues the header when, in the columns whose body is typed, its
 * cells are not of the body's kind (units, notes), or when the row above left cells empty for
 * merged names and this row is empty where every body row has a value. Nothing is joined here:
 * the count is a candidate for the person to confirm.
 */
export function headerRowCount(rows: readonly string[][]): number {
  let count = 1;
  while (count < MAX_HEADER_ROWS) {
    const row = rows[count];
    const body = rows.slice(count + 1, count + 1 + BODY_ROWS);
    if (row === undefined || body.length < 2 || !continuesHeader(rows[count - 1]!, row, body)) break;
    count++;
  }
  return count;
}

function continuesHeader(
  above: readonly string[],
  row: readonly string[],
  body: readonly string[][],
): boolean {
  let votesHeader = 0;
  let votesData = 0;
  let emptyWhereBodyFull = false;
  for (let column = 0; column < row.length; column++) {
    const cell = row[column]!.trim();
    if (cell === '') {
      emptyWhereBodyFull ||= body.every((bodyRow) => (bodyRow[column]?.trim() ?? '') !== '');
      continue;
    }
    const kind = typedKindOf(body, column);
    if (kind === null) continue;
    if (kindOf(cellType(cell)) === kind) votesData++;
    else votesHeader++;
  }
  const mergedAbove = above.some((cell) => cell.trim() === '');
  return votesHeader > votesData || (mergedAbove && emptyWhereBodyFull);
}

/** The most common row width. */
function commonWidth(rows: readonly string[][]): number {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  let best = 0;
  let width = 0;
  for (const [length, count] of counts) {
    if (count > best) {
      best = count;
      width = length;
    }
  }
  return width;
}
