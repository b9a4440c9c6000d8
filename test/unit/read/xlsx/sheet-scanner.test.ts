import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CsvSheetWriter } from '../../../../src-main/services/read/xlsx/csv-sheet-writer';
import {
  cellContext,
  openWorkbook,
  type Workbook,
} from '../../../../src-main/services/read/xlsx/open-workbook';
import { SheetScanner } from '../../../../src-main/services/read/xlsx/sheet-scanner';
import { readSharedStrings } from '../../../../src-main/services/read/xlsx/shared-strings';
import { openZipPackage } from '../../../../src-main/services/read/xlsx/zip-package';
import { Readable } from 'node:stream';

// The sheet and shared-strings readers take inflated bytes in whatever pieces zlib hands over: a
// tag, an attribute, a value or a multi-byte character cut anywhere must read the same.

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../fixtures/xlsx/${name}`, import.meta.url));

/** The CSV a sheet's bytes give when pushed in pieces of `size` bytes. */
async function csvOf(
  workbook: Workbook,
  sheetXml: Buffer,
  size: number,
  stringsXml: Buffer | null,
): Promise<string> {
  const strings = stringsXml
    ? await readSharedStrings(Readable.from(pieces(stringsXml, size)), stringsXml.length, 'test')
    : null;
  let csv = '';
  const writer = new CsvSheetWriter(
    cellContext(workbook, strings),
    { skipRows: 0, headerRows: 1, width: 13 },
    { rows: (data) => (csv += data.toString('utf8')), ragged: () => undefined, rowNumber: () => undefined },
    'test',
    3,
  );
  const scanner = new SheetScanner(writer, 'test');
  for (const piece of pieces(sheetXml, size)) {
    scanner.push(piece);
    writer.flush(false);
  }
  scanner.end();
  writer.flush(true);
  return csv;
}

function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(Buffer.from(bytes.subarray(at, at + size)));
  return out;
}

describe('reading sheet bytes cut anywhere', () => {
  it.each(['typed.xlsx', 'shared-strings-after-sheet.xlsx', 'odd-package.xlsx'])(
    '%s reads the same in pieces of 1 to 4096 bytes',
    async (name) => {
      const workbook = await openWorkbook({ path: fixture(name) }, name);
      const zip = await openZipPackage({ path: fixture(name) }, name);
      try {
        const sheet = workbook.info.sheets[0]!;
        const read = (part: string) => zip.read(part, 1 << 24);
        const sheetXml = await read(sheet.part);
        const stringsXml = workbook.info.sharedStrings ? await read(workbook.info.sharedStrings) : null;
        const whole = await csvOf(workbook, sheetXml, sheetXml.length, stringsXml);
        expect(whole.split('\n').length).toBeGreaterThan(3);
        for (const size of [1, 2, 3, 5, 7, 13, 64, 4096]) {
          expect(await csvOf(workbook, sheetXml, size, stringsXml), `pieces of ${size}`).toBe(whole);
        }
      } finally {
        workbook.close();
        zip.close();
      }
    },
  );

  it('says where a sheet is cut short', () => {
    const scanner = new SheetScanner(
      { cellBytes: () => undefined, cellText: () => undefined, rowEnd: () => true },
      '"cut.xlsx" (sheet "Data")',
    );
    scanner.push(
      Buffer.from('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"><v'),
    );
    expect(() => scanner.end()).toThrow(
      '"cut.xlsx" (sheet "Data") is cut short: the sheet ends inside row 2.',
    );
  });
});
