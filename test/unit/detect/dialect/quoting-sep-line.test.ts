import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';
import { readSepLine } from '../../../../src-main/services/detect/dialect/sep-line';

// Issue 17, class 4: single-quote quoting, a space before a quoted field, and Excel's `sep=` line.

const REAL_WORLD = join(import.meta.dirname, '../../../fixtures/real-world-csv');
const read = (file: string) => readFileSync(join(REAL_WORLD, file), 'utf8');

describe('quote character', () => {
  it.each([
    ['single-quoted-comma.csv', ',', "'"],
    ['single-quoted-semicolon.csv', ';', "'"],
    ['space-before-quote.csv', ',', '"'],
    ['stray-quote-pairs-later.csv', ',', '"'],
  ])('%s: delimiter %j, quote %j', (file, delimiter, quote) => {
    expect(detectDialect(read(file))).toMatchObject({ delimiter, quote, skipLines: 0, sepLine: false });
  });

  it('apostrophes in text, or a single-quoted value without a delimiter inside, keep the double quote', () => {
    const text = "name,note\nPat O'Brien,it's fine\nAnn Lee,'90s hits\nBob Fox,'6000'\nCid Roe,don't\n";
    expect(detectDialect(text).quote).toBe('"');
  });
});

describe("Excel's sep= line", () => {
  it.each([
    ['excel-sep-semicolon.csv', ';'],
    ['excel-sep-comma-padded.csv', ','],
    ['excel-sep-tab.tsv', '\t'],
  ])('%s: the delimiter is taken from it, and the line is skipped', (file, delimiter) => {
    expect(detectDialect(read(file))).toMatchObject({
      delimiter,
      sepLine: true,
      skipLines: 1,
      headerRows: 1,
      confidence: 1,
    });
  });

  it('wins over what the rows alone would suggest', () => {
    // Scored alone these rows are comma-delimited; the line says semicolon, as Excel would read it.
    expect(detectDialect('sep=;\na,b\n1,2\n3,4\n').delimiter).toBe(';');
  });

  it('is only a whole first line naming one supported delimiter', () => {
    expect(readSepLine('sep=;\r\nx;y')).toEqual({ delimiter: ';', length: 7 });
    expect(readSepLine('"sep=,"\nx,y')).toEqual({ delimiter: ',', length: 8 });
    expect(readSepLine('\uFEFFsep=|\nx|y')).toEqual({ delimiter: '|', length: 7 });
    expect(readSepLine('sep=#\nx#y')).toBeNull();
    expect(readSepLine('sep=;x\nx;y')).toBeNull();
    expect(readSepLine('separator,value\n;,1')).toBeNull();
    expect(readSepLine('a,b\nsep=;\n')).toBeNull();
  });
});
