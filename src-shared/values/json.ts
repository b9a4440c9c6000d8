import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';

/** Any value JSON can hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What a JSON column holds: an object or an array, never a bare scalar. */
export type JsonContainer = JsonValue[] | { [key: string]: JsonValue };

const POSITION = /at position (\d+)/;

/** Reads an object or array with JSON.parse; a refusal names the error and the character where it is. */
export function parseJson(raw: string): ParseResult<JsonContainer> {
  const text = raw.trim();
  const first = text.charAt(0);
  if (first !== '{' && first !== '[') {
    return refused(`${quoteRaw(raw)} is not JSON: a JSON column holds an object {…} or an array […]`);
  }
  try {
    return parsed(JSON.parse(text) as JsonContainer);
  } catch (error) {
    return refused(`${quoteRaw(raw)} is not valid JSON: ${describeJsonError(text, error)}`);
  }
}

/** Turns a JSON.parse error into "<problem> at character N (near "…")", finding N when V8 omits it. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 writes `Unexpected token 'a', "[a]" is not valid JSON` without a position; other errors carry one.
  const problem = message
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ at position \d+.*$/s, '');
  const position = positionIn(message) ?? searchErrorPosition(text);
  if (position === null) return problem;
  const near = text.slice(position, position + 12);
  return `${problem} at character ${position + 1}${near ? ` (near ${JSON.stringify(near)})` : ''}`;
}

function positionIn(message: string): number | null {
  const match = POSITION.exec(message);
  return match ? Number(match[1]) : null;
}

/** The shortest prefix that already fails for a reason other than ending early ends at the error. */
function searchErrorPosition(text: string): number | null {
  let low = 1;
  let high = text.length;
  if (!failsInside(text, high)) return null;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (failsInside(text, middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

function failsInside(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('Unexpected end')) return false;
    const position = positionIn(message);
    return position === null || position < length;
  }
}
