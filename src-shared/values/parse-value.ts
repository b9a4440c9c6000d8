import type { ColumnType } from '../model/column-type';
import { parseBoolean } from './boolean';
import type { TimeValue } from './civil-time';
import { parseDate } from './date';
import type { DateValue } from './date';
import { parseDatetime } from './datetime';
import { parseJson } from './json';
import type { JsonContainer } from './json';
import { parseList } from './list';
import type { ListItem } from './list';
import { parseNumber } from './number';
import type { ParseResult } from './parse-result';
import { parseText } from './text';
import type { ValueOptions } from './value-options';

/** The parsed value each column type yields. */
export interface ParsedValueByType {
  text: string;
  long_text: string;
  number: number;
  boolean: boolean;
  date: DateValue;
  datetime: TimeValue;
  list: ListItem[];
  json: JsonContainer;
}

/** Any parsed value. */
export type ParsedValue = ParsedValueByType[ColumnType];

const BLANK: ParseResult<null> = Object.freeze({ ok: true, value: null });
const WHITESPACE_ONLY = /^\s+$/;

/**
 * Reads one raw cell as a column type. An empty cell is a blank (null) for every type, and so is a
 * whitespace-only cell for non-text types; what a blank does is decided by import semantics, not here.
 */
export function parseValue<T extends ColumnType>(
  type: T,
  raw: string,
  options: ValueOptions = {},
): ParseResult<ParsedValueByType[T] | null> {
  return parseAny(type, raw, options) as ParseResult<ParsedValueByType[T] | null>;
}

function parseAny(type: ColumnType, raw: string, options: ValueOptions): ParseResult<ParsedValue | null> {
  if (raw === '') return BLANK;
  if (type === 'text' || type === 'long_text') return parseText(raw);
  if (WHITESPACE_ONLY.test(raw)) return BLANK;
  switch (type) {
    case 'number':
      return parseNumber(raw, options);
    case 'boolean':
      return parseBoolean(raw);
    case 'date':
      return parseDate(raw, options);
    case 'datetime':
      return parseDatetime(raw, options);
    case 'list':
      return parseList(raw);
    case 'json':
      return parseJson(raw);
  }
}
