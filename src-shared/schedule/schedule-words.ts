import { WEEKDAYS, type Schedule, type ScheduleRule, type Weekday } from '../model/schedule';
import { wallClockInstant, zoneDate } from './wall-clock';

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A weekday's short name, as the words and the editor show it. */
export const SHORT_DAYS: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const PLURAL_DAYS: Record<Weekday, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

/** The months a monthly day skips, as the editor warns about them (the Gregorian calendar's facts). */
const MISSING_DAYS: Record<number, { months: string; outcome: string }> = {
  29: { months: 'Feb outside leap years', outcome: 'no run in Feb of those years' },
  30: { months: 'Feb', outcome: 'no run in that month' },
  31: { months: 'Feb, Apr, Jun, Sep and Nov', outcome: 'no run in those months' },
};

/** A schedule in plain English, e.g. "Mon, Wed and Fri at 07:30, Europe/Prague, until 31 Mar 2027". */
export function describeSchedule(schedule: Schedule): string {
  const until = schedule.until === null ? '' : `, until ${formatDate(schedule.until)}`;
  return `${describeRule(schedule.rule)}, ${schedule.timeZone}${until}`;
}

/**
 * What the schedule editor must point out: monthly days some months lack, and a schedule that will
 * never run (again) as of `now`.
 */
export function scheduleNotes(schedule: Schedule, now: Date): string[] {
  const { rule, until, timeZone } = schedule;
  const notes: string[] = [];
  if (rule.kind === 'monthly') {
    for (const day of [29, 30, 31]) {
      const missing = MISSING_DAYS[day];
      if (!missing || !rule.days.includes(day)) continue;
      // With 'last' chosen too, those months still get their month-end run, so no advice is needed.
      const advice = rule.days.includes('last') ? '' : " Choose 'last day' to run at every month's end.";
      notes.push(`Day ${day} does not occur in ${missing.months}: ${missing.outcome}.${advice}`);
    }
  }
  if (rule.kind === 'once') {
    const [date = '', time = ''] = rule.at.split('T');
    const when = `${formatDate(date)} at ${time}`;
    if (wallClockInstant(date, time, timeZone).getTime() <= now.getTime()) {
      notes.push(`${when} (${timeZone}) has passed: this schedule will never run.`);
    } else if (until !== null && until < date) {
      notes.push(
        `The end date ${formatDate(until)} is before the run on ${when}: this schedule will never run.`,
      );
    }
  } else if (until !== null && until < zoneDate(now, timeZone)) {
    notes.push(`The end date ${formatDate(until)} has passed: this schedule will never run again.`);
  }
  return notes;
}

function describeRule(rule: ScheduleRule): string {
  switch (rule.kind) {
    case 'once': {
      const [date = '', time = ''] = rule.at.split('T');
      return `Once on ${formatDate(date)} at ${time}`;
    }
    case 'daily':
      return `Every day at ${joinWords([...rule.times].sort())}`;
    case 'weekly':
      return `${describeDays(rule.days)} at ${rule.time}`;
    case 'monthly':
      return `On the ${describeMonthDays(rule.days)} of the month at ${rule.time}`;
  }
}

function describeDays(days: Weekday[]): string {
  const chosen = WEEKDAYS.filter((day) => days.includes(day));
  const key = chosen.join(',');
  if (chosen.length === 7) return 'Every day';
  if (key === 'mon,tue,wed,thu,fri') return 'Weekdays';
  if (key === 'sat,sun') return 'Weekends';
  if (chosen.length === 1) return PLURAL_DAYS[chosen[0]!];
  return joinWords(chosen.map((day) => SHORT_DAYS[day]));
}

function describeMonthDays(days: (number | 'last')[]): string {
  const numbers = days.filter((day): day is number => day !== 'last').sort((a, b) => a - b);
  const words = numbers.map(ordinal);
  if (days.includes('last')) words.push('last day');
  return joinWords(words);
}

function ordinal(day: number): string {
  const teen = day % 100 >= 11 && day % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

/** "a", "a and b", "a, b and c". */
function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** 'YYYY-MM-DD' as "5 Jan 2027": day first, month named, so no reader mistakes it for 1 May. */
function formatDate(date: string): string {
  const [year, month = 1, day] = date.split('-').map(Number);
  return `${day} ${SHORT_MONTHS[month - 1]} ${year}`;
}
