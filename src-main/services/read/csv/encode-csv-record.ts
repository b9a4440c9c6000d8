const NEEDS_QUOTES = /[",\r\n]/;

/** One record as RFC 4180 comma-separated text (quoted only where needed), without a line end. */
export function encodeCsvRecord(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return line;
}
