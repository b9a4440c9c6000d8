import { parsed, quoteRaw, refused } from './parse-result';
import type { ParseResult } from './parse-result';

/** Options for reading a number. */
export interface NumberOptions {
  decimalSeparator?: '.' | ',';
}

// One regex per accepted shape keeps the hot path to a test and a Number() call.
const PLAIN_DOT = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN_COMMA = /^[+-]?(?:\d+(?:,\d+)?|,\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_COMMAS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const GROUPED_DOTS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
const DECIMAL_DOT = /^[+-]?\d*\.\d+$/;
const SPACE_GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/;
const BAD_COMMA_GROUPING = /^[+-]?\d[\d,]*,[\d,]*(?:\.\d+)?$/;
const BAD_DOT_GROUPING = /^[+-]?\d[\d.]*\.[\d.]*(?:,\d+)?$/;
const LEADING_ZERO_CODE = /^0\d+$/;
const PLUS_PHONE = /^\+\d[\d ()\-./]*\d$/;
const LONG_DIGITS = /^\d{16,}$/;

/**
 * Reads a number. With '.', `1,234.56` and `1,234,567` are grouped thousands, but a lone group (`1,234`)
 * is refused as ambiguous; with ',', `1.234,56` likewise. A value in quotes counts as a number (REFERENCE §1.2).
 */
export function parseNumber(raw: string, options?: NumberOptions): ParseResult<number> {
  const text = unquote(raw.trim());
  const comma = options?.decimalSeparator === ',';
  if (comma ? PLAIN_COMMA.test(text) : PLAIN_DOT.test(text)) {
    return finite(raw, Number(comma ? text.replace(',', '.') : text));
  }
  const grouped = comma ? GROUPED_DOTS : GROUPED_COMMAS;
  if (grouped.test(text)) {
    const [group, decimal] = comma ? ['.', ','] : [',', '.'];
    if (!text.includes(decimal) && text.indexOf(group) === text.lastIndexOf(group)) {
      return refused(
        `${quoteRaw(raw)} is not a number: ambiguous, "${group}" may separate thousands or decimals ` +
          `(remove the thousands separator, or choose the other decimal separator)`,
      );
    }
    const normalised = text.replaceAll(group, '');
    return finite(raw, Number(comma ? normalised.replace(',', '.') : normalised));
  }
  return refused(`${quoteRaw(raw)} is not a number: ${explain(text, comma)}`);
}

/**
 * True when a numeric-looking value is really a code that a number would damage: leading zeros
 * (zip `01234`), phone numbers (`+420 601 123 456`) or digit strings beyond double precision.
 */
export function looksLikeCode(raw: string): boolean {
  const text = raw.trim();
  if (LEADING_ZERO_CODE.test(text)) return true;
  if (PLUS_PHONE.test(text)) return countDigits(text) >= 8;
  return LONG_DIGITS.test(text) && Number(text) > Number.MAX_SAFE_INTEGER;
}

/** Strips one pair of matching quotes: exports from other tools sometimes keep them in the cell. */
function unquote(text: string): string {
  const first = text.charCodeAt(0);
  if (text.length >= 2 && (first === 34 || first === 39) && text.charCodeAt(text.length - 1) === first) {
    return text.slice(1, -1).trim();
  }
  return text;
}

function finite(raw: string, value: number): ParseResult<number> {
  return Number.isFinite(value) ? parsed(value) : refused(`${quoteRaw(raw)} is not a number: too large`);
}

function explain(text: string, comma: boolean): string {
  if (text === '') return 'empty';
  if (looksLikeCode(text)) return 'it looks like a phone number or code (keep it as text)';
  if (!comma && DECIMAL_COMMA.test(text)) return 'decimal comma (use a dot, or choose decimal comma)';
  if (comma && DECIMAL_DOT.test(text)) return 'decimal dot (use a comma, or choose decimal dot)';
  if (!comma && GROUPED_DOTS.test(text))
    return 'dots group thousands and a comma marks decimals (choose decimal comma)';
  if (comma && GROUPED_COMMAS.test(text))
    return 'commas group thousands and a dot marks decimals (choose decimal dot)';
  if (SPACE_GROUPED.test(text)) return 'digits grouped with spaces (remove the thousands separators)';
  if ((comma ? BAD_DOT_GROUPING : BAD_COMMA_GROUPING).test(text))
    return 'the thousands separators are not in groups of three';
  return comma
    ? 'expected digits with an optional sign, decimal comma and exponent, like -1,5 or 1e3'
    : 'expected digits with an optional sign, decimal dot and exponent, like -1.5 or 1e3';
}

function countDigits(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits;
}
