import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src-shared/values/date';

describe('parseDate', () => {
  it.each([
    ['2018-08-05', {}, '2018-08-05', '2018-08-05T00:00:00.000000Z'],
    ['2018-8-5', {}, '2018-08-05', '2018-08-05T00:00:00.000000Z'],
    ['28.9.1996', {}, '1996-09-28', '1996-09-28T00:00:00.000000Z'],
    ['28. 9. 1996', {}, '1996-09-28', '1996-09-28T00:00:00.000000Z'],
    ['2018-08-05 00:00:00', {}, '2018-08-05', '2018-08-05T00:00:00.000000Z'],
    ['2018-08-05', { timeZone: 'Europe/Prague' }, '2018-08-05', '2018-08-04T22:00:00.000000Z'],
    ['03/04/2025', { dateOrder: 'MDY' }, '2025-03-04', '2025-03-04T00:00:00.000000Z'],
    ['0099-12-31', {}, '0099-12-31', '0099-12-31T00:00:00.000000Z'],
  ] as const)('reads %j (%j) as %s at midnight', (raw, options, date, iso) => {
    const result = parseDate(raw, options);
    expect(result.ok && { date: result.value.date, iso: result.value.iso }).toEqual({ date, iso });
  });

  it('gives the same instant as a datetime would for a date alone (date only means midnight)', () => {
    const date = parseDate('2024-07-15', { timeZone: 'America/New_York' });
    expect(date.ok && date.value.epochSeconds).toBe(Date.UTC(2024, 6, 15, 4) / 1000);
  });

  it.each([
    ['2018-08-05 10:00', 'has a time of day: choose datetime'],
    ['2018-08-05T00:00:00Z', 'has a time of day'],
    ['1700000000', 'for UNIX timestamps choose datetime'],
    ['5 May 2024', 'use YYYY-MM-DD'],
    ['03/04/2025', 'is ambiguous'],
    ['2023-02-29', 'February 2023 has no day 29'],
  ])('refuses %j: %s', (raw, reason) => {
    const result = parseDate(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
