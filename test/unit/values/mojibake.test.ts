import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mayBeMojibake, repairMojibake } from '../../../src-shared/values/mojibake';

// Mojibake made the way it happens: UTF-8 bytes decoded as Windows-1252 — once, or twice — and the
// doctor's repair compared with the original text. Windows decodes the five bytes 1252 leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) as the C1 controls of the same number; iconv-lite makes
// them U+FFFD, which loses the byte, and the doctor then leaves the value alone (tested below).

const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const garble = (text: string, times = 1): string => {
  let out = text;
  for (let i = 0; i < times; i++) {
    out = [...Buffer.from(out, 'utf8')]
      .map((byte) =>
        UNDEFINED_IN_1252.has(byte) ? String.fromCharCode(byte) : iconv.decode(Buffer.of(byte), 'cp1252'),
      )
      .join('');
  }
  return out;
};

describe('repairMojibake', () => {
  it.each([
    'Café',
    'it’s “quoted” — with dashes…',
    'Příjmení, Jméno',
    'Müller & Söhne',
    'Łódź, Kraków',
    'señor niño',
    'Prix : 12 €',
    'Ελληνικά',
    'Привет',
    '日本語のテキスト',
  ])('repairs %j garbled once', (text) => {
    const garbled = garble(text);
    expect(garbled).not.toBe(text);
    expect(repairMojibake(garbled)).toBe(text);
  });

  it.each(['Café', 'Příjmení', 'it’s'])('repairs %j garbled twice', (text) => {
    expect(repairMojibake(garble(text, 2))).toBe(text);
  });

  it.each([
    'Café',
    'SÃO PAULO',
    'naïve façade',
    'plain ascii',
    'Ã alone',
    '',
    'Â½ cup? no: "Â" then a space',
    '5 €',
  ])('leaves %j alone (not mojibake, or not repairable)', (text) => {
    expect(repairMojibake(text)).toBeNull();
  });

  it('leaves a value alone when a byte was lost to U+FFFD on the way (never a guess)', () => {
    const lossy = iconv.decode(Buffer.from('it’s “quoted”', 'utf8'), 'cp1252');
    expect(lossy).toContain('\uFFFD');
    expect(repairMojibake(lossy)).toBeNull();
  });

  it('tells suspects cheaply and exactly', () => {
    expect(mayBeMojibake(garble('Café'))).toBe(true);
    expect(mayBeMojibake('Café')).toBe(false);
    expect(mayBeMojibake('SÃO PAULO')).toBe(false);
  });
});
