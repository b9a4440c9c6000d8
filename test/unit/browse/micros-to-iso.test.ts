import { describe, expect, it } from 'vitest';
import { microsToIso, optionalMicrosToIso } from '../../../src-main/services/browse/micros-to-iso';
import { T0_US } from './support';

describe('microsToIso', () => {
  it('writes UTC with all six fraction digits', () => {
    expect(microsToIso(T0_US + 123_456)).toBe('2026-11-23T10:00:00.123456Z');
    expect(microsToIso(T0_US + 7)).toBe('2026-11-23T10:00:00.000007Z');
    expect(microsToIso(T0_US)).toBe('2026-11-23T10:00:00.000000Z');
  });

  it('keeps the fraction positive before 1970', () => {
    expect(microsToIso(-1)).toBe('1969-12-31T23:59:59.999999Z');
    expect(microsToIso(-1_500_000n)).toBe('1969-12-31T23:59:58.500000Z');
  });

  it('is exact beyond the range a double holds microseconds in', () => {
    // 9999-12-31T23:59:59.999999Z: more than 2^53 microseconds, so only a bigint carries it exactly.
    expect(microsToIso(253_402_300_799_999_999n)).toBe('9999-12-31T23:59:59.999999Z');
    expect(microsToIso(-62_135_596_800_000_000n + 1n)).toBe('0001-01-01T00:00:00.000001Z');
  });

  it('passes a missing time through as null', () => {
    expect(optionalMicrosToIso(null)).toBeNull();
    expect(optionalMicrosToIso(BigInt(T0_US))).toBe('2026-11-23T10:00:00.000000Z');
  });
});
