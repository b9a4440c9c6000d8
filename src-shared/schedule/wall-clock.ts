import { IntakeError } from '../errors';
import { civilProblem, civilToUtcMs } from '../values/civil-time';
import { wallTimeToEpochMs, zoneOffsets, type ZoneOffsets } from '../values/time-zone';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** True for a wall-clock time 'HH:MM' from 00:00 to 23:59. */
export function isWallTime(text: string): boolean {
  return TIME.test(text);
}

/** Hour and minute of a valid 'HH:MM'. */
export function splitWallTime(text: string): { hour: number; minute: number } {
  const [hour = 0, minute = 0] = text.split(':').map(Number);
  return { hour, minute };
}

/** Why 'YYYY-MM-DD' is not a calendar date, or null when it is. */
export function dateProblem(text: string): string | null {
  const match = DATE.exec(text);
  if (!match) return 'expected YYYY-MM-DD';
  const [, year, month, day] = match.map(Number);
  return civilProblem({
    year: year!,
    month: month!,
    day: day!,
    hour: 0,
    minute: 0,
    second: 0,
    microsecond: 0,
  });
}

/** Why 'YYYY-MM-DDTHH:MM' is not a calendar date and time, or null when it is. */
export function dateTimeProblem(text: string): string | null {
  const match = DATE_TIME.exec(text);
  if (!match) return 'expected YYYY-MM-DDTHH:MM';
  const [, year, month, day, hour, minute] = match.map(Number);
  return civilProblem({
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: 0,
    microsecond: 0,
  });
}

/** True for a zone name the platform's Intl knows, which is what schedules are computed with. */
export function isTimeZone(name: string): boolean {
  if (name === '') return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a wall-clock 'YYYY-MM-DD' 'HH:MM' in a zone is due. A time repeated by a fall-back is
 * due at its first occurrence; a time skipped by a spring-forward is due at the first valid time
 * after the gap (02:30 → 03:00), the rule cron (Vixie, croner) applies to fixed-time jobs, so a
 * one-off run and a recurring one at the same wall time never disagree.
 */
export function wallClockInstant(date: string, time: string, timeZone: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const { hour, minute } = splitWallTime(time);
  const wallMs = civilToUtcMs({ year, month, day, hour, minute, second: 0, microsecond: 0 });
  const offsets = offsetsOf(timeZone);
  const instant = wallTimeToEpochMs(wallMs, offsets);
  if (localMs(instant, offsets) === wallMs) return new Date(instant);
  return new Date(endOfGap(wallMs, instant, offsets));
}

/** The date 'YYYY-MM-DD' an instant falls on in a zone. */
export function zoneDate(instant: Date, timeZone: string): string {
  return new Date(localMs(instant.getTime(), offsetsOf(timeZone))).toISOString().slice(0, 10);
}

function offsetsOf(timeZone: string): ZoneOffsets {
  const offsets = zoneOffsets(timeZone);
  if (!offsets) {
    throw new IntakeError('VALIDATION', `"${timeZone}" is not an IANA time zone.`, { setting: 'schedule' });
  }
  return offsets;
}

function localMs(utcMs: number, offsets: ZoneOffsets): number {
  return utcMs + offsets.offsetMinutes(utcMs) * MINUTE_MS;
}

/**
 * The transition instant that ends the gap holding wallMs: the first instant whose local time is at
 * or past wallMs. `after` lies past the gap; 15 hours before wallMs every zone's local time (at most
 * UTC+14) is still before it, so the search brackets the transition.
 */
function endOfGap(wallMs: number, after: number, offsets: ZoneOffsets): number {
  let low = wallMs - 15 * HOUR_MS;
  let high = after;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localMs(middle, offsets) >= wallMs) high = middle;
    else low = middle;
  }
  return high;
}
