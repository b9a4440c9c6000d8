import { describe, expect, it } from 'vitest';
import { isoDaysAfter, timeMicros } from '../../../src-main/services/destinations/workspace/processing-time';
import { parseValue } from '../../../src-shared/values/parse-value';
import type { TimeValue } from '../../../src-shared/values/civil-time';

const time = (raw: string) => {
  const parsed = parseValue('datetime', raw);
  if (!parsed.ok || !parsed.value) throw new Error(raw);
  return parsed.value as TimeValue;
};

describe('timeMicros', () => {
  it('gives exact epoch microseconds, including before 1970', () => {
    expect(timeMicros(time('2024-03-01T10:00:00.123456Z'))).toBe(1709287200123456);
    expect(timeMicros(time('1969-12-31T23:59:59.999999Z'))).toBe(-1);
  });

  it('keeps microseconds far from 1970, where a double cannot, as a bigint', () => {
    expect(timeMicros(time('9999-12-31T23:59:59.999999Z'))).toBe(253402300799999999n);
    expect(timeMicros(time('0001-01-01T00:00:00.000001Z'))).toBe(-62135596799999999n);
  });
});

describe('isoDaysAfter', () => {
  it('adds whole days to a processing time', () => {
    expect(isoDaysAfter(Date.UTC(2026, 0, 15), 90)).toBe('2026-04-15T00:00:00.000Z');
  });
});
