import { describeJsonError } from './json';
import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';

/** One item of a list value. */
export type ListItem = string | number | boolean;

const FORM = '["a","b"] (square brackets, values in double quotes, separated by commas)';

/**
 * Reads a list written as a JSON array, the platform's form: items may hold commas, escaped quotes and
 * any Unicode. Items are text, numbers or booleans; nested values belong in a JSON column.
 */
export function parseList(raw: string): ParseResult<ListItem[]> {
  const text = raw.trim();
  if (!text.startsWith('[')) return refused(`${quoteRaw(raw)} is not a list: write lists as ${FORM}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (text.includes("'") && !text.includes('"')) {
      return refused(`${quoteRaw(raw)} is not a list: use double quotes, as in ${FORM}`);
    }
    return refused(`${quoteRaw(raw)} is not a valid list: ${describeJsonError(text, error)}`);
  }
  if (!Array.isArray(value)) return refused(`${quoteRaw(raw)} is not a list: write lists as ${FORM}`);
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    const kind = typeof item;
    if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') {
      const found = item === null ? 'null' : Array.isArray(item) ? 'a list' : 'an object';
      return refused(
        `${quoteRaw(raw)} is not a list of values: item ${index + 1} is ${found} ` +
          `(list items are text, numbers or booleans; choose JSON for nested values)`,
      );
    }
  }
  return parsed(value as ListItem[]);
}
