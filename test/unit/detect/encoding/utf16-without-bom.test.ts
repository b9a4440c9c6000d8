import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../../src-main/services/detect/encoding/detect-encoding';
import { findUtf16Pattern } from '../../../../src-main/services/detect/encoding/utf16-without-bom';
import { HEAD_BYTES, decodeSample } from './encoding-cases';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/encoding');
const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const encode = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

// Text files in scripts other than Latin. The Japanese, Chinese and Thai notes have hardly any ASCII
// (a line feed per line, fullwidth or ideographic punctuation), so zero bytes do not give them away.
const WITH_ASCII_DELIMITERS = [
  'ja-orders.csv',
  'zh-tw-products.tsv',
  'ko-customers.csv',
  'ru-customers.csv',
  'el-customers.csv',
];
const ALMOST_NO_ASCII = ['ja-delivery-notes.txt', 'zh-addresses.csv', 'th-product-notes.txt'];
const BYTE_ORDERS = ['utf-16le', 'utf-16be'] as const;

// What the preview does with a longer file: detect on its first 64 KiB, which may end inside a character.
function head(text: string, encoding: string): Uint8Array {
  let long = text;
  while (long.length * 2 < HEAD_BYTES + 2) long += text;
  return encode(long, encoding).subarray(0, HEAD_BYTES);
}

// Deterministic pseudo-random bytes (xorshift) so the binary tests cannot flake.
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

describe('UTF-16 without a byte order mark', () => {
  it.each(BYTE_ORDERS)('reads CSVs in non-Latin scripts as %s, whole and as a 64 KiB head', (encoding) => {
    for (const name of [...WITH_ASCII_DELIMITERS, ...ALMOST_NO_ASCII]) {
      const text = fixtureText(name);
      const whole = encode(text, encoding);
      const guess = detectEncoding(whole, { isComplete: true });
      expect(guess, name).toMatchObject({ encoding, bomLength: 0 });
      expect(decodeSample(whole, guess.encoding, guess.bomLength), name).toBe(text);
      expect(guess.confidence, name).toBeGreaterThanOrEqual(0.7);
      expect(detectEncoding(head(text, encoding)).encoding, `${name} head`).toBe(encoding);
    }
  });

  it('finds Japanese, Chinese and Thai with almost no ASCII by their letters, not by zero bytes', () => {
    for (const name of ALMOST_NO_ASCII) {
      const text = fixtureText(name);
      expect(text, name).not.toMatch(/[A-Za-z0-9,;]/);
      for (const encoding of BYTE_ORDERS) {
        const pattern = findUtf16Pattern(encode(text, encoding));
        expect(pattern, `${name} ${encoding}`).toMatchObject({ encoding, evidence: 'script' });
        expect(pattern!.asciiShare).toBeLessThan(0.05);
      }
    }
    expect(findUtf16Pattern(encode(fixtureText('zh-addresses.csv'), 'utf-16le'))?.writingSystem).toBe(
      'Chinese or Japanese',
    );
    expect(findUtf16Pattern(encode(fixtureText('th-product-notes.txt'), 'utf-16be'))?.writingSystem).toBe(
      'Thai',
    );
  });

  it('reads a CSV with no Latin letter at all, only digits, commas and line feeds in ASCII', () => {
    const text = fixtureText('ja-orders.csv');
    expect(text).not.toMatch(/[A-Za-z]/);
    for (const encoding of BYTE_ORDERS)
      expect(findUtf16Pattern(encode(text, encoding))).toMatchObject({ encoding, evidence: 'ascii' });
  });

  it.each(BYTE_ORDERS)(
    'reads ICU region names as %s, delimited by commas or by nothing ASCII',
    (encoding) => {
      // Text nobody wrote for this detector: ICU's names for every region, in ten locales.
      const regionCodes = Array.from({ length: 26 * 26 }, (_, index) =>
        String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26)),
      );
      for (const locale of ['ja', 'zh', 'zh-Hant', 'ko', 'ru', 'uk', 'el', 'he', 'ar', 'th']) {
        const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
        const names = regionCodes.flatMap((code) => regions.of(code) ?? []);
        const csv = names.map((name, index) => `${index},${name}`).join('\n') + '\n';
        const bytes = encode(csv, encoding);
        expect(detectEncoding(bytes, { isComplete: true }).encoding, `${locale} CSV`).toBe(encoding);
        if (['ja', 'zh', 'zh-Hant', 'th'].includes(locale)) {
          // Eight names a line with ideographic commas: 2–3% of the units are ASCII (the line feeds).
          const lines = [];
          for (let at = 0; at < names.length; at += 8) lines.push(names.slice(at, at + 8).join('、'));
          const dense = lines.join('\n').replace(/[\u0020-\u007e]/g, '');
          expect(detectEncoding(encode(dense, encoding), { isComplete: true }).encoding, locale).toBe(
            encoding,
          );
        }
      }
    },
  );

  it('keeps surrogate pairs whole and reports a head cut inside one', () => {
    const text = '名前,好きな絵文字,漢字\n山田,😀,𠮷野家\n鈴木,🍣,𩸽の塩焼き\n';
    for (const encoding of BYTE_ORDERS) {
      const bytes = encode(text, encoding);
      const guess = detectEncoding(bytes, { isComplete: true });
      expect(guess.encoding).toBe(encoding);
      expect(decodeSample(bytes, guess.encoding, 0)).toBe(text);
      // Cut after the high surrogate of the last 𩸽.
      const cut = bytes.subarray(0, encode(text.slice(0, text.indexOf('𩸽') + 1), encoding).length);
      expect(findUtf16Pattern(cut)).toMatchObject({ encoding, endsMidCharacter: true });
      expect(detectEncoding(cut).encoding).toBe(encoding);
      expect(detectEncoding(cut, { isComplete: true }).reason).toMatch(/ends inside a character/);
    }
  });

  it('rejects a reading with an unpaired surrogate or control codes', () => {
    const lone = encode('東京都,大阪府\n', 'utf-16le');
    const broken = Uint8Array.from([...lone.subarray(0, 4), 0x00, 0xdc, ...lone.subarray(4)]);
    expect(findUtf16Pattern(broken)).toBeUndefined();
    const controls = encode('東京都,大阪府\n'.repeat(4), 'utf-16le');
    controls.set([0x01, 0x00, 0x02, 0x00], 8);
    expect(findUtf16Pattern(controls)).toBeUndefined();
  });

  it('does not take real binary files for UTF-16', () => {
    for (const name of ['noise.png', 'archive.zip', 'sample-module.pyc']) {
      const bytes = fixtureBytes(name);
      expect(findUtf16Pattern(bytes), name).toBeUndefined();
      expect(detectEncoding(bytes, { isComplete: true }).confidence, name).toBeLessThan(0.3);
    }
    for (const [length, seed] of [
      [HEAD_BYTES, 1],
      [4096, 7],
      [256, 42],
      [64, 99],
    ] as const)
      expect(findUtf16Pattern(randomBytes(length, seed)), `random ${length}`).toBeUndefined();
  });

  it('does not take 16-bit binary whose words fall in the Han block for Chinese', () => {
    // CPython 3.12 wordcode: LOAD_CONST (0x64) and BUILD_MAP (0x9C) with small arguments. Read big-endian
    // every word is a CJK ideograph (U+64xx, U+9Cxx) with no control code, no ASCII and no surrogate;
    // only the rarity of those ideographs in real text gives it away.
    const words: number[] = [];
    for (let index = 0; words.length < 8192; index++)
      words.push(0x64, index % 200, 0x64, (index * 7) % 200, index % 3 === 0 ? 0x9c : 0x64, 3);
    const wordcode = Uint8Array.from(words);
    expect(findUtf16Pattern(wordcode)).toBeUndefined();
    expect(detectEncoding(wordcode).encoding).not.toMatch(/^utf-16/);
  });

  it('does not take 16-bit audio for UTF-16', () => {
    const samples = new Int16Array(8000).map((_, index) => Math.round(6000 * Math.sin(index / 9)));
    expect(findUtf16Pattern(new Uint8Array(samples.buffer))).toBeUndefined();
  });

  it('leaves single-byte and UTF-8 text alone, in any script', () => {
    const texts: [string, string][] = [
      ['name,city,note\nJohn Smith,London,Regular customer since 2019\n'.repeat(40), 'cp1252'],
      ['Produit;Prix\nCrème de marrons;4,50\nPâté de campagne;6,20\n'.repeat(20), 'cp1252'],
      ['Jméno;Město\nJiří Dvořák;Plzeň\nEva Černá;Třebíč\n'.repeat(20), 'cp1250'],
      [fixtureText('ru-customers.csv'), 'cp1251'],
      [fixtureText('el-customers.csv'), 'cp1253'],
    ];
    for (const name of [...WITH_ASCII_DELIMITERS, ...ALMOST_NO_ASCII])
      texts.push([fixtureText(name), 'utf-8']);
    for (const [text, encoding] of texts) {
      const bytes = encode(text, encoding);
      expect(findUtf16Pattern(bytes), `${encoding}: ${text.slice(0, 20)}`).toBeUndefined();
      const guess = detectEncoding(bytes, { isComplete: true });
      expect(decodeSample(bytes, guess.encoding, guess.bomLength), `${encoding}: ${text.slice(0, 20)}`).toBe(
        text,
      );
    }
  });

  it('does not take Shift_JIS, GBK, Big5 or EUC-KR files for UTF-16', () => {
    // Not supported, but users have them; whatever they read as, it must not be UTF-16.
    const cases: [string, string][] = [
      ['ja-orders.csv', 'shift_jis'],
      ['ja-delivery-notes.txt', 'shift_jis'],
      ['zh-addresses.csv', 'gbk'],
      ['zh-tw-products.tsv', 'big5'],
      ['ko-customers.csv', 'euc-kr'],
    ];
    for (const [name, encoding] of cases) {
      const bytes = encode(fixtureText(name), encoding);
      expect(findUtf16Pattern(bytes), `${name} in ${encoding}`).toBeUndefined();
    }
  });
});
