import type { Delimiter, Newline } from '../../../../src-shared/model/dialect';

/** Writes rows as a real CSV writer would: quote a field only when it holds the delimiter, a quote or a line break. */
export function writeTable(rows: string[][], delimiter: Delimiter, newline: Newline = '\n'): string {
  const quote = (value: string): string =>
    value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  return rows.map((row) => row.map(quote).join(delimiter)).join(newline) + newline;
}

/**
 * A clean table of mixed types whose values collide with every candidate delimiter: decimals (dot), negative
 * numbers and ISO dates (dash), times (colon), names with spaces (space), and a note holding the delimiter,
 * doubled quotes and a line break.
 */
export function mixedRows(count = 12, withHeader = true): string[][] {
  const names = ['Alice', 'Bob Stone', 'Chloé', 'Dev Patel', 'Eve', 'Farah Al Zahra'];
  const rows: string[][] = withHeader ? [['id', 'name', 'amount', 'day', 'time', 'note']] : [];
  for (let i = 0; i < count; i++) {
    rows.push([
      String(i + 1),
      names[i % names.length] ?? 'Zed',
      (i * 13.37 - 20).toFixed(2),
      `2024-01-${String(i + 1).padStart(2, '0')}`,
      `${String(8 + (i % 10)).padStart(2, '0')}:${i % 2 === 0 ? '30' : '05'}`,
      i % 3 === 0 ? 'has , ; : | ~ - . and\ttab, "quoted" text\nand a new line' : 'plain',
    ]);
  }
  return rows;
}
