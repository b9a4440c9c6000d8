import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  displayLocale,
  formatCount,
  formatDate,
  formatDateTime,
  formatDateTimeIn,
  formatNumber,
  formatRange,
  formatSize,
  formatTypedValue,
  setDisplayLocales,
} from '../../../src-renderer/components/format';

// The renderer's one formatting module, with explicit locales. Node has full ICU, as Chromium does.
// Local times are read in Prague (UTC+1 in December), set through TZ, which Node applies at once.

/** Spaces as plain spaces: ICU versions differ in which no-break space goes before PM or between digit groups. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
let zone: string | undefined;
beforeEach(() => {
  zone = process.env.TZ;
  process.env.TZ = 'Europe/Prague';
});
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
  setDisplayLocales([], []);
});

/** Each locale's rendering of one call. */
const inEach = (format: () => string) =>
  Object.fromEntries(
    ['cs-CZ', 'en-GB', 'en-US', 'de-DE'].map((locale) => {
      setDisplayLocales([locale]);
      return [locale, plain(format())];
    }),
  );

describe('the renderer’s formatting in the user’s locale', () => {
  it('writes a stored timestamp as local date and time in each locale’s order', () => {
    // 13:05:09 UTC is 14:05:09 in Prague; the microseconds the host keeps do not stop the parse.
    expect(inEach(() => formatDateTime('2026-12-06T13:05:09.123456Z'))).toEqual({
      'cs-CZ': '6. 12. 2026 14:05:09',
      'en-GB': '06/12/2026, 14:05:09',
      'en-US': '12/6/2026, 02:05:09 PM',
      'de-DE': '6.12.2026, 14:05:09',
    });
    setDisplayLocales(['cs-CZ']);
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('writes a date attribute as that calendar day, in any time zone', () => {
    expect(inEach(() => formatDate('2026-12-06'))).toEqual({
      'cs-CZ': '6. 12. 2026',
      'en-GB': '06/12/2026',
      'en-US': '12/6/2026',
      'de-DE': '6.12.2026',
    });
    // West of UTC, midnight UTC is the evening before: a date must not move there.
    process.env.TZ = 'America/Los_Angeles';
    setDisplayLocales(['de-DE']);
    expect(formatDate('2026-01-01')).toBe('1.1.2026');
    // Years below 100 stay themselves; days the calendar lacks are shown as stored.
    expect(formatDate('0042-03-04')).toBe('4.3.42');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('6.12.2026')).toBe('6.12.2026');
  });

  it('writes counts grouped, stored numbers in full with the locale’s decimal separator, sizes too', () => {
    expect(inEach(() => formatCount(1234567))).toEqual({
      'cs-CZ': '1 234 567',
      'en-GB': '1,234,567',
      'en-US': '1,234,567',
      'de-DE': '1.234.567',
    });
    expect(inEach(() => formatNumber(2995.74))).toEqual({
      'cs-CZ': '2995,74',
      'en-GB': '2995.74',
      'en-US': '2995.74',
      'de-DE': '2995,74',
    });
    setDisplayLocales(['cs-CZ']);
    // Every digit a double holds, no rounding to three decimals; codes and years ungrouped.
    expect(formatNumber(0.1 + 0.2)).toBe('0,30000000000000004');
    expect(formatNumber(-12345678)).toBe('-12345678');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatSize(800)).toBe('800 bytes');
    expect(plain(formatRange(50, 50, 12345))).toBe('51–100 of 12 345');
  });

  it('writes a schedule’s next run in its zone, with the weekday', () => {
    // 09:00 UTC is 10:00 in Prague and 04:00 in New York, whatever the computer's zone.
    setDisplayLocales(['en-GB']);
    expect(formatDateTimeIn('2026-12-06T09:00:00.000Z', 'Europe/Prague')).toBe('Sun, 06/12/2026, 10:00');
    expect(formatDateTimeIn('2026-12-06T09:00:00.000Z', 'America/New_York')).toBe('Sun, 06/12/2026, 04:00');
    setDisplayLocales(['cs-CZ']);
    expect(formatDateTimeIn('2026-12-06T09:00:00.000Z', 'Europe/Prague')).toBe('ne 6. 12. 2026 10:00');
  });

  it('formats attribute values by their type, and leaves other values to be shown as stored', () => {
    setDisplayLocales(['cs-CZ']);
    expect(formatTypedValue('date', '2026-12-06')).toBe('6. 12. 2026');
    expect(formatTypedValue('datetime', '2026-12-06T13:05:09.000Z')).toBe('6. 12. 2026 14:05:09');
    expect(formatTypedValue('number', 2995.74)).toBe('2995,74');
    expect(formatTypedValue('text', '2026-12-06')).toBeNull();
    expect(formatTypedValue('boolean', true)).toBeNull();
    // A value without the type's shape (an older import's text in a number attribute).
    expect(formatTypedValue('number', '12,5')).toBeNull();
  });

  it('uses the host’s locales, else the browser’s, skipping tags Intl refuses', () => {
    setDisplayLocales(['cs-CZ', 'en-US'], ['de-DE']);
    expect(displayLocale()).toBe('cs-CZ');
    // The web host reports none: the browser's languages are the user's.
    setDisplayLocales([], ['de-DE', 'en-US']);
    expect(displayLocale()).toBe('de-DE');
    expect(formatDate('2026-12-06')).toBe('6.12.2026');
    setDisplayLocales(['en_US.UTF-8', 'en-GB']);
    expect(displayLocale()).toBe('en-GB');
  });
});
