import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../../src-main/services/detect/encoding/detect-encoding';
import { decodeSample } from './encoding-cases';

const encode = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

// A file whose only non-ASCII letters are š, ž, Š, Ž: cp1250 puts them at 0x9A 0x9E 0x8A 0x8E,
// iso-8859-2 at 0xB9 0xBE 0xA9 0xAE.
const SH_ZH_ONLY =
  'Jmeno;Mesto;Poznamka\r\nMiloš Rezek;Benešov;Bez poznamky\r\nBožena Sokol;Žatec;Zakaznik od 2019\r\nLukaš Šebek;Plzen;Posta\r\n';

// Deterministic pseudo-random bytes (a linear congruential generator) so the junk test cannot flake.
function junk(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

describe('detectEncoding edge cases', () => {
  it('answers UTF-8 with no confidence for an empty sample', () => {
    expect(detectEncoding(new Uint8Array(0))).toMatchObject({
      encoding: 'utf-8',
      bomLength: 0,
      confidence: 0,
    });
  });

  it('reads pure ASCII as UTF-8, fully sure only when the sample is the whole file', () => {
    const ascii = encode('id,name,city\r\n1,John Smith,London\r\n', 'utf-8');
    const head = detectEncoding(ascii);
    const whole = detectEncoding(ascii, { isComplete: true });
    expect(head).toMatchObject({ encoding: 'utf-8', bomLength: 0 });
    expect(whole).toMatchObject({ encoding: 'utf-8', confidence: 1 });
    expect(head.confidence).toBeLessThan(whole.confidence);
    expect(head.reason).toMatch(/ASCII/);
  });

  it.each([
    ['utf-8', [0xef, 0xbb, 0xbf]],
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('recognises a %s byte order mark on its own', (encoding, bom) => {
    const guess = detectEncoding(Uint8Array.from(bom), { isComplete: true });
    expect(guess).toMatchObject({ encoding, bomLength: bom.length, confidence: 1 });
    expect(guess.reason).toMatch(/byte order mark/);
  });

  it('keeps UTF-8 cut inside a character as UTF-8 in a head sample, and says so for a whole file', () => {
    const bytes = encode('Příliš žluťoučký kůň úpěl ďábelské ódy', 'utf-8');
    // Keep the lead byte of the last multi-byte character (ó) and drop its continuation byte.
    const cut = bytes.subarray(0, bytes.findLastIndex((byte) => byte >= 0xc0) + 1);
    expect(cut.at(-1)).toBeGreaterThanOrEqual(0xc0);
    const head = detectEncoding(cut);
    const whole = detectEncoding(cut, { isComplete: true });
    expect(head.encoding).toBe('utf-8');
    expect(whole.encoding).toBe('utf-8');
    expect(whole.confidence).toBeLessThan(head.confidence);
    expect(whole.reason).toMatch(/ends inside a character/);
  });

  it('treats a lone cut lead byte as UTF-8 only while more of the file may follow', () => {
    const bytes = Uint8Array.from([...encode('name,city\nJan,Brno\nAl', 'utf-8'), 0xc5]);
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
    expect(detectEncoding(bytes, { isComplete: true }).encoding).not.toMatch(/^utf-/);
  });

  it.each(['utf-16le', 'utf-16be'] as const)(
    'finds %s without a byte order mark, even cut mid-unit',
    (encoding) => {
      for (const text of [
        'Имя,Город\r\nИван Петров,Москва\r\n',
        'name,city\r\nJohn,London\r\n',
        'Όνομα;Πόλη\nΓιώργος;Αθήνα\n',
      ]) {
        const bytes = encode(text, encoding);
        expect(detectEncoding(bytes, { isComplete: true })).toMatchObject({ encoding, bomLength: 0 });
        expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe(encoding);
      }
    },
  );

  it('reads š and ž at 0x9A/0x9E as Windows-1250, not ISO-8859-2', () => {
    const bytes = encode(SH_ZH_ONLY, 'cp1250');
    expect([...bytes]).toEqual(expect.arrayContaining([0x9a, 0x9e, 0x8a, 0x8e]));
    const guess = detectEncoding(bytes, { isComplete: true });
    expect(guess.encoding).toBe('cp1250');
    expect(decodeSample(bytes, guess.encoding, guess.bomLength)).toBe(SH_ZH_ONLY);
  });

  it('reads š and ž at 0xB9/0xBE as ISO-8859-2, not Windows-1250', () => {
    const bytes = encode(SH_ZH_ONLY, 'iso-8859-2');
    expect([...bytes]).toEqual(expect.arrayContaining([0xb9, 0xbe, 0xa9, 0xae]));
    const guess = detectEncoding(bytes, { isComplete: true });
    expect(guess.encoding).toBe('iso-8859-2');
    expect(decodeSample(bytes, guess.encoding, guess.bomLength)).toBe(SH_ZH_ONLY);
  });

  it('reads € and curly quotes (0x80, 0x93, 0x94) as Windows-1252, not Latin-1', () => {
    const text = 'product,price,note\r\nCafé crème,"3,50 €",“bestseller”\r\nCroissant,"1,20 €",fresh\r\n';
    const bytes = encode(text, 'cp1252');
    expect([...bytes]).toEqual(expect.arrayContaining([0x80, 0x93, 0x94]));
    const guess = detectEncoding(bytes, { isComplete: true });
    expect(guess.encoding).toBe('cp1252');
    expect(guess.reason).toMatch(/Windows-1252/);
  });

  it('names the tie when no byte tells Windows-1252 from Latin-1', () => {
    const guess = detectEncoding(encode('Name;Ort\nJürgen Müller;München\nKäthe Groß;Köln\n', 'latin1'), {
      isComplete: true,
    });
    expect(guess.encoding).toBe('cp1252');
    expect(guess.reason).toMatch(/ISO-8859-1/);
  });

  it('survives binary junk with a low confidence', () => {
    for (const [length, seed] of [
      [65536, 1],
      [4096, 7],
      [100, 42],
    ] as const) {
      const guess = detectEncoding(junk(length, seed));
      expect(guess.confidence, `junk of ${length} bytes`).toBeLessThan(0.3);
    }
    const pngHeader = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0,
    ]);
    expect(detectEncoding(pngHeader).confidence).toBeLessThan(0.3);
  });
});
