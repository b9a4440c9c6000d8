import { IntakeError } from '../errors';
import type { Schedule, ScheduleRule } from '../model/schedule';
import { normalizeSchedule, ScheduleSchema } from '../schemas/schedule';

type Kind = ScheduleRule['kind'];

/** What each kind takes after its name, as the usage line shows it. */
const USAGE: Record<Kind, { arguments: number; example: string; needs: string }> = {
  once: { arguments: 1, example: 'once 2027-01-05T09:30', needs: 'a date and time' },
  daily: { arguments: 1, example: 'daily 06:00,18:00', needs: 'one or more times' },
  weekly: { arguments: 2, example: 'weekly mon,wed 07:30', needs: 'days and a time' },
  monthly: { arguments: 2, example: 'monthly 1,15,last 02:00', needs: 'days of the month and a time' },
};
const KINDS = Object.keys(USAGE) as Kind[];
const KIND_CHOICE = 'once, daily, weekly or monthly';
const OPTIONS = 'tz=ZONE and until=YYYY-MM-DD';

/** Throws the spec's VALIDATION error; typed so the compiler knows it never returns. */
type Fail = (problem: string) => never;

/**
 * Reads the CLI's one-line schedule, e.g. `weekly mon,wed 07:30 tz=Europe/Prague until=2027-12-31`;
 * throws a VALIDATION error naming the bad part and what is expected.
 */
export function parseScheduleSpec(text: string, defaultZone: string): Schedule {
  const spec = text.trim();
  const fail: Fail = (problem) => {
    throw new IntakeError('VALIDATION', `Schedule "${spec}": ${problem}`, { setting: 'schedule' });
  };
  const [first = '', ...rest] = spec.split(/\s+/);
  const kind = first.toLowerCase();
  if (kind === '') fail(`expected ${KIND_CHOICE} followed by its times, e.g. "${USAGE.weekly.example}".`);
  if (!isKind(kind)) fail(`"${first}" is not a kind of schedule (${KINDS.join(', ')}).`);
  const usage = USAGE[kind];
  const values = rest.slice(0, usage.arguments);
  if (values.length < usage.arguments || values.some((value) => value.includes('='))) {
    fail(`${kind} needs ${usage.needs}, e.g. "${usage.example}".`);
  }
  const options = readOptions(rest.slice(usage.arguments), fail);
  const parsed = ScheduleSchema.safeParse({
    rule: buildRule(kind, values),
    timeZone: options.tz ?? defaultZone,
    until: options.until ?? null,
  });
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => issue.message).join(' '));
  return normalizeSchedule(parsed.data);
}

/** Writes a schedule as the one-line spec parseScheduleSpec reads back; the zone is always written. */
export function formatScheduleSpec(schedule: Schedule): string {
  const { rule } = schedule;
  const head =
    rule.kind === 'once'
      ? `once ${rule.at}`
      : rule.kind === 'daily'
        ? `daily ${rule.times.join(',')}`
        : `${rule.kind} ${rule.days.join(',')} ${rule.time}`;
  const until = schedule.until === null ? '' : ` until=${schedule.until}`;
  return `${head} tz=${schedule.timeZone}${until}`;
}

function isKind(text: string): text is Kind {
  return (KINDS as string[]).includes(text);
}

/** The rule as written, unchecked: the schema judges every value and names the bad one. */
function buildRule(kind: Kind, values: string[]): unknown {
  const [first = '', time = ''] = values;
  switch (kind) {
    case 'once':
      return { kind, at: first };
    case 'daily':
      return { kind, times: first.split(',') };
    case 'weekly':
      return { kind, days: first.toLowerCase().split(','), time };
    case 'monthly':
      return { kind, days: first.split(',').map(monthDay), time };
  }
}

function monthDay(text: string): number | string {
  return /^\d{1,2}$/.test(text) ? Number(text) : text.toLowerCase();
}

function readOptions(tokens: string[], fail: Fail): { tz?: string; until?: string } {
  const options: { tz?: string; until?: string } = {};
  for (const token of tokens) {
    const match = /^(tz|until)=(.*)$/i.exec(token);
    if (!match) {
      return fail(
        token.includes('=')
          ? `"${token}" is not an option (${OPTIONS}).`
          : `"${token}" is not expected here; after the rule come ${OPTIONS}.`,
      );
    }
    const key = match[1]!.toLowerCase() as 'tz' | 'until';
    if (options[key] !== undefined) fail(`${key}= is given twice.`);
    options[key] = match[2];
  }
  return options;
}
