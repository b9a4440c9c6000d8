import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { TimeValue } from '../../../../src-shared/values/civil-time';
import type { DateValue } from '../../../../src-shared/values/date';
import type { JsonValue } from '../../../../src-shared/values/json';
import type { ParsedValue } from '../../../../src-shared/values/parse-value';

/** A parsed value as plain JSON: a datetime as its ISO text, a date as YYYY-MM-DD, a blank as null. */
export function plainValue(type: ColumnType, value: ParsedValue | null): JsonValue {
  if (value === null) return null;
  if (type === 'datetime') return (value as TimeValue).iso;
  if (type === 'date') return (value as DateValue).date;
  return value as JsonValue;
}

/** A parsed value as the JSON text a value column holds; a blank is NULL, not the text "null". */
export function storedValue(type: ColumnType, value: ParsedValue | null): string | null {
  return value === null ? null : JSON.stringify(plainValue(type, value));
}

/** JSON text with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
}
