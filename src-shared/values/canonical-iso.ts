import { civilProblem } from './civil-time';
import type { DateReading } from './date-forms';

/**
 * Reads the canonical layout `YYYY-MM-DD[T| ]HH:MM[:SS[.f]][Z|±hh[:mm]]` by hand, about twice as fast as
 * the general regex; anything else, including invalid dates, returns null so the regex path gives the reason.
 */
export function readCanonicalIso(text: string): DateReading | null {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0) return null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let microsecond = 0;
  let offsetMinutes: number | null = null;
  const hasTime = length > 10;
  if (hasTime) {
    const separator = text.charCodeAt(10);
    if ((separator !== 84 && separator !== 116 && separator !== 32) || text.charCodeAt(13) !== 58)
      return null;
    hour = twoDigits(text, 11);
    minute = twoDigits(text, 14);
    if (hour < 0 || minute < 0) return null;
    let index = 16;
    if (text.charCodeAt(index) === 58) {
      second = twoDigits(text, index + 1);
      if (second < 0) return null;
      index += 3;
      const mark = text.charCodeAt(index);
      if (mark === 46 || mark === 44) {
        let digits = 0;
        for (index++; index < length && digitAt(text, index) >= 0; index++, digits++) {
          // Digits past the sixth are dropped, as in fractionToMicroseconds.
          if (digits < 6) microsecond = microsecond * 10 + digitAt(text, index);
        }
        if (digits === 0 || digits > 9) return null;
        for (; digits < 6; digits++) microsecond *= 10;
      }
    }
    if (index < length) {
      offsetMinutes = readOffsetAt(text, index);
      if (offsetMinutes === null) return null;
    }
  }
  const civil = { year: century * 100 + yearOfCentury, month, day, hour, minute, second, microsecond };
  return civilProblem(civil) ? null : { civil, hasTime, offsetMinutes };
}

function readOffsetAt(text: string, index: number): number | null {
  const sign = text.charCodeAt(index);
  const rest = text.length - index - 1;
  if (sign === 90 || sign === 122) return rest === 0 ? 0 : null;
  if (sign !== 43 && sign !== 45) return null;
  const hours = twoDigits(text, index + 1);
  let minutes = 0;
  if (rest === 4) minutes = twoDigits(text, index + 3);
  else if (rest === 5 && text.charCodeAt(index + 3) === 58) minutes = twoDigits(text, index + 4);
  else if (rest !== 2) return null;
  if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return sign === 45 ? -total : total;
}

function digitAt(text: string, index: number): number {
  const value = text.charCodeAt(index) - 48;
  return value >= 0 && value <= 9 ? value : -1;
}

function twoDigits(text: string, index: number): number {
  const tens = digitAt(text, index);
  const ones = digitAt(text, index + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}
