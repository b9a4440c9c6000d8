import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';
import { ByteRecordScanner } from '../../../../src-main/services/read/csv/byte-record-scanner';
import { strayQuotesMessage, type StrayQuotes } from '../../../../src-main/services/read/csv/csv-parser';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';
import { MAX_QUOTED_LINE_ENDS } from '../../../../src-main/services/read/csv/quoted-field';
import type { Encoding } from '../../../../src-shared/model/dialect';
import { fixtureBytes, fixtureText, stageAndReadBack } from './read-like-staging';

// Issue 17, class 2: one unbalanced quote used to make a whole file "Unterminated quote" (or
// swallow the rows up to the next quote). Read leniently, as spreadsheets do, the stray quote is
// text, every other row is read as written, and the rows it touched are named; strictly (the
// dialect bar's switch) the file is refused as before, naming the row and field.

interface Case {
  file: string;
  encoding: Encoding;
  delimiter: string;
  rows: string[][];
  strayRows: number[];
}

const CASES: Case[] = [
  {
    file: 'stray-quote-never-closed.csv',
    encoding: 'utf-8',
    delimiter: ',',
    rows: [
      ['sku', 'description', 'price'],
      ['M-24', '24" monitor', '199.00'],
      ['R-12', '12" steel ruler', '4.50'],
      // Closed on its own line with text glued after it: read as spreadsheets read it.
      ['B-01', 'Best seller pack', '12.00'],
      ['C-77', '"Cable 2m', '3.99'],
      ['H-05', 'HDMI adapter', '7.49'],
      ['K-10', 'Keyboard', '24.90'],
    ],
    strayRows: [5],
  },
  {
    file: 'stray-quote-pairs-later.csv',
    encoding: 'utf-8',
    delimiter: ',',
    rows: [
      ['id', 'name', 'city', 'amount'],
      ['1', 'Ann Lee', 'Brno', '10.50'],
      ['2', '"Bob', 'Praha', '7.25'],
      ['3', 'Cid Roe', 'Ostrava', '3.00'],
      ['4', 'Dee Fox', 'Plzen', '12.00'],
      ['5', 'Smith, J', 'Olomouc', '8.75'],
      ['6', 'Eve Ray', 'Liberec', '1.25'],
    ],
    strayRows: [3],
  },
  {
    file: 'stray-quote-semicolon-cp1252.csv',
    encoding: 'cp1252',
    delimiter: ';',
    rows: [
      ['Kunde', 'Straße', 'Betrag', 'Notiz'],
      ['Müller', 'Hauptstraße 5', '12,50', 'ok'],
      ['Schäfer', 'Am "Alten" Markt 3', '7,20', ''],
      ['Weiß', 'Gartenweg 9', '3,10', '"dringend'],
      ['Groß', 'Lindenallee 1', '99,00', 'bezahlt'],
    ],
    strayRows: [4],
  },
  {
    file: 'quoted-multiline-notes.csv',
    encoding: 'utf-8',
    delimiter: ',',
    rows: [
      ['ticket', 'status', 'note'],
      ['T-1', 'open', 'Customer called twice.\nWants a refund, not a voucher.'],
      ['T-2', 'closed', 'Resolved'],
      ['T-3', 'open', 'Line one\nLine two, with a comma\nLine three'],
      ['T-4', 'closed', 'done'],
    ],
    strayRows: [],
  },
];

describe('stray quotes, read leniently (real bytes)', () => {
  for (const { file, encoding, delimiter, rows, strayRows } of CASES) {
    it(`${file}: every row as written, stray rows ${JSON.stringify(strayRows)} named`, () => {
      let strays: StrayQuotes | undefined;
      const parsed = parseCsvText(fixtureText(file, encoding), delimiter, {
        onStrayQuotes: (found) => (strays = found),
      });
      expect(parsed).toEqual(rows);
      expect(strays).toEqual({ count: strayRows.length, rows: strayRows });
    });

    it(`${file}: staging cuts the same records at every piece size and reads them back the same`, () => {
      for (const step of [1, 2, 3, 7, 16, 4096]) {
        for (const perChunk of [1, 2, 3]) {
          const staged = stageAndReadBack(fixtureBytes(file), { delimiter, encoding, step, perChunk });
          expect([step, perChunk, staged.rows]).toEqual([step, perChunk, rows]);
          expect(staged.fieldCounts).toEqual(rows.map((row) => row.length));
        }
      }
    });

    it(`${file}: detection still finds ${JSON.stringify(delimiter)}`, () => {
      expect(detectDialect(fixtureText(file, encoding)).delimiter).toBe(delimiter);
    });
  }

  it('the staging scanner counts the rows it read a stray quote in', () => {
    const scanner = new ByteRecordScanner(44);
    scanner.scan(fixtureBytes('stray-quote-pairs-later.csv'), true, () => undefined);
    expect(scanner.strayQuoteCount).toBe(1);
    expect(scanner.recordCount).toBe(7);
  });

  it('a space before a quoted field is not a stray: `a, "b, c"` reads as the quoted field', () => {
    expect(parseCsvText('id, name, city\n1, "Lee, Ann", Brno\n2, "Fox, Dee" , Plzen\n', ',')).toEqual([
      ['id', ' name', ' city'],
      ['1', 'Lee, Ann', ' Brno'],
      ['2', 'Fox, Dee ', ' Plzen'],
    ]);
    // Spaces then a quote that does not close cleanly: the field is text as written.
    expect(parseCsvText('a,b\n1, "x" y\n', ',')).toEqual([
      ['a', 'b'],
      ['1', ' "x" y'],
    ]);
  });

  it('with the header width known, a quoted field that runs into the next line and makes the row too long is a stray', () => {
    const text = 'a,b,c\n1,2,"three\n4,5",6\n7,8,9\n';
    const lenient = [
      ['a', 'b', 'c'],
      ['1', '2', '"three'],
      ['4', '5"', '6'],
      ['7', '8', '9'],
    ];
    expect(parseCsvText(text, ',', { expectedFields: 3 })).toEqual(lenient);
    for (const [step, perChunk] of [
      [1, 1],
      [3, 2],
      [5, 4],
      [100, 4],
    ] as const) {
      const staged = stageAndReadBack(Buffer.from(text), {
        delimiter: ',',
        step,
        perChunk,
        scanner: { expectedFields: 3 },
      });
      // The dataset reader must be given the width too: then both read the same records.
      expect(staged.fieldCounts).toEqual([3, 3, 3, 3]);
      expect(staged.rows).toEqual(lenient);
    }
    // Without the width, the quote closes cleanly and is kept: a four-field row, reported as ragged.
    expect(parseCsvText(text, ',')[1]).toEqual(['1', '2', 'three\n4,5', '6']);
  });

  it('a quote left open over more than the line-end bound is a stray, and staging does not hold the file meanwhile', () => {
    const body = Array.from({ length: MAX_QUOTED_LINE_ENDS + 500 }, (_, i) => `${i},row ${i}`);
    const text = `id,name\n1,"open\n${body.join('\n')}\nlast,"closed"\n`;
    const rows = parseCsvText(text, ',');
    expect(rows[1]).toEqual(['1', '"open']);
    expect(rows).toHaveLength(2 + body.length + 1);
    // Staging in 4 KiB pieces has emitted records long before the end of the bytes.
    const bytes = Buffer.from(text);
    const scanner = new ByteRecordScanner(44);
    let carried = 0;
    let offset = 0;
    let emittedBeforeEnd = 0;
    let carry: Buffer = Buffer.alloc(0);
    for (let at = 0; at < bytes.length; at += 4096) {
      const piece = Buffer.concat([carry, bytes.subarray(at, at + 4096)]);
      const final = at + 4096 >= bytes.length;
      const consumed = scanner.scan(piece, final, () => {
        if (!final) emittedBeforeEnd += 1;
      });
      carry = piece.subarray(consumed);
      carried = Math.max(carried, carry.length);
      offset += consumed;
    }
    expect(offset).toBe(bytes.length);
    expect(emittedBeforeEnd).toBeGreaterThan(body.length / 2);
    expect(carried).toBeLessThan(bytes.length / 2);
  });
});

describe('strict quotes (the dialect bar switched lenient reading off)', () => {
  it('the parser refuses a quote never closed, naming row and field', () => {
    const text = fixtureText('stray-quote-never-closed.csv');
    expect(() => parseCsvText(text, ',', { lenientQuotes: false })).toThrow(
      /Unterminated quote: the quoted field that starts in row 5, field 2 is never closed/,
    );
  });

  it('the staging scanner refuses it too, naming the same row and field', () => {
    const scanner = new ByteRecordScanner(44, { lenientQuotes: false });
    expect(() => scanner.scan(fixtureBytes('stray-quote-never-closed.csv'), true, () => undefined)).toThrow(
      expect.objectContaining({ code: 'PARSE', details: { row: 5, field: 2 } }),
    );
  });

  it('strictly, a quote pairs with the next one across lines, as RFC 4180 says', () => {
    const rows = parseCsvText(fixtureText('stray-quote-pairs-later.csv'), ',', { lenientQuotes: false });
    // Rows 3 to 6 become one record: the quote of "Smith, J" closes Bob's, and the rest splits anew.
    expect(rows).toHaveLength(4);
    expect(rows[2]).toEqual([
      '2',
      'Bob,Praha,7.25\r\n3,Cid Roe,Ostrava,3.00\r\n4,Dee Fox,Plzen,12.00\r\n5,Smith',
      ' J"',
      'Olomouc',
      '8.75',
    ]);
    // Strictly, a space before a quote is part of the field.
    expect(parseCsvText('a,b\n1, "x,y"\n', ',', { lenientQuotes: false })).toEqual([
      ['a', 'b'],
      ['1', ' "x', 'y"'],
    ]);
  });
});

describe('the stray-quote warning', () => {
  it('names the rows, says how many more, and says how to refuse such files', () => {
    expect(strayQuotesMessage({ count: 1, rows: [5] })).toBe(
      'A quote (") that never closes properly was read as text in 1 row: row 5. Check those values; to refuse such files instead, untick "Read stray quotes as text" in the dialect bar.',
    );
    expect(strayQuotesMessage({ count: 1200, rows: [3, 9] })).toMatch(/in 1,200 rows: row 3, row 9, …\./);
  });
});
