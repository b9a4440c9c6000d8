import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';
import { fixtureBytes, fixtureText, stageAndReadBack } from './read-like-staging';

// Issue 17, class 4 in the reader: single-quote quoting and a space before a quoted field, read
// the same by the preview's parser and by staging (scanner, then each chunk re-read).

const CASES = [
  {
    file: 'single-quoted-comma.csv',
    delimiter: ',',
    quote: "'" as const,
    rows: [
      ['id', 'name', 'city', 'amount'],
      ['1', 'Lee, Ann', 'Brno', '10.50'],
      ['2', 'Fox, Bob', 'Praha', '7.25'],
      ['3', "O'Brien, Pat", 'Cork', '3.00'],
      ['4', 'Roe', 'Plzen', '12.00'],
      ['5', 'Ray, Eve', 'Liberec', '1.25'],
    ],
  },
  {
    file: 'single-quoted-semicolon.csv',
    delimiter: ';',
    quote: "'" as const,
    rows: [
      ['Kunde', 'Ort', 'Betrag'],
      ['Müller; Hans', 'Bonn', '12,50'],
      ['Schmidt; Anna', 'Köln', '7,20'],
      ['Weber; Karl', 'Bonn', '3,10'],
    ],
  },
  {
    file: 'space-before-quote.csv',
    delimiter: ',',
    quote: '"' as const,
    rows: [
      ['id', ' name', ' amount', ' note'],
      ['1', 'Lee, Ann', ' 10.50', 'first, paid'],
      ['2', 'Fox, Bob', ' 7.25', 'second'],
      ['3', 'Roe, Cid', ' 3.00', 'third, late'],
      ['4', 'Ray, Eve', ' 12.00', 'fourth'],
    ],
  },
];

describe('quoting and spacing (real bytes)', () => {
  for (const { file, delimiter, quote, rows } of CASES) {
    it(`${file}: read with quote ${quote}`, () => {
      expect(parseCsvText(fixtureText(file), delimiter, { quote })).toEqual(rows);
    });

    it(`${file}: staging cuts and re-reads the same records at every piece size`, () => {
      for (const step of [1, 2, 5, 4096]) {
        const staged = stageAndReadBack(fixtureBytes(file), { delimiter, step, scanner: { quote } });
        expect([step, staged.rows]).toEqual([step, rows]);
        expect(staged.fieldCounts).toEqual(rows.map((row) => row.length));
      }
    });
  }

  it('read with the double quote, single-quoted cells keep their quotes and split at their delimiters', () => {
    expect(parseCsvText(fixtureText('single-quoted-comma.csv'), ',')[1]).toEqual([
      '1',
      "'Lee",
      " Ann'",
      'Brno',
      '10.50',
    ]);
  });
});
