import { z } from 'zod';
import { WEEKDAYS, type Schedule, type ScheduleRule } from '../model/schedule';
import { dateProblem, dateTimeProblem, isTimeZone, isWallTime } from '../schedule/wall-clock';

// Messages name the bad value and what is expected: the CLI's spec parser shows them as they are.

const WallTime = z.string().refine(isWallTime, {
  error: (issue) => `"${String(issue.input)}" is not a time (HH:MM, 00:00–23:59).`,
});

const DateText = z.string().superRefine((text, context) => {
  const problem = dateProblem(text);
  if (problem)
    context.addIssue({ code: 'custom', message: `"${text}" is not a date (YYYY-MM-DD): ${problem}.` });
});

const DateTimeText = z.string().superRefine((text, context) => {
  const problem = dateTimeProblem(text);
  if (problem) {
    context.addIssue({
      code: 'custom',
      message: `"${text}" is not a date and time (YYYY-MM-DDTHH:MM): ${problem}.`,
    });
  }
});

const WeekdayText = z.enum(WEEKDAYS, {
  error: (issue) => `"${String(issue.input)}" is not a day (${WEEKDAYS.join(', ')}).`,
});

const MonthDay = z.custom<number | 'last'>(
  (value) => value === 'last' || (Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 31),
  { error: (issue) => `"${String(issue.input)}" is not a day of the month (1–31 or last).` },
);

const TimeZone = z.string().refine(isTimeZone, {
  error: (issue) => `"${String(issue.input)}" is not an IANA time zone (e.g. Europe/Prague, UTC).`,
});

/** Refuses a list that names one value twice, naming it: a repeat is a typo, not a second run. */
function distinct<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine((values, context) => {
    const seen = new Set<unknown>();
    for (const value of values) {
      if (seen.has(value))
        context.addIssue({ code: 'custom', message: `"${String(value)}" is listed twice.` });
      seen.add(value);
    }
  });
}

const OnceRule = z.object({ kind: z.literal('once'), at: DateTimeText }).strict();
const DailyRule = z
  .object({
    kind: z.literal('daily'),
    times: distinct(WallTime)
      .min(1, 'A daily schedule needs at least one time.')
      .max(24, 'A daily schedule takes at most 24 times.'),
  })
  .strict();
const WeeklyRule = z
  .object({
    kind: z.literal('weekly'),
    days: distinct(WeekdayText).min(1, 'A weekly schedule needs at least one day.').max(7),
    time: WallTime,
  })
  .strict();
const MonthlyRule = z
  .object({
    kind: z.literal('monthly'),
    days: distinct(MonthDay).min(1, 'A monthly schedule needs at least one day.').max(31),
    time: WallTime,
  })
  .strict();

/** One rule of a schedule: once, daily, weekly or monthly. */
export const ScheduleRuleSchema = z.discriminatedUnion('kind', [
  OnceRule,
  DailyRule,
  WeeklyRule,
  MonthlyRule,
]);

/** A schedule as saved with an import: a rule, its IANA zone and an inclusive last date. */
export const ScheduleSchema = z
  .object({ rule: ScheduleRuleSchema, timeZone: TimeZone, until: DateText.nullable() })
  .strict() satisfies z.ZodType<Schedule>;

/** The schedule with its lists in reading order and without repeats, so equal schedules compare equal. */
export function normalizeSchedule(schedule: Schedule): Schedule {
  return { ...schedule, rule: normalizeRule(schedule.rule) };
}

function normalizeRule(rule: ScheduleRule): ScheduleRule {
  switch (rule.kind) {
    case 'once':
      return { ...rule };
    case 'daily':
      // 'HH:MM' is fixed width, so text order is time order.
      return { ...rule, times: [...new Set(rule.times)].sort() };
    case 'weekly':
      return { ...rule, days: WEEKDAYS.filter((day) => rule.days.includes(day)) };
    case 'monthly':
      return { ...rule, days: [...new Set(rule.days)].sort(byMonthDay) };
  }
}

function byMonthDay(left: number | 'last', right: number | 'last'): number {
  return (left === 'last' ? 32 : left) - (right === 'last' ? 32 : right);
}
