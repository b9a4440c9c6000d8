import type { ColumnType } from '../model/column-type';
import { isBooleanWord, parseBoolean } from './boolean';
import { parseDate } from './date';
import { parseDatetime } from './datetime';
import { parseJson } from './json';
import { parseList } from './list';
import { parseNumber } from './number';
import { isLongText } from './text';
import type { ValueOptions } from './value-options';
import {
  ambiguousDateWarning,
  decimalCommaWarning,
  excelDateTrapWarning,
  FIT_THRESHOLD,
  leadingZerosWarning,
  millisecondsWarning,
  warning,
} from './value-warnings';
import type { ValueWarning } from './value-warnings';

/** What inference found for one column. */
export interface ColumnTypeProfile {
  type: ColumnType;
  /** Of the non-empty values, the share that fit `type` (0..1; 1 for an all-empty column). */
  share: number;
  nonEmpty: number;
  /** Up to five non-empty values that do not fit `type`. */
  examplesNotFitting: string[];
  warnings: ValueWarning[];
  /** The slash-date order the values prove, to preselect in the mapping step. */
  dateOrder?: 'DMY' | 'MDY';
}

type Fits = (value: string) => boolean;

// Below this share a type is not even worth a mixed-types warning.
const MIXED_MIN_SHARE = 0.5;
const MAX_EXAMPLES = 5;
const BARE_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Picks the most specific type that fits at least 95% of the non-empty values, in the order boolean,
 * number, date, datetime, list, json, then text or long text. Date comes before datetime because every
 * date is also a datetime (midnight). Column names play no part.
 */
export function inferColumnType(values: readonly string[], options: ValueOptions = {}): ColumnTypeProfile {
  const nonEmpty = values.filter((value) => value.trim() !== '');
  if (nonEmpty.length === 0) {
    return { type: 'text', share: 1, nonEmpty: 0, examplesNotFitting: [], warnings: [] };
  }

  const warnings: ValueWarning[] = [];
  const codes = leadingZerosWarning(nonEmpty);
  const dates = ambiguousDateWarning(nonEmpty, options);
  for (const found of [
    codes,
    dates?.warning ?? null,
    decimalCommaWarning(nonEmpty, options),
    excelDateTrapWarning(nonEmpty),
    millisecondsWarning(nonEmpty),
  ]) {
    if (found) warnings.push(found);
  }
  const dateOrder = options.dateOrder ?? dates?.provenOrder ?? undefined;
  // With no proven order, day/month stands in so a date column is still seen as one; the warning asks.
  const readOptions: ValueOptions = { ...options, dateOrder: dateOrder ?? 'DMY' };

  const candidates: [ColumnType, Fits][] = [
    // Only 0 and 1 is a number: a count that happened to be 0/1 in the sample must not reject a later 2.
    ['boolean', (value) => parseBoolean(value).ok],
    // Any code (leading zeros, phone) makes the whole column text: a number would lose the zeros.
    ['number', (value) => codes === null && parseNumber(value, readOptions).ok],
    ['date', (value) => parseDate(value, readOptions).ok],
    // Bare numbers stay numbers: as UNIX seconds every zip code and price would look like a datetime.
    ['datetime', (value) => !BARE_NUMBER.test(value.trim()) && parseDatetime(value, readOptions).ok],
    ['list', (value) => parseList(value).ok],
    ['json', (value) => parseJson(value).ok],
  ];
  const hasBooleanWord = nonEmpty.some(isBooleanWord);
  let best: { type: ColumnType; fit: Fit } | null = null;
  for (const [type, fits] of candidates) {
    if (type === 'boolean' && !hasBooleanWord) continue;
    const fit = measure(nonEmpty, fits);
    if (fit.share >= FIT_THRESHOLD) {
      if (fit.share < 1) warnings.push(rejectsWarning(type, fit, nonEmpty.length));
      return withOrder(
        { type, share: fit.share, nonEmpty: nonEmpty.length, examplesNotFitting: fit.misfits, warnings },
        type,
        dateOrder,
      );
    }
    if (fit.share >= MIXED_MIN_SHARE && (best === null || fit.share > best.fit.share)) best = { type, fit };
  }
  if (best) warnings.push(mixedWarning(best.type, best.fit));
  const type: ColumnType = nonEmpty.some(isLongText) ? 'long_text' : 'text';
  return { type, share: 1, nonEmpty: nonEmpty.length, examplesNotFitting: [], warnings };
}

interface Fit {
  share: number;
  misfits: string[];
}

function measure(values: readonly string[], fits: Fits): Fit {
  const misfits: string[] = [];
  let failures = 0;
  // Stop once the type can no longer reach even a mixed-types share: inference may see a whole column.
  const giveUpAfter = values.length * (1 - MIXED_MIN_SHARE);
  for (const value of values) {
    if (fits(value)) continue;
    failures++;
    if (misfits.length < MAX_EXAMPLES) misfits.push(value);
    if (failures > giveUpAfter) return { share: 0, misfits };
  }
  return { share: (values.length - failures) / values.length, misfits };
}

function rejectsWarning(type: ColumnType, fit: Fit, total: number): ValueWarning {
  const count = Math.round((1 - fit.share) * total);
  return warning(
    'mixed-types',
    `${count} value(s) are not a ${label(type)} and would be rejected (e.g. ${fit.misfits[0]})`,
    fit.misfits,
  );
}

function mixedWarning(type: ColumnType, fit: Fit): ValueWarning {
  const percent = Math.round(fit.share * 100);
  return warning(
    'mixed-types',
    `${percent}% of the values are ${label(type)}s but the rest are not (e.g. ${fit.misfits[0]}); ` +
      `the column stays text`,
    fit.misfits,
  );
}

function withOrder(
  profile: ColumnTypeProfile,
  type: ColumnType,
  dateOrder: 'DMY' | 'MDY' | undefined,
): ColumnTypeProfile {
  return dateOrder && (type === 'date' || type === 'datetime') ? { ...profile, dateOrder } : profile;
}

function label(type: ColumnType): string {
  return type === 'json' ? 'JSON value' : type;
}
