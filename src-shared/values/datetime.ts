import { civilToUtcMs, timeValue } from './civil-time';
import type { TimeValue } from './civil-time';
import { readDateForm } from './date-forms';
import type { DateReading } from './date-forms';
import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';
import { isUtcZone, wallTimeToEpochMs, zoneOffsets } from './time-zone';
import { readUnixTime } from './unix-time';
import type { ValueOptions } from './value-options';

/**
 * Reads a datetime: ISO 8601 with or without offset, day.month.year or slash forms, or UNIX seconds.
 * A date alone means midnight. Offsets in the data win; otherwise options.timeZone (default UTC) applies.
 */
export function parseDatetime(raw: string, options?: ValueOptions): ParseResult<TimeValue> {
  const text = raw.trim();
  const reading = readDateForm(text, options?.dateOrder);
  if (reading) return reading.ok ? readingToTime(text, reading.value, options?.timeZone) : reading;
  const unix = readUnixTime(text, options?.convertMilliseconds);
  if (unix) return unix;
  return refused(
    `${quoteRaw(raw)} is not a datetime: use ISO 8601 like 2024-03-31 14:05:00 ` +
      `(optionally with Z or +02:00) or UNIX seconds`,
  );
}

/** Turns a reading into an instant: its own offset if it has one, else the wall time in the named zone. */
export function readingToTime(text: string, reading: DateReading, timeZone = 'UTC'): ParseResult<TimeValue> {
  const wallMs = civilToUtcMs(reading.civil);
  let utcMs: number;
  if (reading.offsetMinutes !== null) {
    utcMs = wallMs - reading.offsetMinutes * 60_000;
  } else if (isUtcZone(timeZone)) {
    // The fast path: no Intl lookups for UTC, the default.
    utcMs = wallMs;
  } else {
    const offsets = zoneOffsets(timeZone);
    if (!offsets) return refused(`${quoteRaw(text)} cannot be read: unknown time zone "${timeZone}"`);
    utcMs = wallTimeToEpochMs(wallMs, offsets);
  }
  // Rounded because historical local-mean-time offsets are fractional minutes.
  const value = timeValue(Math.round(utcMs / 1000), reading.civil.microsecond);
  if (value) return parsed(value);
  return refused(`${quoteRaw(text)} is out of range (years 1 to 9999 in UTC)`);
}
