import { describe, expect, it } from 'vitest';
import { normalizeSchedule, ScheduleSchema } from '../../../src-shared/schemas/schedule';

function messagesOf(value: unknown): string[] {
  const parsed = ScheduleSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('ScheduleSchema', () => {
  it('accepts each kind of rule', () => {
    for (const rule of [
      { kind: 'once', at: '2028-02-29T23:59' },
      { kind: 'daily', times: ['00:00', '23:59'] },
      { kind: 'weekly', days: ['sun'], time: '12:00' },
      { kind: 'monthly', days: [1, 31, 'last'], time: '00:00' },
    ]) {
      expect(messagesOf({ rule, timeZone: 'America/New_York', until: '2028-12-31' })).toEqual([]);
    }
  });

  it('refuses keys it does not know, so a typo never passes silently', () => {
    expect(
      ScheduleSchema.safeParse({
        rule: { kind: 'daily', times: ['07:00'], day: 'mon' },
        timeZone: 'UTC',
        until: null,
      }).success,
    ).toBe(false);
    expect(
      ScheduleSchema.safeParse({
        rule: { kind: 'daily', times: ['07:00'] },
        timeZone: 'UTC',
        until: null,
        every: 2,
      }).success,
    ).toBe(false);
  });

  it('refuses a fractional day of the month and an empty list', () => {
    expect(
      messagesOf({ rule: { kind: 'monthly', days: [1.5], time: '02:00' }, timeZone: 'UTC', until: null }),
    ).toEqual(['"1.5" is not a day of the month (1–31 or last).']);
    expect(
      messagesOf({ rule: { kind: 'weekly', days: [], time: '02:00' }, timeZone: 'UTC', until: null }),
    ).toEqual(['A weekly schedule needs at least one day.']);
  });

  it('refuses a zone Intl does not know and an until that is not a calendar date', () => {
    expect(
      messagesOf({ rule: { kind: 'daily', times: ['07:00'] }, timeZone: '+01:00', until: '2027-02-29' }),
    ).toEqual([
      '"+01:00" is not an IANA time zone (e.g. Europe/Prague, UTC).',
      '"2027-02-29" is not a date (YYYY-MM-DD): February 2027 has no day 29.',
    ]);
  });
});

describe('normalizeSchedule', () => {
  it('sorts and dedupes each list into reading order', () => {
    const base = { timeZone: 'UTC', until: null };
    expect(
      normalizeSchedule({ ...base, rule: { kind: 'daily', times: ['18:00', '06:00', '18:00'] } }).rule,
    ).toEqual({
      kind: 'daily',
      times: ['06:00', '18:00'],
    });
    expect(
      normalizeSchedule({ ...base, rule: { kind: 'weekly', days: ['sun', 'mon', 'fri'], time: '07:00' } })
        .rule,
    ).toEqual({ kind: 'weekly', days: ['mon', 'fri', 'sun'], time: '07:00' });
    expect(
      normalizeSchedule({ ...base, rule: { kind: 'monthly', days: ['last', 15, 2, 15], time: '07:00' } })
        .rule,
    ).toEqual({ kind: 'monthly', days: [2, 15, 'last'], time: '07:00' });
  });
});
