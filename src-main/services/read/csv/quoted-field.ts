/**
 * How a field that opens with a quote is read, decided the same way on bytes (staging's scanner)
 * and on decoded text (the preview's and the dataset reader's parser): a record the scanner cuts
 * must be re-read into the same fields from its chunk alone, so the decision looks only at the
 * characters from the opening quote on, never at what came before or at where a chunk starts.
 */

/** Character access shared by a byte array and a string (codes of ASCII characters are the same in both). */
export interface CodeUnits {
  readonly length: number;
  code(index: number): number;
  /** Index of the next `code` at or after `from`, or -1. */
  find(code: number, from: number): number;
}

/** What the reader is told about quoting, as numbers (character codes). */
export interface QuoteRules {
  quote: number;
  delimiter: number;
  loneCr: boolean;
  /** Read stray quotes as text instead of letting one swallow the rest of the file. */
  lenient: boolean;
}

/** Where a quoted field closes, or why it is not read as quoted. */
export type QuotedField =
  /** `close` is the index of the closing quote; `crossesLine` when a line end lies inside the quotes. */
  | { kind: 'closed'; close: number; crossesLine: boolean }
  /** The text given so far cannot decide: wait for more. */
  | { kind: 'more' }
  /** Lenient: the quote is a stray character; read the field as unquoted text. */
  | { kind: 'literal' }
  /** Strict: the quote never closes before the end of the data. */
  | { kind: 'unterminated' };

const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * A quoted value that runs on over more line ends than this is taken for a stray quote (lenient
 * reading only). Real multi-line cells (addresses, notes) hold a handful; the bound also stops a
 * stray quote from making staging hold the rest of a large file in memory while it looks for a close.
 * It counts line-end characters, which are the same in bytes and in decoded text.
 */
export const MAX_QUOTED_LINE_ENDS = 1000;

/**
 * Reads the quoted field whose opening quote is at `open`. Strictly (RFC 4180) the field runs to
 * the next quote that is not doubled, across line ends. Leniently, as spreadsheets and pandas-like
 * loaders recover, the quote is a stray character when the field runs past the end of its line and
 * then never closes, closes with other text glued after it (`"12 inch,3⏎4,"ok",5` closes at the
 * `"` before ok), or spans more than {@link MAX_QUOTED_LINE_ENDS} line ends. A field that had spaces
 * before its quote (`a, "b, c"`) must close cleanly even on one line, or it is text as written.
 */
export function readQuotedField(
  units: CodeUnits,
  open: number,
  final: boolean,
  rules: QuoteRules,
  spacesBefore: boolean,
): QuotedField {
  const { quote, lenient } = rules;
  let close = units.find(quote, open + 1);
  while (close !== -1) {
    // A quote at the end of text that is not final may be the first of a doubled pair.
    if (close + 1 >= units.length && !final) return { kind: 'more' };
    if (units.code(close + 1) !== quote) break;
    close = units.find(quote, close + 2);
  }
  const crossesLine = firstLineEnd(units, open + 1, close === -1 ? units.length : close, rules) !== -1;
  if (lenient && crossesLine) {
    const lineEnds = lineEndsBetween(units, open + 1, close === -1 ? units.length : close, rules);
    if (lineEnds > MAX_QUOTED_LINE_ENDS) return { kind: 'literal' };
  }
  if (close === -1) {
    if (!final) return { kind: 'more' };
    return { kind: lenient ? 'literal' : 'unterminated' };
  }
  if (!lenient || (!crossesLine && !spacesBefore)) return { kind: 'closed', close, crossesLine };
  const after = cleanEnd(units, close + 1, rules);
  if (after === 'more' && !final) return { kind: 'more' };
  return after === false ? { kind: 'literal' } : { kind: 'closed', close, crossesLine };
}

/**
 * Whether only spaces stand between a closing quote and the next delimiter or line end (or the end
 * of the text); 'more' when the text ends in those spaces before anything decides.
 */
function cleanEnd(units: CodeUnits, from: number, rules: QuoteRules): boolean | 'more' {
  for (let i = from; i < units.length; i++) {
    const c = units.code(i);
    if (c === rules.delimiter || c === LF || c === CR) return true;
    if (c !== SPACE) return false;
  }
  return 'more';
}

/** Index of the first record-ending character in [from, to), or -1. */
function firstLineEnd(units: CodeUnits, from: number, to: number, rules: QuoteRules): number {
  const lineFeed = units.find(LF, from);
  if (lineFeed !== -1 && lineFeed < to) return lineFeed;
  if (!rules.loneCr) return -1;
  const cr = units.find(CR, from);
  return cr !== -1 && cr < to ? cr : -1;
}

/** Line-end characters in [from, to): line feeds, and carriage returns too where they end records. */
function lineEndsBetween(units: CodeUnits, from: number, to: number, rules: QuoteRules): number {
  let count = 0;
  for (const code of rules.loneCr ? [LF, CR] : [LF]) {
    for (let at = units.find(code, from); at !== -1 && at < to; at = units.find(code, at + 1)) {
      count += 1;
      if (count > MAX_QUOTED_LINE_ENDS) return count;
    }
  }
  return count;
}

/** The characters of a string as {@link CodeUnits}. */
export function textUnits(text: string): CodeUnits {
  return {
    length: text.length,
    code: (index) => text.charCodeAt(index),
    find: (code, from) => text.indexOf(String.fromCharCode(code), from),
  };
}

/** The bytes of a buffer as {@link CodeUnits}. */
export function byteUnits(bytes: Uint8Array): CodeUnits {
  return {
    length: bytes.length,
    code: (index) => bytes[index] ?? -1,
    find: (code, from) => bytes.indexOf(code, from),
  };
}
