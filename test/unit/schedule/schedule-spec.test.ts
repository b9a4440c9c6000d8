import { describe, expect, it } from 'vitest';
import { IntakeError } from '../../../src-shared/errors';
import { formatScheduleSpec, parseScheduleSpec } from '../../../src-shared/schedule/schedule-spec';

function errorOf(text: string): IntakeError {
  try {
    parseScheduleSpec(text, 'UTC');
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error(`"${text}" parsed`);
}

describe('parseScheduleSpec', () => {
  it('reads each kind of rule with its options', () => {
    expect(parseScheduleSpec('weekly mon,wed 07:30 tz=Europe/Prague until=2027-12-31', 'UTC')).toEqual({
      rule: { kind: 'weekly', days: ['mon', 'wed'], time: '07:30' },
      timeZone: 'Europe/Prague',
      until: '2027-12-31',
    });
    expect(parseScheduleSpec('once 2027-01-05T09:30', 'UTC')).toEqual({
      rule: { kind: 'once', at: '2027-01-05T09:30' },
      timeZone: 'UTC',
      until: null,
    });
    expect(parseScheduleSpec('daily 06:00,18:00', 'UTC').rule).toEqual({
      kind: 'daily',
      times: ['06:00', '18:00'],
    });
    expect(parseScheduleSpec('monthly 1,15,last 02:00', 'UTC').rule).toEqual({
      kind: 'monthly',
      days: [1, 15, 'last'],
      time: '02:00',
    });
  });

  it('takes the default zone when tz= is absent', () => {
    expect(parseScheduleSpec('daily 07:00', 'America/New_York').timeZone).toBe('America/New_York');
  });

  it('takes the options in any order', () => {
    expect(parseScheduleSpec('daily 07:00 until=2027-12-31 tz=Europe/Prague', 'UTC')).toEqual({
      rule: { kind: 'daily', times: ['07:00'] },
      timeZone: 'Europe/Prague',
      until: '2027-12-31',
    });
  });

  it('puts lists in reading order and forgives capitals and extra spaces', () => {
    expect(parseScheduleSpec('  Daily 18:00,06:00 ', 'UTC').rule).toEqual({
      kind: 'daily',
      times: ['06:00', '18:00'],
    });
    expect(parseScheduleSpec('WEEKLY Fri,MON   07:30', 'UTC').rule).toEqual({
      kind: 'weekly',
      days: ['mon', 'fri'],
      time: '07:30',
    });
    expect(parseScheduleSpec('monthly LAST,15,01 02:00', 'UTC').rule).toEqual({
      kind: 'monthly',
      days: [1, 15, 'last'],
      time: '02:00',
    });
  });

  it.each([
    [
      '',
      'Schedule "": expected once, daily, weekly or monthly followed by its times, e.g. "weekly mon,wed 07:30".',
    ],
    [
      'hourly 07:00',
      'Schedule "hourly 07:00": "hourly" is not a kind of schedule (once, daily, weekly, monthly).',
    ],
    [
      'weekly mon,xyz 07:30',
      'Schedule "weekly mon,xyz 07:30": "xyz" is not a day (mon, tue, wed, thu, fri, sat, sun).',
    ],
    ['weekly 07:30', 'Schedule "weekly 07:30": weekly needs days and a time, e.g. "weekly mon,wed 07:30".'],
    [
      'monthly 1 tz=UTC',
      'Schedule "monthly 1 tz=UTC": monthly needs days of the month and a time, e.g. "monthly 1,15,last 02:00".',
    ],
    ['once', 'Schedule "once": once needs a date and time, e.g. "once 2027-01-05T09:30".'],
    ['daily', 'Schedule "daily": daily needs one or more times, e.g. "daily 06:00,18:00".'],
    ['daily 7:30', 'Schedule "daily 7:30": "7:30" is not a time (HH:MM, 00:00–23:59).'],
    ['daily 24:00', 'Schedule "daily 24:00": "24:00" is not a time (HH:MM, 00:00–23:59).'],
    ['daily 07:00,07:00', 'Schedule "daily 07:00,07:00": "07:00" is listed twice.'],
    ['weekly mon,mon 07:00', 'Schedule "weekly mon,mon 07:00": "mon" is listed twice.'],
    ['monthly 32 02:00', 'Schedule "monthly 32 02:00": "32" is not a day of the month (1–31 or last).'],
    ['monthly 0 02:00', 'Schedule "monthly 0 02:00": "0" is not a day of the month (1–31 or last).'],
    [
      'monthly first 02:00',
      'Schedule "monthly first 02:00": "first" is not a day of the month (1–31 or last).',
    ],
    [
      'once 2027-02-29T09:00',
      'Schedule "once 2027-02-29T09:00": "2027-02-29T09:00" is not a date and time (YYYY-MM-DDTHH:MM): February 2027 has no day 29.',
    ],
    [
      'once 2027-01-05',
      'Schedule "once 2027-01-05": "2027-01-05" is not a date and time (YYYY-MM-DDTHH:MM): expected YYYY-MM-DDTHH:MM.',
    ],
    [
      'daily 07:00 tz=Europe/Nowhere',
      'Schedule "daily 07:00 tz=Europe/Nowhere": "Europe/Nowhere" is not an IANA time zone (e.g. Europe/Prague, UTC).',
    ],
    [
      'daily 07:00 until=2027-13-01',
      'Schedule "daily 07:00 until=2027-13-01": "2027-13-01" is not a date (YYYY-MM-DD): month 13 does not exist.',
    ],
    [
      'daily 07:00 until=31.12.2027',
      'Schedule "daily 07:00 until=31.12.2027": "31.12.2027" is not a date (YYYY-MM-DD): expected YYYY-MM-DD.',
    ],
    [
      'daily 07:00 every=2',
      'Schedule "daily 07:00 every=2": "every=2" is not an option (tz=ZONE and until=YYYY-MM-DD).',
    ],
    [
      'daily 07:00 18:00',
      'Schedule "daily 07:00 18:00": "18:00" is not expected here; after the rule come tz=ZONE and until=YYYY-MM-DD.',
    ],
    ['daily 07:00 tz=UTC tz=UTC', 'Schedule "daily 07:00 tz=UTC tz=UTC": tz= is given twice.'],
  ])('refuses %j: %s', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('refuses more than 24 daily times', () => {
    const times = Array.from(
      { length: 25 },
      (_, index) => `${String(index % 24).padStart(2, '0')}:${index < 24 ? '00' : '30'}`,
    );
    expect(errorOf(`daily ${times.join(',')}`).message).toMatch(
      /: A daily schedule takes at most 24 times\.$/,
    );
  });

  it('fails as a VALIDATION error about the schedule setting', () => {
    const error = errorOf('weekly mon,xyz 07:30');
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual({ setting: 'schedule' });
  });
});

describe('formatScheduleSpec', () => {
  it.each([
    'once 2027-01-05T09:30 tz=Europe/Prague',
    'daily 06:00,18:00 tz=UTC',
    'weekly mon,wed 07:30 tz=Europe/Prague until=2027-12-31',
    'monthly 1,15,last 02:00 tz=America/New_York until=2028-02-29',
  ])('writes back what it read: %s', (text) => {
    expect(formatScheduleSpec(parseScheduleSpec(text, 'UTC'))).toBe(text);
  });

  it('always writes the zone, the default one included', () => {
    expect(formatScheduleSpec(parseScheduleSpec('daily 07:00', 'Asia/Tokyo'))).toBe(
      'daily 07:00 tz=Asia/Tokyo',
    );
  });
});
