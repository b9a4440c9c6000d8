import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';

/**
 * Reads a boolean: exactly true, false, 1 or 0 (DESIGN.md §5) after trimming. The words are
 * case-insensitive because spreadsheets export TRUE/FALSE; yes/no and the like stay refused.
 */
export function parseBoolean(raw: string): ParseResult<boolean> {
  const text = raw.trim();
  if (text === '1') return parsed(true);
  if (text === '0') return parsed(false);
  const lower = text.toLowerCase();
  if (lower === 'true') return parsed(true);
  if (lower === 'false') return parsed(false);
  return refused(`${quoteRaw(raw)} is not a boolean: use true, false, 1 or 0`);
}

/** True for the words true/false (any case), which tell a boolean column from a 0/1 number column. */
export function isBooleanWord(raw: string): boolean {
  const lower = raw.trim().toLowerCase();
  return lower === 'true' || lower === 'false';
}
