import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';
import { detectHeader } from '../../../../src-main/services/detect/dialect/detect-header';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';

// Issue 17, class 5: titles, notes and blank lines above the header are skipped and counted; a
// header spread over two or three rows is reported as a candidate (never joined).

const REAL_WORLD = join(import.meta.dirname, '../../../fixtures/real-world-csv');
const read = (file: string) => readFileSync(join(REAL_WORLD, file), 'utf8');

/** The text after the first `lines` lines (CRLF, LF or CR), as a reader told to skip them would see it. */
function skipLines(text: string, lines: number): string {
  const lineEnd = /\r\n|\n|\r/g;
  for (let line = 0; line < lines; line++) lineEnd.exec(text);
  return text.slice(lineEnd.lastIndex);
}

describe('preambles', () => {
  it.each([
    ['preamble-report.csv', ',', 3, ['Date', 'Description', 'Amount']],
    ['preamble-bank-keyvalue.csv', ';', 3, ['Datum', 'Text', 'Betrag', 'Saldo']],
    ['preamble-title-tab.tsv', '\t', 3, ['sku', 'name', 'qty', 'price']],
  ])('%s: delimiter %j, %i lines skipped, then the header', (file, delimiter, lines, header) => {
    const text = read(file);
    const guess = detectDialect(text);
    expect(guess).toMatchObject({ delimiter, skipLines: lines, headerRows: 1, sepLine: false });
    const rows = parseCsvText(skipLines(text, guess.skipLines), guess.delimiter);
    expect(rows[0]).toEqual(header);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    expect(detectHeader(rows)).toBe(true);
  });

  it('counts blank lines before the header, and skips nothing in files that start with their table', () => {
    expect(detectDialect('\n\n\na,b,c\n1,2,3\n4,5,6\n').skipLines).toBe(3);
    for (const file of ['comma-spacey-text.csv', 'cr-mac-semicolon.csv', 'stray-quote-never-closed.csv'])
      expect([file, detectDialect(read(file)).skipLines]).toEqual([file, 0]);
    // A short header over wider rows is the header, not a preamble.
    expect(detectDialect('a,b\n1,2,3\n4,5,6\n7,8,9\n').skipLines).toBe(0);
    // Sparse first data rows (no header) are data: they start with values, not words.
    expect(detectDialect('1,,,\n2,x,y,z\n3,x,y,z\n4,x,y,z\n').skipLines).toBe(0);
  });
});

describe('multi-row headers', () => {
  it.each([
    ['header-two-rows-merged.csv', 2],
    ['header-two-rows-units.csv', 2],
    ['preamble-report.csv', 1],
    ['single-quoted-comma.csv', 1],
    ['comma-times.csv', 1],
  ])('%s: headerRows %i', (file, headerRows) => {
    expect(detectDialect(read(file)).headerRows).toBe(headerRows);
  });
});
