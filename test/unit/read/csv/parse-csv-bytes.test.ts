import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../../../src-main/services/read/csv/parse-csv-bytes';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';
import { decodeBytes } from '../../../../src-main/services/read/decode';
import { seededRandom } from '../../../support/seeded-random';

// Staged UTF-8 chunks are parsed as Latin-1 and only non-ASCII cells decoded (parse-csv-bytes);
// invalid UTF-8 is decoded first. The rows must be exactly those of decoding the whole chunk first.

/** Pieces a field is made of: ASCII, 2-, 3- and 4-byte characters, then broken sequences. */
const VALID_PIECES = 8;
const PIECES: number[][] = [
  [...Buffer.from('abc')],
  [...Buffer.from('1.5')],
  [...Buffer.from(' ')],
  [...Buffer.from('Novák')],
  [...Buffer.from('à')], // C3 A0: a Latin-1 reading has U+00A0 (no-break space) in it
  [...Buffer.from('…')], // E2 80 A6: U+0085 (next line) in a Latin-1 reading
  [...Buffer.from('€')],
  [...Buffer.from('\u{1F600}')],
  [0x80], // a lone continuation byte
  [0xc3], // a truncated 2-byte character
  [0xe2, 0x82], // a truncated 3-byte character
  [0xf0, 0x9f, 0x98], // a truncated 4-byte character
  [0xc0, 0xaf], // an overlong slash
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xff],
];

function randomCsv(seed: number, delimiter: string, quote: string, broken: boolean): Uint8Array {
  const random = seededRandom(seed);
  const kinds = broken ? PIECES : PIECES.slice(0, VALID_PIECES);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const bytes: number[] = [];
  const push = (text: string) => bytes.push(...Buffer.from(text));
  for (let row = 0; row < 60; row++) {
    const fields = 1 + Math.floor(random() * 5);
    for (let f = 0; f < fields; f++) {
      if (f > 0) push(delimiter);
      const quoted = random() < 0.4;
      if (quoted) push(quote);
      const pieces = Math.floor(random() * 4);
      for (let p = 0; p < pieces; p++) {
        const roll = random();
        // Inside quotes: delimiters, line breaks and doubled quotes too.
        if (quoted && roll < 0.1) push(pick([delimiter, '\n', '\r\n', quote + quote]));
        else if (!quoted && roll < 0.03)
          push(quote); // a stray quote (lenient reading)
        else bytes.push(...pick(kinds));
      }
      if (quoted) push(quote);
    }
    push(pick(['\n', '\r\n', '\r']));
  }
  return Uint8Array.from(bytes);
}

const decodeWhole = (bytes: Uint8Array) => decodeBytes(bytes, 'utf-8');

describe('parseCsvBytes', () => {
  it.each<[string, '"' | "'", boolean]>([
    [',', '"', false],
    [';', '"', true],
    ['\t', "'", false],
    ['|', '"', true],
  ])(
    'reads UTF-8, broken sequences included, as decoding first would (%j, quote %j, lone CR %s)',
    (delimiter, quote, loneCr) => {
      for (let seed = 1; seed <= 80; seed++) {
        // Half valid UTF-8 (parsed as Latin-1), half with broken sequences (decoded first).
        const bytes = randomCsv(seed, delimiter, quote, seed % 2 === 0);
        const options = { quote, loneCr, lenientQuotes: true };
        const expected = parseCsvText(decodeWhole(bytes), delimiter, options);
        expect(parseCsvBytes(bytes, 'utf-8', delimiter, options), `seed ${seed}`).toEqual(expected);
      }
    },
  );

  it('does not join broken sequences on both sides of a closing quote into one character', () => {
    // The parser keeps text written after a closing quote: "x\xE2" then \x82\xAC.
    const bytes = Uint8Array.from([0x22, 0x78, 0xe2, 0x22, 0x82, 0xac, 0x2c, 0x62, 0x0a]);
    const rows = parseCsvBytes(bytes, 'utf-8', ',', { quote: '"', lenientQuotes: true });
    expect(rows).toEqual(parseCsvText(decodeWhole(bytes), ',', { quote: '"', lenientQuotes: true }));
    expect(rows[0]![0]).toBe('x\ufffd\ufffd\ufffd');
  });

  it('keeps a U+FEFF that starts a chunk (a file’s own BOM is skipped before): it is data', () => {
    const bytes = Buffer.from('\ufeff"a",b\n');
    expect(parseCsvBytes(bytes, 'utf-8', ',', { quote: '"' })).toEqual([['\ufeff"a"', 'b']]);
    expect(parseCsvText(decodeWhole(bytes), ',', { quote: '"' })).toEqual([['\ufeff"a"', 'b']]);
  });

  it('gives the cells that are all ASCII as they are, and decodes the others', () => {
    const rows = parseCsvBytes(Buffer.from('c1,"Tea towel, lněný",88.55\n'), 'utf-8', ',', { quote: '"' });
    expect(rows).toEqual([['c1', 'Tea towel, lněný', '88.55']]);
  });

  it('decodes first when the delimiter is not ASCII (its bytes could sit inside a character)', () => {
    const bytes = Buffer.from('a§b§"c§d"\nš§ž§x\n');
    const rows = parseCsvBytes(bytes, 'utf-8', '§', { quote: '"' });
    expect(rows).toEqual([
      ['a', 'b', 'c§d'],
      ['š', 'ž', 'x'],
    ]);
  });

  it('decodes other encodings as before', () => {
    const bytes = Buffer.from([0x9a, 0x2c, 0x9e, 0x0a]); // "š,ž" in windows-1250
    expect(parseCsvBytes(bytes, 'cp1250', ',', { quote: '"' })).toEqual([['š', 'ž']]);
  });
});
