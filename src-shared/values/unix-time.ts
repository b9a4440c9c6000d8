import { fractionToMicroseconds, timeValue } from './civil-time';
import type { TimeValue } from './civil-time';
import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';

// Up to 13 integer digits: 12 cover seconds to year 9999, 13 are epoch milliseconds since 2001.
const UNIX = /^([+-]?)(\d{1,13})(?:\.(\d{1,9}))?$/;
const MILLISECOND_DIGITS = 13;

/**
 * Reads UNIX seconds, whole or fractional (`1700000000.123456`, `-86400`). Thirteen integer digits are
 * refused as milliseconds unless convertMilliseconds is set. Returns null when the text is not numeric.
 */
export function readUnixTime(text: string, convertMilliseconds = false): ParseResult<TimeValue> | null {
  const match = UNIX.exec(text);
  if (!match) return null;
  const digits = match[2] ?? '';
  let whole: number;
  let microsecond: number;
  if (digits.length === MILLISECOND_DIGITS) {
    if (!convertMilliseconds) {
      return refused(
        `${quoteRaw(text)} looks like milliseconds; Intake expects UNIX seconds ` +
          `(divide by 1000, or choose to convert milliseconds)`,
      );
    }
    const milliseconds = Number(digits);
    whole = Math.floor(milliseconds / 1000);
    microsecond = (milliseconds % 1000) * 1000 + Math.floor(fractionToMicroseconds(match[3]) / 1000);
  } else {
    whole = Number(digits);
    microsecond = fractionToMicroseconds(match[3]);
  }
  if (match[1] === '-') {
    // Keep the fraction positive: -1.5 s is 2 s before the epoch plus 0.5 s.
    whole = microsecond > 0 ? -whole - 1 : whole === 0 ? 0 : -whole;
    microsecond = microsecond > 0 ? 1_000_000 - microsecond : 0;
  }
  const value = timeValue(whole, microsecond);
  if (value) return parsed(value);
  return refused(`${quoteRaw(text)} is out of range for UNIX seconds (years 1 to 9999)`);
}
