import { describe, expect, it } from 'vitest';
import type { Schedule, ScheduleRule } from '../../../src-shared/model/schedule';
import { nextDue, nextDueTimes } from '../../../src-main/services/schedule/next-due';

// 2027 transitions: Prague springs forward 28 Mar 02:00 → 03:00 and falls back 31 Oct 03:00 → 02:00;
// New York springs forward 14 Mar 02:00 → 03:00 and falls back 7 Nov 02:00 → 01:00.
// Every expectation below is a UTC instant worked out by hand from those offsets.

function schedule(rule: ScheduleRule, timeZone = 'UTC', until: string | null = null): Schedule {
  return { rule, timeZone, until };
}

function dueIso(subject: Schedule, from: string, count: number): string[] {
  return nextDueTimes(subject, new Date(from), count).map((instant) => instant.toISOString());
}

describe('nextDue: once', () => {
  const once = schedule({ kind: 'once', at: '2027-01-05T09:30' }, 'Europe/Prague');

  it('is due at the wall time in its zone', () => {
    expect(nextDue(once, new Date('2027-01-01T00:00:00Z'))).toEqual(new Date('2027-01-05T08:30:00Z'));
  });

  it('is never due again once its instant has come', () => {
    expect(nextDue(once, new Date('2027-01-05T08:30:00Z'))).toBeNull();
    expect(nextDue(once, new Date('2030-01-01T00:00:00Z'))).toBeNull();
  });

  it('yields a single time however many are asked for', () => {
    expect(dueIso(once, '2027-01-01T00:00:00Z', 5)).toEqual(['2027-01-05T08:30:00.000Z']);
  });

  it.each([
    ['Europe/Prague', '2027-03-28T02:30', '2027-03-28T01:00:00.000Z'],
    ['America/New_York', '2027-03-14T02:30', '2027-03-14T07:00:00.000Z'],
  ])('in %s runs a time skipped by spring-forward (%s) when the gap ends', (zone, at, iso) => {
    expect(
      nextDue(schedule({ kind: 'once', at }, zone), new Date('2027-01-01T00:00:00Z'))?.toISOString(),
    ).toBe(iso);
  });

  it.each([
    ['Europe/Prague', '2027-10-31T02:30', '2027-10-31T00:30:00.000Z'],
    ['America/New_York', '2027-11-07T01:30', '2027-11-07T05:30:00.000Z'],
  ])('in %s runs a time repeated by fall-back (%s) at its first occurrence', (zone, at, iso) => {
    expect(
      nextDue(schedule({ kind: 'once', at }, zone), new Date('2027-01-01T00:00:00Z'))?.toISOString(),
    ).toBe(iso);
  });

  it('runs on its until date but not after it', () => {
    const rule: ScheduleRule = { kind: 'once', at: '2027-01-05T23:30' };
    const onTheDay = schedule(rule, 'America/New_York', '2027-01-05');
    const dayBefore = schedule(rule, 'America/New_York', '2027-01-04');
    expect(nextDue(onTheDay, new Date('2027-01-01T00:00:00Z'))).toEqual(new Date('2027-01-06T04:30:00Z'));
    expect(nextDue(dayBefore, new Date('2027-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('nextDue: daily', () => {
  it('runs every day at the wall time in its zone', () => {
    const daily = schedule({ kind: 'daily', times: ['07:00'] }, 'Europe/Prague');
    expect(dueIso(daily, '2027-01-05T12:00:00Z', 2)).toEqual([
      '2027-01-06T06:00:00.000Z',
      '2027-01-07T06:00:00.000Z',
    ]);
  });

  it('runs several times a day in time order, whatever order they are listed in', () => {
    const daily = schedule({ kind: 'daily', times: ['18:00', '06:00', '12:30'] });
    expect(dueIso(daily, '2027-01-05T00:00:00Z', 4)).toEqual([
      '2027-01-05T06:00:00.000Z',
      '2027-01-05T12:30:00.000Z',
      '2027-01-05T18:00:00.000Z',
      '2027-01-06T06:00:00.000Z',
    ]);
  });

  it('is due strictly after the given instant', () => {
    const daily = schedule({ kind: 'daily', times: ['07:30'] });
    expect(nextDue(daily, new Date('2027-01-01T07:29:59.999Z'))).toEqual(new Date('2027-01-01T07:30:00Z'));
    expect(nextDue(daily, new Date('2027-01-01T07:30:00Z'))).toEqual(new Date('2027-01-02T07:30:00Z'));
    expect(nextDue(daily, new Date('2027-01-01T07:30:00.500Z'))).toEqual(new Date('2027-01-02T07:30:00Z'));
  });

  it('in Prague runs 02:30 at 03:00 on the spring-forward day', () => {
    const daily = schedule({ kind: 'daily', times: ['02:30'] }, 'Europe/Prague');
    expect(dueIso(daily, '2027-03-27T00:00:00Z', 3)).toEqual([
      '2027-03-27T01:30:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
  });

  it('in Prague runs 02:30 once, at its first occurrence, on the fall-back day', () => {
    const daily = schedule({ kind: 'daily', times: ['02:30'] }, 'Europe/Prague');
    expect(dueIso(daily, '2027-10-30T00:00:00Z', 3)).toEqual([
      '2027-10-30T00:30:00.000Z',
      '2027-10-31T00:30:00.000Z',
      '2027-11-01T01:30:00.000Z',
    ]);
  });

  it('in New York runs 02:30 at 03:00 on the spring-forward day', () => {
    const daily = schedule({ kind: 'daily', times: ['02:30'] }, 'America/New_York');
    expect(dueIso(daily, '2027-03-13T00:00:00Z', 3)).toEqual([
      '2027-03-13T07:30:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-15T06:30:00.000Z',
    ]);
  });

  it('in New York runs 01:30 once on the fall-back day, though 01:00–02:00 happens twice', () => {
    const daily = schedule({ kind: 'daily', times: ['01:30'] }, 'America/New_York');
    expect(dueIso(daily, '2027-11-06T00:00:00Z', 3)).toEqual([
      '2027-11-06T05:30:00.000Z',
      '2027-11-07T05:30:00.000Z',
      '2027-11-08T06:30:00.000Z',
    ]);
    // Between the two 01:30s, and just before the second: the repeat is not due.
    expect(nextDue(daily, new Date('2027-11-07T06:00:00Z'))).toEqual(new Date('2027-11-08T06:30:00Z'));
    expect(nextDue(daily, new Date('2027-11-07T06:29:00Z'))).toEqual(new Date('2027-11-08T06:30:00Z'));
  });

  it('runs once when a skipped time and the end of the gap meet', () => {
    const daily = schedule({ kind: 'daily', times: ['02:30', '03:00'] }, 'Europe/Prague');
    expect(dueIso(daily, '2027-03-28T00:00:00Z', 3)).toEqual([
      '2027-03-28T01:00:00.000Z',
      '2027-03-29T00:30:00.000Z',
      '2027-03-29T01:00:00.000Z',
    ]);
  });
});

describe('nextDue: weekly', () => {
  it('runs on the listed days only', () => {
    // 1 Jan 2027 is a Friday.
    const weekly = schedule({ kind: 'weekly', days: ['mon', 'wed', 'fri'], time: '07:30' });
    expect(dueIso(weekly, '2027-01-01T00:00:00Z', 4)).toEqual([
      '2027-01-01T07:30:00.000Z',
      '2027-01-04T07:30:00.000Z',
      '2027-01-06T07:30:00.000Z',
      '2027-01-08T07:30:00.000Z',
    ]);
  });

  it('runs on weekends, Sunday included', () => {
    const weekly = schedule({ kind: 'weekly', days: ['sun', 'sat'], time: '09:00' }, 'Europe/Prague');
    expect(dueIso(weekly, '2027-01-01T00:00:00Z', 3)).toEqual([
      '2027-01-02T08:00:00.000Z',
      '2027-01-03T08:00:00.000Z',
      '2027-01-09T08:00:00.000Z',
    ]);
  });

  it('runs every day when all seven are listed', () => {
    const weekly = schedule({
      kind: 'weekly',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      time: '12:00',
    });
    expect(dueIso(weekly, '2027-01-01T00:00:00Z', 3)).toEqual([
      '2027-01-01T12:00:00.000Z',
      '2027-01-02T12:00:00.000Z',
      '2027-01-03T12:00:00.000Z',
    ]);
  });

  it('in Prague moves a Sunday 02:30 to 03:00 on the spring-forward Sunday', () => {
    const weekly = schedule({ kind: 'weekly', days: ['sun'], time: '02:30' }, 'Europe/Prague');
    expect(dueIso(weekly, '2027-03-20T00:00:00Z', 3)).toEqual([
      '2027-03-21T01:30:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-04-04T00:30:00.000Z',
    ]);
  });

  it('in New York runs a Sunday 01:30 once on the fall-back Sunday', () => {
    const weekly = schedule({ kind: 'weekly', days: ['sun'], time: '01:30' }, 'America/New_York');
    expect(dueIso(weekly, '2027-11-01T00:00:00Z', 2)).toEqual([
      '2027-11-07T05:30:00.000Z',
      '2027-11-14T06:30:00.000Z',
    ]);
  });
});

describe('nextDue: monthly', () => {
  it('runs on the listed days and never on other days of the week', () => {
    const monthly = schedule({ kind: 'monthly', days: [1], time: '09:00' });
    expect(dueIso(monthly, '2027-01-01T12:00:00Z', 3)).toEqual([
      '2027-02-01T09:00:00.000Z',
      '2027-03-01T09:00:00.000Z',
      '2027-04-01T09:00:00.000Z',
    ]);
  });

  it('runs on the 1st, 15th and last day across February 2027 (28 days)', () => {
    const monthly = schedule({ kind: 'monthly', days: [1, 15, 'last'], time: '02:00' });
    expect(dueIso(monthly, '2027-01-20T00:00:00Z', 5)).toEqual([
      '2027-01-31T02:00:00.000Z',
      '2027-02-01T02:00:00.000Z',
      '2027-02-15T02:00:00.000Z',
      '2027-02-28T02:00:00.000Z',
      '2027-03-01T02:00:00.000Z',
    ]);
  });

  it('runs on the last day of February 2028, a leap year, on the 29th', () => {
    const monthly = schedule({ kind: 'monthly', days: ['last'], time: '02:00' }, 'Europe/Prague');
    expect(dueIso(monthly, '2028-02-01T00:00:00Z', 3)).toEqual([
      '2028-02-29T01:00:00.000Z',
      '2028-03-31T00:00:00.000Z',
      '2028-04-30T00:00:00.000Z',
    ]);
  });

  it('runs on both day 31 and the last day only once in a 31-day month', () => {
    const monthly = schedule({ kind: 'monthly', days: [31, 'last'], time: '09:00' });
    expect(dueIso(monthly, '2027-03-01T00:00:00Z', 2)).toEqual([
      '2027-03-31T09:00:00.000Z',
      '2027-04-30T09:00:00.000Z',
    ]);
  });

  it('skips the months without a day 31', () => {
    const monthly = schedule({ kind: 'monthly', days: [31], time: '09:00' });
    expect(dueIso(monthly, '2027-03-31T12:00:00Z', 3)).toEqual([
      '2027-05-31T09:00:00.000Z',
      '2027-07-31T09:00:00.000Z',
      '2027-08-31T09:00:00.000Z',
    ]);
  });

  it('runs on 29 February in leap years only', () => {
    const monthly = schedule({ kind: 'monthly', days: [29], time: '09:00' });
    expect(dueIso(monthly, '2027-01-30T00:00:00Z', 1)).toEqual(['2027-03-29T09:00:00.000Z']);
    expect(dueIso(monthly, '2028-01-30T00:00:00Z', 1)).toEqual(['2028-02-29T09:00:00.000Z']);
  });

  it('in Prague runs the 28th at 03:00 when 28 March 2027 skips 02:30', () => {
    const monthly = schedule({ kind: 'monthly', days: [28], time: '02:30' }, 'Europe/Prague');
    expect(dueIso(monthly, '2027-03-01T00:00:00Z', 2)).toEqual([
      '2027-03-28T01:00:00.000Z',
      '2027-04-28T00:30:00.000Z',
    ]);
  });
});

describe('nextDue: until', () => {
  it('runs at 23:30 New York on the until date, which is already the next day in UTC', () => {
    const daily = schedule({ kind: 'daily', times: ['23:30'] }, 'America/New_York', '2027-06-30');
    expect(dueIso(daily, '2027-06-30T00:00:00Z', 5)).toEqual([
      '2027-06-30T03:30:00.000Z',
      '2027-07-01T03:30:00.000Z',
    ]);
  });

  it('runs at 23:30 Prague on the until date', () => {
    const daily = schedule({ kind: 'daily', times: ['23:30'] }, 'Europe/Prague', '2027-06-30');
    expect(dueIso(daily, '2027-06-29T12:00:00Z', 5)).toEqual([
      '2027-06-29T21:30:00.000Z',
      '2027-06-30T21:30:00.000Z',
    ]);
  });

  it('does not run at 00:30 Prague the day after, though that is still the until date in UTC', () => {
    const daily = schedule({ kind: 'daily', times: ['00:30'] }, 'Europe/Prague', '2027-06-30');
    expect(dueIso(daily, '2027-06-29T12:00:00Z', 5)).toEqual(['2027-06-29T22:30:00.000Z']);
    expect(nextDue(daily, new Date('2027-06-29T22:30:00Z'))).toBeNull();
  });

  it('leaves nothing due once the until date is over', () => {
    const weekly = schedule({ kind: 'weekly', days: ['mon'], time: '09:00' }, 'UTC', '2027-01-31');
    expect(nextDue(weekly, new Date('2027-02-01T00:00:00Z'))).toBeNull();
    expect(nextDueTimes(weekly, new Date('2027-02-01T00:00:00Z'), 3)).toEqual([]);
  });
});
