/** A wall-clock date and time read from text, before any zone is applied; microsecond is 0..999999. */
export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

/** A point in time: epoch seconds keep microseconds in the fraction; iso is UTC with six fraction digits. */
export interface TimeValue {
  epochSeconds: number;
  iso: string;
}

/** The instants Intake can store: year 1 to year 9999, the range an ISO year of four digits can write. */
export const MIN_EPOCH_SECONDS = -62135596800;
/** See MIN_EPOCH_SECONDS. */
export const MAX_EPOCH_SECONDS = 253402300799;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The English month name for 1..12, for reasons like "3 April or 4 March". */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Why a civil date-time does not exist on the calendar, or null when it does. */
export function civilProblem(civil: CivilDateTime): string | null {
  if (civil.year < 1) return 'year 0 does not exist';
  if (civil.month < 1 || civil.month > 12) return `month ${civil.month} does not exist`;
  if (civil.day < 1 || civil.day > daysInMonth(civil.year, civil.month)) {
    return `${monthName(civil.month)} ${civil.year} has no day ${civil.day}`;
  }
  if (civil.hour > 23) return `hour ${civil.hour} does not exist (use 00–23)`;
  if (civil.minute > 59) return `minute ${civil.minute} does not exist`;
  if (civil.second > 59) return `second ${civil.second} does not exist (leap seconds are not supported)`;
  return null;
}

/** Epoch milliseconds of the whole seconds of a civil time read as UTC. */
export function civilToUtcMs(civil: CivilDateTime): number {
  const { year, month, day, hour, minute, second } = civil;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 100) return ms;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(ms);
  date.setUTCFullYear(year);
  return date.getTime();
}

/** Builds a TimeValue from whole epoch seconds and a microsecond fraction, or null outside years 1–9999. */
export function timeValue(wholeSeconds: number, microsecond: number): TimeValue | null {
  if (wholeSeconds < MIN_EPOCH_SECONDS || wholeSeconds > MAX_EPOCH_SECONDS) return null;
  return { epochSeconds: wholeSeconds + microsecond / 1e6, iso: formatIsoUtc(wholeSeconds, microsecond) };
}

/**
 * Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count since 1970-01-01,
 * packed as the integer YYYYMMDD (no object to allocate: datetime parsing and Excel staging call
 * it millions of times). Years 0–9999.
 */
export function civilFromDays(days: number): number {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}

/**
 * Writes `YYYY-MM-DDTHH:MM:SS.ffffffZ`: fixed width so ISO strings sort chronologically as text, and
 * built by arithmetic because Date#toISOString alone cost more than the rest of parsing a datetime.
 * The characters go to String.fromCharCode at once: one flat string, where a template literal of
 * the parts made a dozen intermediate strings and a flattening (2.7× slower; a run of a file with a
 * datetime per row makes a million of these).
 */
export function formatIsoUtc(wholeSeconds: number, microsecond: number): string {
  const days = Math.floor(wholeSeconds / 86_400);
  const secondOfDay = wholeSeconds - days * 86_400;
  const date = civilFromDays(days);
  const year = Math.floor(date / 10_000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const second = secondOfDay % 60;
  // prettier-ignore
  return String.fromCharCode(
    digit(year, 1000), digit(year, 100), digit(year, 10), digit(year, 1), DASH,
    digit(month, 10), digit(month, 1), DASH,
    digit(day, 10), digit(day, 1), LETTER_T,
    digit(hour, 10), digit(hour, 1), COLON,
    digit(minute, 10), digit(minute, 1), COLON,
    digit(second, 10), digit(second, 1), DOT,
    digit(microsecond, 100_000), digit(microsecond, 10_000), digit(microsecond, 1000),
    digit(microsecond, 100), digit(microsecond, 10), digit(microsecond, 1), LETTER_Z,
  );
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;

/** The character code of the decimal digit of `value` (non-negative) at `place` (1, 10, 100…). */
function digit(value: number, place: number): number {
  return 48 + (Math.floor(value / place) % 10);
}

/** Reads up to nine fraction digits as microseconds; digits past the sixth are dropped, not rounded. */
export function fractionToMicroseconds(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.length >= 6 ? digits.slice(0, 6) : digits.padEnd(6, '0'));
}
