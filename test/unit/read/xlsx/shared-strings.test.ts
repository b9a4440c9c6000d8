import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSharedStrings, SharedStrings } from '../../../../src-main/services/read/xlsx/shared-strings';

// Shared strings are kept as the CSV fields they become. A first version kept a "needs quotes" flag
// that stopped growing with the offsets, so strings 2048, 4096, 8192… lost their quotes and a
// "Novák, Jan" was staged as two fields: every string here is checked, across many growths.

describe('shared strings kept as CSV fields', () => {
  it('quotes every string that needs it, however many there are', () => {
    const strings = new SharedStrings();
    const texts = Array.from({ length: 20_000 }, (_, i) =>
      i % 3 === 0 ? `Novák, Jan ${i}` : i % 3 === 1 ? `say "hi" ${i}` : `plain ${i}`,
    );
    for (const text of texts) strings.appendText(text);
    expect(strings.size).toBe(texts.length);
    texts.forEach((text, i) => {
      const field = strings.buffer().toString('utf8', strings.start(i), strings.end(i));
      const expected = /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
      expect(field, `string ${i}`).toBe(expected);
      expect(strings.text(i), `string ${i}`).toBe(text);
    });
  });

  it('reads the part with the fast path and the rich path alike, and stops early when asked', async () => {
    const items = Array.from({ length: 5_000 }, (_, i) =>
      i % 2 === 0
        ? `<si><t>a, ${i}</t></si>`
        : `<si><r><t>b</t></r><r><t xml:space="preserve"> ${i}</t></r></si>`,
    );
    const xml = Buffer.from(`<?xml version="1.0"?><sst xmlns="x" count="5000">${items.join('')}</sst>`);
    const pieces = Array.from({ length: Math.ceil(xml.length / 777) }, (_, i) =>
      xml.subarray(i * 777, i * 777 + 777),
    );
    const all = await readSharedStrings(Readable.from(pieces), xml.length, 'test');
    expect(all.size).toBe(5_000);
    expect(all.text(4_096)).toBe('a, 4096');
    expect(all.text(4_097)).toBe('b 4097');
    const some = await readSharedStrings(Readable.from(pieces), xml.length, 'test', 10);
    expect(some.size).toBeGreaterThan(10);
    expect(some.size).toBeLessThan(5_000);
  });
});
