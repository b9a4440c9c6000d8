import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { DateValue } from '../../../../src-shared/values/date';
import type { TimeValue } from '../../../../src-shared/values/civil-time';
import type { JsonValue } from '../../../../src-shared/values/json';
import type { ParsedValue } from '../../../../src-shared/values/parse-value';

/** Characters COPY's text format escapes. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field of COPY's text format: NULL as \N; backslash, tab, newline and return escaped. */
export function copyField(text: string | null): string {
  if (text === null) return '\\N';
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]!) : text;
}

/**
 * A mapped value as the text PostgreSQL reads into its column: numbers as JavaScript's shortest
 * exact digits, booleans t/f, dates YYYY-MM-DD, datetimes as ISO 8601 UTC with microseconds, lists
 * and JSON as JSON; null for a blank.
 */
export function valueText(type: ColumnType, value: ParsedValue | null): string | null {
  if (value === null) return null;
  switch (type) {
    case 'text':
    case 'long_text':
      return value as string;
    case 'number':
      return String(value as number);
    case 'boolean':
      return value ? 't' : 'f';
    case 'date':
      return (value as DateValue).date;
    case 'datetime':
      return (value as TimeValue).iso;
    case 'list':
    case 'json':
      return JSON.stringify(value);
  }
}

/**
 * Whether a value's text holds a NUL character, which PostgreSQL's text and jsonb cannot store (a
 * COPY would fail the whole run on it): such a row is rejected instead.
 */
export function holdsNul(type: ColumnType, text: string): boolean {
  if (type === 'list' || type === 'json') {
    // JSON writes NUL as \u0000; only a walk tells it from a string holding a backslash and "u0000".
    return text.includes('\\u0000') && jsonHoldsNul(JSON.parse(text) as JsonValue);
  }
  return text.includes('\0');
}

function jsonHoldsNul(value: JsonValue): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(jsonHoldsNul);
  return Object.entries(value).some(([key, entry]) => key.includes('\0') || jsonHoldsNul(entry));
}

/** Bytes per write to the COPY stream: each write is one CopyData message. */
const CHUNK_CHARS = 1 << 19;

/**
 * Sends lines (each ending in a newline) to `COPY … FROM STDIN` in chunks of about half a MiB,
 * resolving once the server has taken them all; a refusal rejects with the server's error.
 */
export async function copyLines(
  client: pg.Client,
  statement: string,
  lines: readonly string[],
): Promise<void> {
  // Loaded here, not with the module: the ingest worker holds this module for every run.
  const { from: copyFrom } = await import('pg-copy-streams');
  await pipeline(Readable.from(chunksOf(lines)), client.query(copyFrom(statement)));
}

function* chunksOf(lines: readonly string[]): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
