import { describe, expect, it } from 'vitest';
import type { Schedule, ScheduleRule } from '../../../src-shared/model/schedule';
import { describeSchedule, scheduleNotes } from '../../../src-shared/schedule/schedule-words';

function schedule(rule: ScheduleRule, timeZone = 'UTC', until: string | null = null): Schedule {
  return { rule, timeZone, until };
}

const NOW = new Date('2027-01-01T00:00:00Z');

describe('describeSchedule', () => {
  it.each<[Schedule, string]>([
    [
      schedule(
        { kind: 'weekly', days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '06:00' },
        'Europe/Prague',
        '2027-03-31',
      ),
      'Weekdays at 06:00, Europe/Prague, until 31 Mar 2027',
    ],
    [schedule({ kind: 'daily', times: ['07:00'] }), 'Every day at 07:00, UTC'],
    [schedule({ kind: 'daily', times: ['18:00', '06:00'] }), 'Every day at 06:00 and 18:00, UTC'],
    [
      schedule({ kind: 'daily', times: ['06:00', '12:00', '18:00'] }, 'UTC', '2027-01-05'),
      'Every day at 06:00, 12:00 and 18:00, UTC, until 5 Jan 2027',
    ],
    [
      schedule({ kind: 'weekly', days: ['fri', 'mon', 'wed'], time: '07:30' }, 'Europe/Prague'),
      'Mon, Wed and Fri at 07:30, Europe/Prague',
    ],
    [
      schedule({ kind: 'weekly', days: ['sun', 'sat'], time: '09:00' }, 'Europe/Prague'),
      'Weekends at 09:00, Europe/Prague',
    ],
    [schedule({ kind: 'weekly', days: ['tue'], time: '09:00' }), 'Tuesdays at 09:00, UTC'],
    [
      schedule({ kind: 'weekly', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '09:00' }),
      'Every day at 09:00, UTC',
    ],
    [
      schedule({ kind: 'monthly', days: [1, 15, 'last'], time: '02:00' }, 'Europe/Prague'),
      'On the 1st, 15th and last day of the month at 02:00, Europe/Prague',
    ],
    [
      schedule({ kind: 'monthly', days: [22, 3, 11, 2, 21, 23, 31], time: '02:00' }),
      'On the 2nd, 3rd, 11th, 21st, 22nd, 23rd and 31st of the month at 02:00, UTC',
    ],
    [
      schedule({ kind: 'monthly', days: ['last'], time: '23:00' }),
      'On the last day of the month at 23:00, UTC',
    ],
    [
      schedule({ kind: 'once', at: '2027-01-05T09:30' }, 'Europe/Prague'),
      'Once on 5 Jan 2027 at 09:30, Europe/Prague',
    ],
  ])('describes %j', (subject, words) => {
    expect(describeSchedule(subject)).toBe(words);
  });
});

describe('scheduleNotes', () => {
  it('says which months lack day 31 and offers the last day instead', () => {
    expect(scheduleNotes(schedule({ kind: 'monthly', days: [31], time: '02:00' }), NOW)).toEqual([
      "Day 31 does not occur in Feb, Apr, Jun, Sep and Nov: no run in those months. Choose 'last day' to run at every month's end.",
    ]);
  });

  it('says February lacks day 30', () => {
    expect(scheduleNotes(schedule({ kind: 'monthly', days: [15, 30], time: '02:00' }), NOW)).toEqual([
      "Day 30 does not occur in Feb: no run in that month. Choose 'last day' to run at every month's end.",
    ]);
  });

  it('says February lacks day 29 outside leap years', () => {
    expect(scheduleNotes(schedule({ kind: 'monthly', days: [29], time: '02:00' }), NOW)).toEqual([
      "Day 29 does not occur in Feb outside leap years: no run in Feb of those years. Choose 'last day' to run at every month's end.",
    ]);
  });

  it('notes each short day, without advice when the last day is chosen too', () => {
    expect(scheduleNotes(schedule({ kind: 'monthly', days: [29, 31, 'last'], time: '02:00' }), NOW)).toEqual([
      'Day 29 does not occur in Feb outside leap years: no run in Feb of those years.',
      'Day 31 does not occur in Feb, Apr, Jun, Sep and Nov: no run in those months.',
    ]);
  });

  it('has nothing to say about days every month has, or about a future schedule', () => {
    expect(scheduleNotes(schedule({ kind: 'monthly', days: [1, 28, 'last'], time: '02:00' }), NOW)).toEqual(
      [],
    );
    expect(
      scheduleNotes(schedule({ kind: 'once', at: '2027-01-05T09:30' }, 'UTC', '2027-01-05'), NOW),
    ).toEqual([]);
    expect(scheduleNotes(schedule({ kind: 'daily', times: ['07:00'] }, 'UTC', '2027-01-01'), NOW)).toEqual(
      [],
    );
  });

  it('says a once in the past will never run', () => {
    const once = schedule({ kind: 'once', at: '2026-12-31T09:30' }, 'Europe/Prague');
    expect(scheduleNotes(once, NOW)).toEqual([
      '31 Dec 2026 at 09:30 (Europe/Prague) has passed: this schedule will never run.',
    ]);
  });

  it('judges a once on a fall-back night by its first occurrence', () => {
    // 02:30 first happened at 00:30 UTC; at 01:15 UTC Prague reads 02:15 for the second time.
    const once = schedule({ kind: 'once', at: '2027-10-31T02:30' }, 'Europe/Prague');
    expect(scheduleNotes(once, new Date('2027-10-31T00:29:00Z'))).toEqual([]);
    expect(scheduleNotes(once, new Date('2027-10-31T01:15:00Z'))).toEqual([
      '31 Oct 2027 at 02:30 (Europe/Prague) has passed: this schedule will never run.',
    ]);
  });

  it('says a once after its until date will never run', () => {
    const once = schedule({ kind: 'once', at: '2027-01-05T09:30' }, 'Europe/Prague', '2027-01-04');
    expect(scheduleNotes(once, NOW)).toEqual([
      'The end date 4 Jan 2027 is before the run on 5 Jan 2027 at 09:30: this schedule will never run.',
    ]);
  });

  it('says a recurring schedule whose until date is over in its zone will never run again', () => {
    // 22:30 UTC on 30 June is already 1 July in Prague.
    const daily = schedule({ kind: 'daily', times: ['07:00'] }, 'Europe/Prague', '2027-06-30');
    expect(scheduleNotes(daily, new Date('2027-06-30T21:59:00Z'))).toEqual([]);
    expect(scheduleNotes(daily, new Date('2027-06-30T22:30:00Z'))).toEqual([
      'The end date 30 Jun 2027 has passed: this schedule will never run again.',
    ]);
  });
});
