import { Cron } from 'croner';
import type { Schedule, ScheduleRule, Weekday } from '../../../src-shared/model/schedule';
import { splitWallTime, wallClockInstant, zoneDate } from '../../../src-shared/schedule/wall-clock';

/** Cron's day-of-week numbers (0 is Sunday). */
const CRON_WEEKDAY: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** A rule's first due instant strictly after `after`, or null; `until` is applied on top. */
type NextInstant = (after: Date) => Date | null;

/** The first instant strictly after `after` a schedule is due, or null once `until` or its `once` is past. */
export function nextDue(schedule: Schedule, after: Date): Date | null {
  return dueTimes(schedule)(after);
}

/** The next `count` instants a schedule is due strictly after `from`, fewer when it ends. */
export function nextDueTimes(schedule: Schedule, from: Date, count: number): Date[] {
  const next = dueTimes(schedule);
  const times: Date[] = [];
  let previous = from;
  while (times.length < count) {
    const due = next(previous);
    if (due === null) break;
    times.push(due);
    previous = due;
  }
  return times;
}

/** The schedule's sequence with `until` applied: inclusive, judged by the date in the schedule's zone. */
function dueTimes(schedule: Schedule): NextInstant {
  const next = ruleTimes(schedule.rule, schedule.timeZone);
  const { until, timeZone } = schedule;
  return (after) => {
    const due = next(after);
    if (due === null || until === null) return due;
    // 'YYYY-MM-DD' is fixed width, so text order is date order.
    return zoneDate(due, timeZone) <= until ? due : null;
  };
}

function ruleTimes(rule: ScheduleRule, timeZone: string): NextInstant {
  if (rule.kind === 'once') {
    const [date = '', time = ''] = rule.at.split('T');
    const at = wallClockInstant(date, time, timeZone);
    return (after) => (at.getTime() > after.getTime() ? at : null);
  }
  // paused: compute only, never a timer. domAndDow: a day-of-month list is never OR-ed with the
  // weekday field, whatever croner's default. One time per pattern keeps each a "fixed-time" job,
  // which croner runs once in a fall-back and at the gap's end in a spring-forward; a list of
  // hours would make it an interval job that skips the gap and runs twice in the overlap.
  const jobs = cronPatterns(rule).map(
    (pattern) => new Cron(pattern, { timezone: timeZone, paused: true, domAndDow: true, mode: '5-part' }),
  );
  return (after) => {
    let first: Date | null = null;
    for (const job of jobs) {
      const due = job.nextRun(after);
      if (due !== null && (first === null || due.getTime() < first.getTime())) first = due;
    }
    return first;
  };
}

/** One 5-field cron pattern per wall time of the rule. */
function cronPatterns(rule: Exclude<ScheduleRule, { kind: 'once' }>): string[] {
  switch (rule.kind) {
    case 'daily':
      return rule.times.map((time) => `${minuteHour(time)} * * *`);
    case 'weekly':
      return [`${minuteHour(rule.time)} * * ${rule.days.map((day) => CRON_WEEKDAY[day]).join(',')}`];
    case 'monthly':
      return [
        `${minuteHour(rule.time)} ${rule.days.map((day) => (day === 'last' ? 'L' : day)).join(',')} * *`,
      ];
  }
}

function minuteHour(time: string): string {
  const { hour, minute } = splitWallTime(time);
  return `${minute} ${hour}`;
}
