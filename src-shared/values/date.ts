import type { TimeValue } from './civil-time';
import { readDateForm } from './date-forms';
import { readingToTime } from './datetime';
import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';
import type { ValueOptions } from './value-options';

/** A calendar date: `date` as YYYY-MM-DD, and its midnight in the chosen zone as an instant. */
export interface DateValue extends TimeValue {
  date: string;
}

const NUMERIC = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Reads a date: ISO (`2018-08-05`, `2018-8-5`), `28.9.1996` or a slash date. Midnight with no offset
 * (`2018-08-05 00:00:00`, as databases export dates) still counts as a date; other times do not.
 */
export function parseDate(raw: string, options?: ValueOptions): ParseResult<DateValue> {
  const text = raw.trim();
  const reading = readDateForm(text, options?.dateOrder);
  if (!reading) {
    if (NUMERIC.test(text)) {
      return refused(`${quoteRaw(raw)} is a number, not a date: for UNIX timestamps choose datetime`);
    }
    return refused(`${quoteRaw(raw)} is not a date: use YYYY-MM-DD (or D.M.YYYY)`);
  }
  if (!reading.ok) return reading;
  const { civil, offsetMinutes } = reading.value;
  if (civil.hour || civil.minute || civil.second || civil.microsecond || offsetMinutes !== null) {
    return refused(`${quoteRaw(raw)} has a time of day: choose datetime, or drop the time`);
  }
  const time = readingToTime(text, reading.value, options?.timeZone);
  if (!time.ok) return time;
  const date = `${String(civil.year).padStart(4, '0')}-${pad2(civil.month)}-${pad2(civil.day)}`;
  return parsed({ ...time.value, date });
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
