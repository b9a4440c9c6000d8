import { describe, expect, it } from 'vitest';
import { ByteRecordScanner } from '../../../../src-main/services/read/csv/byte-record-scanner';
import { CsvParser } from '../../../../src-main/services/read/csv/csv-parser';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';

// Lone carriage returns end records when the dialect says so (classic Mac OS files, or a file of
// CRLF, LF and CR lines pasted together): in detection, in the preview's parser, in staging's byte
// scanner and when staged rows are read back — wherever a chunk boundary falls.

const MIXED = 'id,name,age\r\n1,Ann,30\n2,Bob,41\r3,Cid\r\n4,Dee,52,extra\n5,Eve,23\r';
const MIXED_ROWS = [
  ['id', 'name', 'age'],
  ['1', 'Ann', '30'],
  ['2', 'Bob', '41'],
  ['3', 'Cid'],
  ['4', 'Dee', '52', 'extra'],
  ['5', 'Eve', '23'],
];

/** The records and field counts the byte scanner finds, fed in pieces cut at every `step` bytes. */
function scan(text: string, step: number, loneCr: boolean): { text: string; fields: number }[] {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new ByteRecordScanner(','.charCodeAt(0), { loneCr });
  const records: { text: string; fields: number }[] = [];
  let carry = Buffer.alloc(0);
  let offset = 0; // of carry[0] in bytes
  for (let at = 0; at < bytes.length; at += step) {
    const piece = Buffer.concat([carry, bytes.subarray(at, at + step)]);
    const final = at + step >= bytes.length;
    let start = 0;
    const consumed = scanner.scan(piece, final, (end, fields) => {
      records.push({ text: piece.subarray(start, end).toString('utf8'), fields });
      start = end;
    });
    carry = piece.subarray(consumed);
    offset += consumed;
  }
  expect(offset).toBe(bytes.length);
  return records;
}

/** The rows CsvParser yields, fed in pieces of `step` characters. */
function parse(text: string, step: number, loneCr: boolean): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser(
    ',',
    { line: (line) => rows.push(line.split(',')), record: (fields) => rows.push(fields) },
    { loneCr },
  );
  for (let at = 0; at < text.length; at += step) parser.push(text.slice(at, at + step));
  parser.end();
  return rows;
}

describe('line ends', () => {
  it('detection names CR-only and mixed line ends, and a CR cut off at the end of a sample proves nothing', () => {
    expect(detectDialect('a,b\r1,2\r3,4\r').newline).toBe('\r');
    expect(detectDialect(MIXED).newline).toBe('mixed');
    expect(detectDialect('a,b\r\n1,2\r\n3,4\r\n').newline).toBe('\r\n');
    expect(detectDialect('a,b\n1,2\n3,4\n').newline).toBe('\n');
    // The head of a CRLF file cut between CR and LF.
    expect(detectDialect('a,b\r\n1,2\r\n3,4\r', { isComplete: false }).newline).toBe('\r\n');
  });

  it('the preview parser ends records at a lone CR, whatever size the pieces come in', () => {
    for (const step of [1, 2, 3, 5, 7, 1000])
      expect([step, parse(MIXED, step, true)]).toEqual([step, MIXED_ROWS]);
    expect(parseCsvText(MIXED, ',', { loneCr: true })).toEqual(MIXED_ROWS);
    // Without the option a lone CR stays inside its field, as before.
    expect(parseCsvText('a,b\r1,2\n', ',')).toEqual([['a', 'b\r1', '2']]);
  });

  it('a CR inside a quoted field stays in the value; CRLF still ends one record', () => {
    const text = 'a,b\r"x\ry",2\r\n"p\r\nq",3\r';
    expect(parseCsvText(text, ',', { loneCr: true })).toEqual([
      ['a', 'b'],
      ['x\ry', '2'],
      ['p\r\nq', '3'],
    ]);
    expect(scan(text, 1, true).map((record) => record.fields)).toEqual([2, 2, 2]);
  });

  it('the staging scanner finds the same records and field counts, at every chunk boundary', () => {
    const expected = MIXED_ROWS.map((row) => row.length);
    for (const step of [1, 2, 3, 4, 5, 6, 7, 8, 13, 1000]) {
      const records = scan(MIXED, step, true);
      expect([step, records.map((record) => record.fields)]).toEqual([step, expected]);
      // Every byte belongs to exactly one record: nothing merged, nothing dropped.
      expect(records.map((record) => record.text).join('')).toBe(MIXED);
    }
  });

  it('a CR-only file of three rows is three records, not one row too wide', () => {
    const text = 'name,city\rAnn,Brno\rBob,Praha';
    expect(scan(text, 4, true).map((record) => record.fields)).toEqual([2, 2, 2]);
    expect(parseCsvText(text, ',', { loneCr: true })).toEqual([
      ['name', 'city'],
      ['Ann', 'Brno'],
      ['Bob', 'Praha'],
    ]);
  });
});
