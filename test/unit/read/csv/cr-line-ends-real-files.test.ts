import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';
import { previewFile } from '../../../../src-main/services/preview/preview-source';
import { endsOnLoneCr, type Encoding, type Newline } from '../../../../src-shared/model/dialect';
import { fixtureBytes, fixtureText, REAL_WORLD, stageAndReadBack } from './read-like-staging';

// Issue 17, class 1: files whose records end in a lone CR (classic Mac OS exports) or in CR CR LF
// (a CRLF file converted once more). Each is read whole by detection, the preview's parser and
// staging's byte scanner, and quoted fields keep the CR or CRLF they hold.

interface Case {
  file: string;
  encoding: Encoding;
  delimiter: string;
  newline: Newline;
  rows: string[][];
}

const CASES: Case[] = [
  {
    file: 'cr-mac-excel-comma.csv',
    encoding: 'cp1252',
    delimiter: ',',
    newline: '\r',
    rows: [
      ['Client', 'Address', 'Amount', 'Date'],
      ['René Dupont', '12 rue de la Paix\rParis', '120.50', '2011-03-04'],
      ['Zoë Smith', '1 Main St, Apt 2', '75.00', '2011-03-05'],
      ['Müller GmbH', 'Hauptstr. 5\r\n10115 Berlin', '1999.99', '2011-03-06'],
      ['Ana López', 'Calle Mayor 3', '12.00', '2011-03-07'],
    ],
  },
  {
    file: 'cr-mac-semicolon.csv',
    encoding: 'utf-8',
    delimiter: ';',
    newline: '\r',
    rows: [
      ['Artikel', 'Menge', 'Preis', 'Lager'],
      ['Schraube M4', '100', '0,12', 'A-1'],
      ['Mutter; verzinkt', '250', '0,08', 'A-2'],
      ['Dübel 6mm', '75', '0,05', 'B-1'],
      ['Winkel', '12', '1,45', 'B-3'],
      ['Haken', '30', '0,95', 'C-2'],
    ],
  },
  {
    file: 'cr-mac-tab.tsv',
    encoding: 'utf-8',
    delimiter: '\t',
    newline: '\r',
    rows: [
      ['id', 'name', 'score', 'note'],
      ['1', 'Ann', '9.5', ''],
      ['2', 'Bob', '7.25', 'late'],
      ['3', 'Cid', '8', ''],
      ['4', 'Dee', '6.75', 'ok'],
    ],
  },
  {
    file: 'cr-cr-lf-double-converted.csv',
    encoding: 'utf-8',
    delimiter: ',',
    newline: 'mixed',
    rows: [
      ['sku', 'qty', 'price'],
      ['A-100', '3', '9.99'],
      ['B-200', '10', '1.50'],
      ['C-300', '1', '120.00'],
      ['D-400', '7', '3.25'],
    ],
  },
];

describe('CR-only and CR CR LF files (real bytes)', () => {
  for (const { file, encoding, delimiter, newline, rows } of CASES) {
    it(`${file}: detection names ${JSON.stringify(newline)} and ${JSON.stringify(delimiter)}`, () => {
      const guess = detectDialect(fixtureText(file, encoding));
      expect(guess).toMatchObject({ delimiter, newline });
    });

    it(`${file}: the preview's parser reads ${rows.length} records, quoted CR and CRLF kept`, () => {
      const parsed = parseCsvText(fixtureText(file, encoding), delimiter, { loneCr: endsOnLoneCr(newline) });
      expect(parsed).toEqual(rows);
    });

    it(`${file}: staging finds the same records at every piece size, and reads them back the same`, () => {
      for (const step of [1, 2, 3, 5, 8, 64, 4096]) {
        const staged = stageAndReadBack(fixtureBytes(file), {
          delimiter,
          encoding,
          step,
          scanner: { loneCr: endsOnLoneCr(newline) },
        });
        expect([step, staged.rows]).toEqual([step, rows]);
        expect(staged.fieldCounts).toEqual(rows.map((row) => row.length));
      }
    });
  }

  it('previews each file with its header and every row, none ragged', async () => {
    for (const { file, rows } of CASES) {
      const preview = await previewFile(`${REAL_WORLD}/${file}`);
      expect([file, preview.header, preview.rows]).toEqual([file, rows[0], rows.slice(1)]);
      expect(preview.issues.filter((issue) => issue.code === 'ragged-rows')).toEqual([]);
    }
  });

  it('a CR-only file longer than the detection sample still splits into records', () => {
    const lines = ['name,amount,when'];
    for (let i = 0; i < 5000; i++)
      lines.push(`Customer ${i},${i}.25,2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
    const text = lines.join('\r');
    const head = text.slice(0, 64 * 1024);
    expect(detectDialect(head, { isComplete: false })).toMatchObject({ delimiter: ',', newline: '\r' });
    expect(parseCsvText(text, ',', { loneCr: true })).toHaveLength(5001);
  });
});
