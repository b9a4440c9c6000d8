import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../../src-shared/errors';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { RawLinesAt } from '../../../src-shared/model/raw-lines';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { readRawLines } from '../../../src-main/services/preview/raw-lines';
import { makeTempDir } from '../../support/temp-dir';

// The raw view over real files: written in an encoding, read back through the file connector and
// the decoder. Where a test starts from an error, the error is the preview's own (its row, or its
// line and column), and the line expected is found independently in the text that was written.

const temp = makeTempDir();
afterAll(() => temp.remove());

function write(name: string, bytes: Buffer): string {
  const path = join(temp.dir, name);
  writeFileSync(path, bytes);
  return path;
}

function raw(path: string, at: RawLinesAt, overrides: DialectOverrides = {}, around = 5) {
  return readRawLines({ spec: { kind: 'file', path }, overrides, at, around, workspaceDir: '' });
}

/** The preview's failure under these overrides: the coded error the wizard starts from. */
async function previewError(path: string, overrides: DialectOverrides): Promise<IntakeError> {
  const error = await previewFile(path, overrides).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(IntakeError);
  return error as IntakeError;
}

/** 1-based number of the first line of `text` (split at CRLF, LF) that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split(/\r?\n/).findIndex((line) => line.includes(needle)) + 1;
}

/**
 * A report export: a title line and a blank line before the header, a value spanning two lines,
 * blank lines between rows — so row numbers and line numbers differ — and a quote never closed.
 */
const REPORT = [
  'Customers export',
  '',
  'id,name,note',
  '1,Dvořák,"first line',
  'second line"',
  '2,Nováková,ok',
  '',
  '3,Šťastný,ok',
  '4,"Kuře,never closed',
  '5,Žák,ok',
  '6,Čermák,ok',
].join('\r\n');

describe('raw lines around a CSV parse error', () => {
  it('finds the row the strict reader refused on its line, with a BOM and CRLF line ends', async () => {
    const path = write(
      'report.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT + '\r\n')]),
    );
    const error = await previewError(path, { lenientQuotes: false, skipLines: 2 });
    expect(error.code).toBe('PARSE');
    const row = error.details?.row as number;
    const lines = await raw(path, { row }, { lenientQuotes: false, skipLines: 2 });
    const expected = lineOf(REPORT, '"Kuře');
    expect(expected).toBe(9);
    expect(lines.target).toBe(expected);
    expect(lines.row).toBe(row);
    // Row and line part ways: the two-line value and the blank line come before it.
    expect(row).not.toBe(expected);
    const target = lines.lines.find((line) => line.number === lines.target)!;
    expect(target.text).toBe('4,"Kuře,never closed');
    // The BOM is not text of line 1, and no CR is left at a line's end.
    expect(lines.lines.map((line) => line.number)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(lines.lines.every((line) => !line.text.endsWith('\r'))).toBe(true);
    expect(lines.totalLines).toBe(11);
    expect(lines.dialect).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      skipLines: 2,
      lenientQuotes: false,
    });
  });

  it('reads a cp1250 file with its own encoding, letters intact', async () => {
    const path = write('report-cp1250.csv', iconv.encode(REPORT.replaceAll('\r\n', '\n') + '\n', 'cp1250'));
    const overrides: DialectOverrides = { lenientQuotes: false, skipLines: 2 };
    const error = await previewError(path, overrides);
    const lines = await raw(path, { row: error.details?.row as number }, overrides, 2);
    expect(lines.dialect.encoding).toBe('cp1250');
    expect(lines.target).toBe(9);
    expect(lines.lines.map((line) => `${line.number}:${line.text}`)).toEqual([
      '7:',
      '8:3,Šťastný,ok',
      '9:4,"Kuře,never closed',
      '10:5,Žák,ok',
      '11:6,Čermák,ok',
    ]);
    // Read as UTF-8 on purpose, the same bytes show replacement characters: the encoding is used.
    const wrong = await raw(path, { line: 9 }, { ...overrides, encoding: 'utf-8' }, 0);
    expect(wrong.lines[0]!.text).toContain('\uFFFD');
  });

  it('numbers UTF-16 lines as the text has them', async () => {
    const text = REPORT + '\r\n';
    const path = write(
      'report-utf16.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]),
    );
    const lines = await raw(path, { line: 9 }, {}, 1);
    expect(lines.dialect.encoding).toBe('utf-16le');
    expect(lines.lines.map((line) => line.text)).toEqual([
      '3,Šťastný,ok',
      '4,"Kuře,never closed',
      '5,Žák,ok',
    ]);
  });

  it('finds the rows a lenient reading named for stray quotes', async () => {
    const path = write('report-lenient.csv', Buffer.from(REPORT + '\r\n'));
    const preview = await previewFile(path, { skipLines: 2 });
    const stray = preview.issues.find((issue) => issue.code === 'stray-quotes');
    expect(stray?.rows).toHaveLength(1);
    const lines = await raw(path, { row: stray!.rows![0]! }, { skipLines: 2 }, 0);
    expect(lines.lines).toEqual([{ number: 9, text: '4,"Kuře,never closed', cutBefore: 0, cutAfter: 0 }]);
  });

  it('names a row inside the skipped lines by its line', async () => {
    const path = write('report-preamble.csv', Buffer.from(REPORT));
    const lines = await raw(path, { row: 1 }, { skipLines: 2 }, 1);
    expect(lines.target).toBe(1);
    expect(lines.lines.map((line) => line.text)).toEqual(['Customers export', '']);
  });
});

describe('raw lines around an XML parse error', () => {
  it('shows the lines around the line and column the parser named', async () => {
    const lines = ['<?xml version="1.0"?>', '<customers>'];
    for (let id = 1; id <= 12; id++) lines.push(`  <customer><id>${id}</id><name>n${id}</name></customer>`);
    lines[8] = '  <customer><id>7</id><name>n7</nmae></customer>';
    lines.push('</customers>');
    const text = lines.join('\r\n') + '\r\n';
    const path = write('customers.xml', Buffer.from(text));
    const error = await previewError(path, {});
    expect(error.code).toBe('PARSE');
    const { line, column } = error.details as { line: number; column: number };
    expect(line).toBe(lineOf(text, '</nmae>'));
    const view = await raw(path, { line, column });
    expect(view.format).toBe('xml');
    expect(view.target).toBe(9);
    expect(view.lines.map((entry) => entry.number)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const target = view.lines.find((entry) => entry.number === 9)!.text;
    expect(target).toBe(lines[8]);
    expect(target.slice(0, column)).toContain('</nmae');
  });

  it('keeps the column in view on a one-line document', async () => {
    const records = Array.from({ length: 400 }, (_, i) => `<r><id>${i}</id></r>`);
    records[300] = '<r><id>300</di></r>';
    const text = `<?xml version="1.0"?><rows>${records.join('')}</rows>`;
    const path = write('one-line.xml', Buffer.from(text));
    const error = await previewError(path, {});
    const { line, column } = error.details as { line: number; column: number };
    expect(line).toBe(1);
    const view = await raw(path, { line, column }, {}, 0);
    const shown = view.lines[0]!;
    expect(shown.text).toContain('<id>300</di>');
    expect(shown.cutBefore).toBeGreaterThan(0);
    expect(text.slice(shown.cutBefore, shown.cutBefore + shown.text.length)).toBe(shown.text);
  });
});

describe('raw lines read only as far as they show', () => {
  // 40 MB of rows: a line near the start costs a read or two, one far in costs what lies before it.
  const ROWS = 400_000;
  const row = (n: number) => `${n},customer-${String(n).padStart(7, '0')},${'x'.repeat(70)}`;
  let path = '';
  const size = () => statSync(path).size;

  it('reads a line near the start of a large file in a few MB', async () => {
    path = write(
      'large.csv',
      Buffer.from(Array.from({ length: ROWS }, (_, i) => row(i + 1)).join('\n') + '\n'),
    );
    expect(size()).toBeGreaterThan(35_000_000);
    const view = await raw(path, { line: 100 });
    expect(view.lines.find((line) => line.number === 100)!.text).toBe(row(100));
    expect(view.totalLines).toBeNull();
    expect(view.bytesRead).toBeLessThan(4 * 1024 * 1024);
  });

  it('reads up to a line far in, not past it', async () => {
    const line = 300_000;
    let before = 0;
    for (let n = 1; n <= line; n++) before += row(n).length + 1;
    const view = await raw(path, { line }, {}, 5);
    expect(view.lines.find((entry) => entry.number === line)!.text).toBe(row(line));
    expect(view.bytesRead).toBeGreaterThanOrEqual(before);
    expect(view.bytesRead).toBeLessThan(before + 4 * 1024 * 1024);
    expect(view.bytesRead).toBeLessThan(size());
  });

  it('finds a row far in by parsing, within the same bound', async () => {
    const view = await raw(path, { row: 250_000 }, { hasHeader: false }, 0);
    expect(view.lines).toEqual([{ number: 250_000, text: row(250_000), cutBefore: 0, cutAfter: 0 }]);
    expect(view.bytesRead).toBeLessThan(size());
  });
});
