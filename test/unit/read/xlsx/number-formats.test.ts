import { describe, expect, it } from 'vitest';
import {
  dateKindOf,
  dateKindOfCode,
  serialToText,
} from '../../../../src-main/services/read/xlsx/number-formats';

describe('which number formats show dates', () => {
  it.each([
    ['yyyy-mm-dd', 'date'],
    ['d.m.yyyy', 'date'],
    ['mmm yy', 'date'],
    ['[$-409]d\\-mmm\\-yy;@', 'date'],
    ['yyyy-mm-dd hh:mm:ss', 'datetime'],
    ['m/d/yy h:mm AM/PM', 'datetime'],
    ['hh:mm', 'time'],
    ['[h]:mm:ss', 'time'],
    ['mm:ss.0', 'time'],
  ] as const)('%s is a %s', (code, kind) => {
    expect(dateKindOfCode(code)).toBe(kind);
  });

  it.each([
    'General',
    '0.00',
    '#,##0.00 "Kč"',
    '0.00 "d."',
    '[Red]#,##0;[Blue]-#,##0',
    '0%',
    '@',
    '#,##0_);(#,##0)',
    '"Day "0',
  ])('%s is a plain number', (code) => {
    expect(dateKindOfCode(code)).toBeNull();
  });

  it('knows the built-in ids and lets a custom code win', () => {
    expect(dateKindOf(14, undefined)).toBe('date');
    expect(dateKindOf(22, undefined)).toBe('datetime');
    expect(dateKindOf(21, undefined)).toBe('time');
    expect(dateKindOf(9, undefined)).toBeNull();
    expect(dateKindOf(164, '0.00')).toBeNull();
  });
});

describe('date serials as ISO text', () => {
  it('reads the 1900 system, including the day Lotus invented', () => {
    expect(serialToText(45444, 'date', false)).toBe('2024-06-01');
    expect(serialToText(25569, 'date', false)).toBe('1970-01-01');
    expect(serialToText(61, 'date', false)).toBe('1900-03-01');
    expect(serialToText(59, 'date', false)).toBe('1900-02-28');
    expect(serialToText(1, 'date', false)).toBe('1900-01-01');
  });

  it('reads the 1904 system', () => {
    expect(serialToText(43982, 'date', true)).toBe('2024-06-01');
    expect(serialToText(0, 'date', true)).toBe('1904-01-01');
  });

  it('rounds to the millisecond, so binary fractions land on the second they mean', () => {
    // 36525.99998842592 days is 946684798999.9998 ms: truncating would say 23:59:58.999.
    expect(serialToText(36525.99998842592, 'datetime', false)).toBe('1999-12-31T23:59:59');
    expect(serialToText(45351.33333333333, 'datetime', false)).toBe('2024-02-29T08:00:00');
    expect(serialToText(45444.5 + 0.25 / 86400, 'datetime', false)).toBe('2024-06-01T12:00:00.250');
  });

  it('keeps a time of day as a time, and a date with a time as both', () => {
    expect(serialToText(0.5, 'time', false)).toBe('12:00:00');
    expect(serialToText(0.999988425925926, 'time', false)).toBe('23:59:59');
    expect(serialToText(45444.75, 'date', false)).toBe('2024-06-01T18:00:00');
  });

  it('gives no date for serials no calendar has', () => {
    expect(serialToText(-1, 'date', false)).toBeNull();
    expect(serialToText(3e6, 'date', false)).toBeNull();
    expect(serialToText(Number.NaN, 'date', false)).toBeNull();
  });
});
