import { parsed } from './parse-result';
import type { ParseResult } from './parse-result';

/** Above this many characters a column is long text: short text is for values people filter and group by. */
export const LONG_TEXT_MIN_CHARACTERS = 256;

const LINE_BREAK = /[\r\n]/;

/** Reads text: every value fits, kept exactly as written (IDs are trimmed by import rules, not here). */
export function parseText(raw: string): ParseResult<string> {
  return parsed(raw);
}

/** True when a value calls for long text: 256+ characters, or a line break (notes, descriptions). */
export function isLongText(value: string): boolean {
  if (LINE_BREAK.test(value)) return true;
  // UTF-16 length is an upper bound on characters, so most values skip the code point count.
  if (value.length < LONG_TEXT_MIN_CHARACTERS) return false;
  let characters = 0;
  for (const _ of value) characters++;
  return characters >= LONG_TEXT_MIN_CHARACTERS;
}

/** The UTF-8 size of a string without allocating (limits like the 256-byte customer ID are in bytes). */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3; // other BMP characters, and lone surrogates written as U+FFFD
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
