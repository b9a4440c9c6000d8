import { describe, expect, it } from 'vitest';
import { parsePlainDecimal } from '../../../../src-main/services/read/xlsx/csv-sheet-writer';

// Dates are read from their serial's digits without a string; the value must be the very double
// Number() reads, or a date could land a millisecond off.

describe('reading a serial from its digits', () => {
  const read = (text: string) => parsePlainDecimal(Buffer.from(`<v>${text}</v>`), 3, 3 + text.length);

  it('gives exactly what Number() gives, for a million serials of every shape', () => {
    let state = 20_261_206;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 1_000_000; i++) {
      const value = random() * 80_000;
      // Up to 15 significant digits, as Excel writes them, and the 17-digit forms it also writes.
      const text = i % 3 === 0 ? String(value) : value.toPrecision(1 + (i % 15));
      expect(read(text)).toBe(Number(text));
    }
  });

  it('reads integers, leading zeros and a trailing point, and hands anything else to Number()', () => {
    expect(read('45444')).toBe(45444);
    expect(read('0.5')).toBe(0.5);
    expect(read('45444.')).toBe(45444);
    expect(read('4.5444E4')).toBe(45444);
    expect(read('-1')).toBe(-1);
    expect(read('')).toBeNaN();
  });
});
