import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../../src-shared/values/datetime';
import type { ValueOptions } from '../../../src-shared/values/value-options';

function isoOf(raw: string, options?: ValueOptions): string {
  const result = parseDatetime(raw, options);
  if (!result.ok) throw new Error(result.reason);
  return result.value.iso;
}

function reasonOf(raw: string, options?: ValueOptions): string {
  const result = parseDatetime(raw, options);
  if (result.ok) throw new Error(`${raw} parsed as ${result.value.iso}`);
  return result.reason;
}

describe('parseDatetime: ISO 8601', () => {
  it.each([
    ['2018-8-5 12:20:25', '2018-08-05T12:20:25.000000Z'],
    ['2018-8-5t12:20:25Z', '2018-08-05T12:20:25.000000Z'],
    ['2018-8-5 12:20:25Z', '2018-08-05T12:20:25.000000Z'],
    ['2018-8-5 12:20:25.555Z', '2018-08-05T12:20:25.555000Z'],
    ['2018-08-05T12:20:25.123456Z', '2018-08-05T12:20:25.123456Z'],
    ['2018-08-05T12:20:25.123456789Z', '2018-08-05T12:20:25.123456Z'],
    ['2018-08-05T12:20', '2018-08-05T12:20:00.000000Z'],
    ['2018-08-05', '2018-08-05T00:00:00.000000Z'],
    ['2024-02-29 23:59:59', '2024-02-29T23:59:59.000000Z'],
    [' 2018-08-05 12:20:25 ', '2018-08-05T12:20:25.000000Z'],
    ['2025/04/03 10:00', '2025-04-03T10:00:00.000000Z'],
    ['0050-01-01', '0050-01-01T00:00:00.000000Z'],
  ])('reads %j in UTC as %s', (raw, iso) => {
    expect(isoOf(raw)).toBe(iso);
  });

  it.each([
    ['2024-01-01T10:00:00+02:00', '2024-01-01T08:00:00.000000Z'],
    ['2024-01-01T10:00:00+0200', '2024-01-01T08:00:00.000000Z'],
    ['2024-01-01T10:00:00-05', '2024-01-01T15:00:00.000000Z'],
    ['2024-01-01 10:00:00 -12:00', '2024-01-01T22:00:00.000000Z'],
    ['2024-01-01T00:30:00+01:00', '2023-12-31T23:30:00.000000Z'],
  ])('applies the offset in %j, whatever zone is chosen', (raw, iso) => {
    expect(isoOf(raw)).toBe(iso);
    expect(isoOf(raw, { timeZone: 'America/New_York' })).toBe(iso);
  });

  it('keeps microseconds in epoch seconds', () => {
    const result = parseDatetime('2018-08-05T12:20:25.000001Z');
    expect(result.ok && result.value.epochSeconds).toBeCloseTo(
      Date.UTC(2018, 7, 5, 12, 20, 25) / 1000 + 1e-6,
      6,
    );
  });

  it('reads padded and unpadded forms alike (the hand-written and regex paths agree)', () => {
    for (let hour = 0; hour < 24; hour += 5) {
      for (const fraction of ['', '.5', '.123456', '.1234567']) {
        const padded = `2024-03-09 ${String(hour).padStart(2, '0')}:07:08${fraction}`;
        const unpadded = `2024-3-9 ${hour}:07:08${fraction}`;
        for (const zone of ['', 'Z', '+01:30', ' -0700']) {
          expect(parseDatetime(padded + zone.trim())).toEqual(parseDatetime(unpadded + zone));
        }
      }
    }
  });

  it.each([
    ['2024-02-30', 'February 2024 has no day 30'],
    ['2023-02-29 10:00', 'February 2023 has no day 29'],
    ['2024-13-01', 'month 13 does not exist'],
    ['2024-01-01 24:00', 'hour 24 does not exist'],
    ['2024-01-01 10:60', 'minute 60 does not exist'],
    ['2024-12-31 23:59:60', 'leap seconds are not supported'],
    ['2024-01-01T10:00:00+19:00', 'impossible UTC offset +19:00'],
    ['2024-01-01T10:00:00Zx', 'is not a datetime'],
    ['yesterday', 'use ISO 8601'],
    ['0000-01-01', 'year 0 does not exist'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(reasonOf(raw)).toContain(reason);
  });
});

describe('parseDatetime: the time-zone option', () => {
  const prague = { timeZone: 'Europe/Prague' };

  it.each([
    ['2024-01-15 12:00', '2024-01-15T11:00:00.000000Z'],
    ['2024-07-15 12:00', '2024-07-15T10:00:00.000000Z'],
    ['2024-07-15', '2024-07-14T22:00:00.000000Z'],
    // The DST gap: 02:30 never happened on 31 March; read with the offset before the gap (03:30 CEST).
    ['2024-03-31 02:30:00', '2024-03-31T01:30:00.000000Z'],
    ['2024-03-31 01:59:59', '2024-03-31T00:59:59.000000Z'],
    ['2024-03-31 03:00:00', '2024-03-31T01:00:00.000000Z'],
    // The DST overlap: 02:30 happened twice on 27 October; the earlier (CEST) instant is taken.
    ['2024-10-27 02:30', '2024-10-27T00:30:00.000000Z'],
    ['2024-10-27 03:00', '2024-10-27T02:00:00.000000Z'],
    ['2024-10-27 01:59', '2024-10-26T23:59:00.000000Z'],
  ])('reads %j in Europe/Prague as %s', (raw, iso) => {
    expect(isoOf(raw, prague)).toBe(iso);
  });

  it.each([
    ['America/New_York', '2024-03-10 02:30', '2024-03-10T07:30:00.000000Z'],
    ['America/New_York', '2024-11-03 01:30', '2024-11-03T05:30:00.000000Z'],
    ['Asia/Kolkata', '2024-01-01 00:00', '2023-12-31T18:30:00.000000Z'],
    ['Australia/Lord_Howe', '2024-04-07 01:45', '2024-04-06T14:45:00.000000Z'],
    ['Etc/UTC', '2024-01-01 00:00', '2024-01-01T00:00:00.000000Z'],
  ])('in %s reads %j as %s', (timeZone, raw, iso) => {
    expect(isoOf(raw, { timeZone })).toBe(iso);
  });

  it('does not apply the zone to UNIX seconds', () => {
    expect(isoOf('1700000000', prague)).toBe('2023-11-14T22:13:20.000000Z');
  });

  it('refuses an unknown zone with its name', () => {
    expect(reasonOf('2024-01-01 10:00', { timeZone: 'Mars/Olympus' })).toContain(
      'unknown time zone "Mars/Olympus"',
    );
  });
});

describe('parseDatetime: UNIX seconds and milliseconds', () => {
  it.each([
    ['0', '1970-01-01T00:00:00.000000Z', 0],
    ['1700000000', '2023-11-14T22:13:20.000000Z', 1700000000],
    ['1700000000.5', '2023-11-14T22:13:20.500000Z', 1700000000.5],
    ['1700000000.123456', '2023-11-14T22:13:20.123456Z', 1700000000.123456],
    ['-1.5', '1969-12-31T23:59:58.500000Z', -1.5],
    ['-86400', '1969-12-31T00:00:00.000000Z', -86400],
    ['253402300799', '9999-12-31T23:59:59.000000Z', 253402300799],
  ])('reads %j as %s', (raw, iso, epochSeconds) => {
    const result = parseDatetime(raw);
    expect(result.ok && result.value.iso).toBe(iso);
    expect(result.ok && result.value.epochSeconds).toBeCloseTo(epochSeconds, 6);
  });

  it('refuses 13 digits as milliseconds, with the expected unit in the reason', () => {
    expect(reasonOf('1711843200000')).toBe(
      '"1711843200000" looks like milliseconds; Intake expects UNIX seconds ' +
        '(divide by 1000, or choose to convert milliseconds)',
    );
  });

  it.each([
    ['1711843200000', '2024-03-31T00:00:00.000000Z'],
    ['1711843200123', '2024-03-31T00:00:00.123000Z'],
    ['1711843200123.5', '2024-03-31T00:00:00.123500Z'],
  ])('converts %j when milliseconds are allowed', (raw, iso) => {
    expect(isoOf(raw, { convertMilliseconds: true })).toBe(iso);
  });

  it.each(['253402300800', '99999999999999', '1.5e9'])('refuses %j', (raw) => {
    expect(parseDatetime(raw).ok).toBe(false);
  });
});

describe('parseDatetime: day.month.year and slash dates', () => {
  it.each([
    ['28.9.1996', {}, '1996-09-28T00:00:00.000000Z'],
    ['28.9.1996 13:45', {}, '1996-09-28T13:45:00.000000Z'],
    ['28. 9. 1996 13:45:10', {}, '1996-09-28T13:45:10.000000Z'],
    ['01.06.2024', {}, '2024-06-01T00:00:00.000000Z'],
    ['13/04/2025', {}, '2025-04-13T00:00:00.000000Z'],
    ['04/13/2025', {}, '2025-04-13T00:00:00.000000Z'],
    ['04/04/2025', {}, '2025-04-04T00:00:00.000000Z'],
    ['03/04/2025', { dateOrder: 'DMY' }, '2025-04-03T00:00:00.000000Z'],
    ['03/04/2025 10:15', { dateOrder: 'MDY' }, '2025-03-04T10:15:00.000000Z'],
  ] as const)('reads %j (%j) as %s', (raw, options, iso) => {
    expect(isoOf(raw, options)).toBe(iso);
  });

  it('refuses an ambiguous slash date without an order, naming both readings', () => {
    expect(reasonOf('03/04/2025')).toBe(
      '"03/04/2025" is ambiguous: 3 April 2025 (day/month) or 4 March 2025 (month/day); choose a date order',
    );
  });

  it.each([
    ['13/04/2025', 'MDY', 'month 13 does not exist'],
    ['31.4.2024', undefined, 'April 2024 has no day 31'],
  ] as const)('refuses %j under %s', (raw, dateOrder, reason) => {
    expect(reasonOf(raw, { dateOrder })).toContain(reason);
  });
});
