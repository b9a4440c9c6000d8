import { timeValue } from './civil-time';
import { parseDate } from './date';
import { guessOrder, slashDateParts } from './date-forms';
import { looksLikeCode, parseNumber } from './number';
import type { ValueOptions } from './value-options';

/** The kinds of trouble inference points out in a column's sample. */
export type ValueWarningCode =
  | 'leading-zeros'
  | 'ambiguous-date'
  | 'decimal-comma'
  | 'excel-date-trap'
  | 'milliseconds-timestamp'
  | 'mixed-types';

/** One warning about a column: a user-facing message and up to five raw values that show it. */
export interface ValueWarning {
  code: ValueWarningCode;
  message: string;
  examples: string[];
}

/** The share of a sample a reading must reach to count as the column's (rather than a few values'). */
export const FIT_THRESHOLD = 0.95;
const MAX_EXAMPLES = 5;
// Epoch milliseconds from 2000 to 2100: 13 digits outside that range are more likely barcodes or IDs.
const MS_FROM = 946_684_800_000;
const MS_TO = 4_102_444_800_000;
const MILLISECONDS = /^\d{13}(?:\.\d+)?$/;
const DECIMAL = /^[+-]?\d+[.,]\d+$/;
const NUMBER_LIKE = /^[+-]?\d+(?:[.,]\d+)?$/;
// Shapes spreadsheets give to numbers they took for dates: 6. 1., 1-Jun, Jun-01, 6/1.
const SPREADSHEET_DATE =
  /^(?:\d{1,2}\. ?\d{1,2}\.|\d{1,2}-[A-Za-z]{3,4}|[A-Za-z]{3,4}-\d{1,4}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)$/;

/** Numeric values that a number type would damage (zip 01234, +420601123456); they make the column text. */
export function leadingZerosWarning(values: readonly string[]): ValueWarning | null {
  const codes = values.filter((value) => looksLikeCode(value) && parseNumber(value).ok);
  const numeric = values.filter((value) => parseNumber(value).ok).length;
  if (codes.length === 0 || numeric < values.length * FIT_THRESHOLD) return null;
  return warning(
    'leading-zeros',
    `${codes.length} value(s) look like codes or phone numbers (e.g. ${codes[0]}); ` +
      `the column stays text so leading zeros and + signs survive`,
    codes,
  );
}

/** Slash dates whose order the values cannot prove; suggests the order the other values prove, if one. */
export function ambiguousDateWarning(
  values: readonly string[],
  options: ValueOptions,
): { warning: ValueWarning; provenOrder: 'DMY' | 'MDY' | null } | null {
  if (options.dateOrder) return null;
  const ambiguous: string[] = [];
  const proven = new Set<'DMY' | 'MDY'>();
  for (const value of values) {
    const parts = slashDateParts(value);
    if (!parts) continue;
    const order = guessOrder(parts.first, parts.second);
    if (order === null) ambiguous.push(value);
    else if (parts.first !== parts.second && parts.first <= 31 && parts.second <= 31) proven.add(order);
  }
  if (ambiguous.length === 0) return null;
  const provenOrder = proven.size === 1 ? [...proven][0]! : null;
  const head = `${ambiguous.length} date(s) like ${ambiguous[0]} could be day/month or month/day`;
  const tail = provenOrder
    ? `; other values prove ${provenOrder === 'DMY' ? 'day/month' : 'month/day'}, which is assumed: check it`
    : '; choose a date order';
  return { warning: warning('ambiguous-date', head + tail, ambiguous), provenOrder };
}

/** Numbers written with a decimal comma while the column reads a decimal dot. */
export function decimalCommaWarning(values: readonly string[], options: ValueOptions): ValueWarning | null {
  if (options.decimalSeparator === ',') return null;
  const commas = values.filter(
    (value) =>
      value.includes(',') && !parseNumber(value).ok && parseNumber(value, { decimalSeparator: ',' }).ok,
  );
  if (commas.length === 0) return null;
  const numeric = values.filter((value) => parseNumber(value, { decimalSeparator: ',' }).ok).length;
  if (numeric < values.length * FIT_THRESHOLD) return null;
  return warning(
    'decimal-comma',
    `${commas.length} value(s) have a comma where a number has a dot (e.g. ${commas[0]}); ` +
      `choose decimal comma if it separates decimals`,
    commas,
  );
}

/** Decimals mixed with dates a spreadsheet may have made of them ("6.1" became 6 January). */
export function excelDateTrapWarning(values: readonly string[]): ValueWarning | null {
  let decimals = 0;
  let numbers = 0;
  const dates: string[] = [];
  for (const value of values) {
    const text = value.trim();
    if (NUMBER_LIKE.test(text)) {
      numbers++;
      if (DECIMAL.test(text)) decimals++;
    } else if (SPREADSHEET_DATE.test(text) || parseDate(text).ok) dates.push(text);
  }
  if (decimals === 0 || dates.length === 0 || numbers + dates.length < values.length * FIT_THRESHOLD) {
    return null;
  }
  return warning(
    'excel-date-trap',
    `Numbers like 6.1 are mixed with ${dates.length} date(s) like ${dates[0]}: a spreadsheet may have ` +
      `turned numbers into dates (its regional settings); set the column to text at the source`,
    dates,
  );
}

/** 13-digit numbers in the epoch-millisecond range, which a datetime column would refuse as seconds. */
export function millisecondsWarning(values: readonly string[]): ValueWarning | null {
  const matching = values.filter((value) => {
    const text = value.trim();
    if (!MILLISECONDS.test(text)) return false;
    const milliseconds = Number(text);
    return milliseconds >= MS_FROM && milliseconds < MS_TO;
  });
  if (matching.length === 0 || matching.length < values.length * FIT_THRESHOLD) return null;
  const first = matching[0]!.trim();
  const seconds = Math.floor(Number(first) / 1000);
  const iso = timeValue(seconds, 0)?.iso ?? '';
  return warning(
    'milliseconds-timestamp',
    `Values like ${first} look like UNIX timestamps in milliseconds (${iso}); Intake expects seconds: ` +
      `choose datetime and convert milliseconds`,
    matching,
  );
}

/** Builds a warning with at most five examples. */
export function warning(code: ValueWarningCode, message: string, examples: readonly string[]): ValueWarning {
  return { code, message, examples: examples.slice(0, MAX_EXAMPLES) };
}
