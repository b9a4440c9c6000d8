import { describe, expect, it } from 'vitest';
import {
  formatIsoUtc,
  MAX_EPOCH_SECONDS,
  MIN_EPOCH_SECONDS,
  timeValue,
} from '../../../src-shared/values/civil-time';

describe('formatIsoUtc', () => {
  it('agrees with Date#toISOString across years 1 to 9999', () => {
    const step = Math.floor((MAX_EPOCH_SECONDS - MIN_EPOCH_SECONDS) / 20_011);
    for (let seconds = MIN_EPOCH_SECONDS; seconds <= MAX_EPOCH_SECONDS; seconds += step) {
      expect(formatIsoUtc(seconds, 0)).toBe(new Date(seconds * 1000).toISOString().replace('Z', '000Z'));
    }
  });

  it.each([
    [0, 0, '1970-01-01T00:00:00.000000Z'],
    [-1, 999_999, '1969-12-31T23:59:59.999999Z'],
    [951_782_400, 1, '2000-02-29T00:00:00.000001Z'],
    [1_700_000_000, 120_450, '2023-11-14T22:13:20.120450Z'],
    [MAX_EPOCH_SECONDS, 0, '9999-12-31T23:59:59.000000Z'],
    [MIN_EPOCH_SECONDS, 0, '0001-01-01T00:00:00.000000Z'],
  ])('writes %d s + %d µs as %s', (seconds, microsecond, iso) => {
    expect(formatIsoUtc(seconds, microsecond)).toBe(iso);
  });

  it('refuses instants outside years 1 to 9999', () => {
    expect(timeValue(MAX_EPOCH_SECONDS + 1, 0)).toBeNull();
    expect(timeValue(MIN_EPOCH_SECONDS - 1, 0)).toBeNull();
  });
});
