import { readCanonicalIso } from './canonical-iso';
import { civilProblem, fractionToMicroseconds, monthName } from './civil-time';
import type { CivilDateTime } from './civil-time';
import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';

/** A date or date-time read from text: its calendar parts, whether a time was written, and its offset. */
export interface DateReading {
  civil: CivilDateTime;
  hasTime: boolean;
  /** Minutes east of UTC when the text carried an offset or Z, else null (the zone option applies). */
  offsetMinutes: number | null;
}

// Groups after the three date parts: hour, minute, second, fraction (up to nanoseconds), offset.
const TIME = String.raw`(?:[Tt ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const YEAR_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`);
const DAY_DOT = new RegExp(String.raw`^(\d{1,2})\. ?(\d{1,2})\. ?(\d{4})${TIME}$`);
const SLASH = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);

/**
 * Reads ISO 8601 (`2018-8-5 12:20:25.555Z`, `T`/`t`/space), `2018/08/05`, day.month.year (`28.9.1996`,
 * `28. 9. 1996 13:45`) and slash dates (`03/04/2025`, needing dateOrder unless one part is over 12).
 * Returns null when the text has none of these shapes, so callers can try other forms.
 */
export function readDateForm(text: string, dateOrder?: 'DMY' | 'MDY'): ParseResult<DateReading> | null {
  const canonical = readCanonicalIso(text);
  if (canonical) return parsed(canonical);
  let match = ISO.exec(text) ?? YEAR_SLASH.exec(text);
  if (match) return build(text, match, Number(match[1]), Number(match[2]), Number(match[3]));
  match = DAY_DOT.exec(text);
  if (match) return build(text, match, Number(match[3]), Number(match[2]), Number(match[1]));
  match = SLASH.exec(text);
  if (!match) return null;
  const first = Number(match[1]);
  const second = Number(match[2]);
  const year = Number(match[3]);
  const order = dateOrder ?? guessOrder(first, second);
  if (order === null) {
    return refused(
      `${quoteRaw(text)} is ambiguous: ${first} ${monthName(second)} ${year} (day/month) or ` +
        `${second} ${monthName(first)} ${year} (month/day); choose a date order`,
    );
  }
  return order === 'DMY' ? build(text, match, year, second, first) : build(text, match, year, first, second);
}

/** The order a single slash date proves by itself (a part over 12 is a day), or null when it proves none. */
export function guessOrder(first: number, second: number): 'DMY' | 'MDY' | null {
  if (first === second || first > 12) return 'DMY';
  if (second > 12) return 'MDY';
  return null;
}

function build(
  text: string,
  match: RegExpExecArray,
  year: number,
  month: number,
  day: number,
): ParseResult<DateReading> {
  const hasTime = match[4] !== undefined;
  const civil: CivilDateTime = {
    year,
    month,
    day,
    hour: hasTime ? Number(match[4]) : 0,
    minute: hasTime ? Number(match[5]) : 0,
    second: match[6] === undefined ? 0 : Number(match[6]),
    microsecond: fractionToMicroseconds(match[7]),
  };
  const problem = civilProblem(civil);
  if (problem) return refused(`${quoteRaw(text)} is not a valid date: ${problem}`);
  const zone = match[8];
  if (zone === undefined) return parsed({ civil, hasTime, offsetMinutes: null });
  const offsetMinutes = readOffset(zone);
  if (offsetMinutes === null) return refused(`${quoteRaw(text)} has an impossible UTC offset ${zone}`);
  return parsed({ civil, hasTime, offsetMinutes });
}

/** Minutes east of UTC for Z, ±hh, ±hhmm or ±hh:mm; null beyond ±18:00, the ISO limit. */
function readOffset(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
  if (hours > 18 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return zone.startsWith('-') ? -total : total;
}

/** The first two numbers of a slash date (`03/04/2025 10:00`), or null for any other text. */
export function slashDateParts(text: string): { first: number; second: number } | null {
  const match = SLASH.exec(text.trim());
  return match ? { first: Number(match[1]), second: Number(match[2]) } : null;
}
