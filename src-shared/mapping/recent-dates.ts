import type { ParseResult } from '../values/parse-result';
import { parseValue, type ParsedValue } from '../values/parse-value';
import type { ValueOptions } from '../values/value-options';

/** Distinct texts a column remembers before it starts again. */
const REMEMBERED = 4096;

const byColumn = new WeakMap<object, Map<string, ParseResult<ParsedValue | null>>>();

/**
 * Parses a date cell, remembering the column's recent answers: a file's dates repeat (order and
 * delivery days, birthdays), and parsing one cost about 1 µs, a second of a run's preparing
 * thread per million rows of the realistic benchmark file. Datetimes are not remembered: to the
 * second they hardly repeat. The answers are frozen, since every cell with the text shares one.
 * `column`: the column's check, whose options stay the same while it lives.
 */
export function parseDateRemembered(
  column: object,
  text: string,
  options: ValueOptions,
): ParseResult<ParsedValue | null> {
  let recent = byColumn.get(column);
  if (!recent) byColumn.set(column, (recent = new Map()));
  let result = recent.get(text);
  if (result) return result;
  result = parseValue('date', text, options);
  if (result.ok && result.value !== null) Object.freeze(result.value);
  if (recent.size >= REMEMBERED) recent.clear();
  recent.set(text, Object.freeze(result));
  return result;
}
