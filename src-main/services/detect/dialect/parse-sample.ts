import type { Delimiter, Newline } from '../../../../src-shared/model/dialect';

/** How a parsed cell was quoted: not at all, cleanly (closed right before a delimiter or line end), or broken. */
export type QuoteState = 'none' | 'clean' | 'broken';

/** One cell of a sample parsed with a candidate delimiter. */
export interface ParsedCell {
  text: string;
  quote: QuoteState;
}

/** The rows of a sample parsed with one candidate delimiter. */
export interface ParsedSample {
  rows: ParsedCell[][];
  /** Where each row starts in the text: counting the line ends before it gives its line number. */
  starts: number[];
  /**
   * The record terminators seen outside quotes: CRLF or LF as the first one was, a lone CR when
   * every one was, 'mixed' when lone CRs sit beside line feeds; null when the sample is one line.
   */
  firstNewline: Newline | null;
}

/** Options for {@link parseSample}. */
export interface ParseSampleOptions {
  /** False when the sample is the cut head of a longer text: its last, possibly partial, record is dropped. */
  isComplete: boolean;
  /** Treat a run of spaces as one delimiter and ignore leading/trailing spaces (aligned, space-separated text). */
  collapseSpaces?: boolean;
  /** Stop after this many records: enough to judge a dialect, and it bounds the work on very short lines. */
  maxRows?: number;
  /** The quote character to read with: `"` unless told `'`. */
  quote?: '"' | "'";
}

const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * Parses a sample the way Intake's lenient reader (CsvParser) would, for one candidate delimiter and quote.
 * A quote opens a quoted field only at the start of a field, or after spaces (elsewhere it is a literal
 * character, as in real readers); a quoted field may hold delimiters, doubled quotes and line breaks. Text
 * after a closing quote is kept but marks the cell broken, which is strong evidence that the candidate is
 * wrong; so does a stray quote, read as text as the reader reads it (see readQuotedField).
 * Blank lines are skipped: they say nothing about the delimiter.
 */
export function parseSample(text: string, delimiter: Delimiter, options: ParseSampleOptions): ParsedSample {
  const delim = delimiter.charCodeAt(0);
  const collapse = options.collapseSpaces === true && delim === SPACE;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const n = text.length;
  const rows: ParsedCell[][] = [];
  let firstNewline: Newline | null = null;
  let loneCr = false;
  let lineFeed = false;
  const newlineSeen = (): Newline | null => (loneCr ? (lineFeed ? 'mixed' : '\r') : firstNewline);
  let row: ParsedCell[] = [];
  const starts: number[] = [];
  let rowStart = 0;
  let i = 0;
  const quoteChar = options.quote ?? '"';
  const quote = quoteChar.charCodeAt(0);

  // Ends the current record at index i (a line break or the end of the text); returns the index after it.
  const endRecord = (at: number): number => {
    if (!(row.length === 1 && row[0]?.quote === 'none' && row[0].text === '')) {
      rows.push(row);
      starts.push(rowStart);
    }
    row = [];
    if (at >= n) return n;
    const isCr = text.charCodeAt(at) === CR;
    const isCrLf = isCr && text.charCodeAt(at + 1) === LF;
    // A CR that ends a cut sample may be the first half of a CRLF: it proves nothing.
    if (isCr && !isCrLf) loneCr ||= at + 1 < n || options.isComplete;
    else lineFeed = true;
    if (firstNewline === null && !(isCr && !isCrLf)) firstNewline = isCrLf ? '\r\n' : '\n';
    return at + (isCrLf ? 2 : 1);
  };

  while (i < n && rows.length < maxRows) {
    if (collapse && row.length === 0) while (i < n && text.charCodeAt(i) === SPACE) i++;
    if (i >= n) break;
    if (row.length === 0) rowStart = i;
    let cell: ParsedCell;
    const open = openingQuote(text, i, quote, delim);
    const field = open === -1 ? null : readQuoted(text, open, options.isComplete, quote, delim, open > i);
    // The quote never closes: in a cut sample this is the partial last record.
    if (field?.kind === 'more') return { rows, starts, firstNewline: newlineSeen() };
    if (field?.kind === 'closed') {
      const closedEnd = field.close + 1;
      const value = text.slice(open + 1, field.close).replaceAll(quoteChar + quoteChar, quoteChar);
      const tailEnd = scanUnquoted(text, closedEnd, delim);
      const tail = text.slice(closedEnd, tailEnd);
      // Spaces before the delimiter are tolerated, as most readers do; anything else breaks the quoting.
      const broken = tail.trim() !== '';
      cell = { text: broken ? value + tail : value, quote: broken ? 'broken' : 'clean' };
      i = tailEnd;
    } else {
      // Not quoted, or a stray quote read as text as the reader reads it (lenient quotes).
      const end = scanUnquoted(text, i, delim);
      cell = { text: text.slice(i, end), quote: field === null ? 'none' : 'broken' };
      i = end;
    }
    row.push(cell);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (collapse) {
        while (i < n && text.charCodeAt(i) === SPACE) i++;
        // Trailing spaces at the end of a line are padding, not an empty last field.
        const next = text.charCodeAt(i);
        if (i >= n || next === LF || next === CR) i = endRecord(i);
      } else if (i >= n) {
        row.push({ text: '', quote: 'none' });
      } else {
        const next = text.charCodeAt(i);
        if (next === LF || next === CR) row.push({ text: '', quote: 'none' });
      }
      if (row.length > 0 && (text.charCodeAt(i) === LF || text.charCodeAt(i) === CR)) i = endRecord(i);
    } else {
      i = endRecord(i);
    }
  }
  if (row.length > 0) {
    // A last record without a line break after it may have been cut off mid-line.
    if (options.isComplete) endRecord(n);
  }
  return { rows, starts, firstNewline: newlineSeen() };
}

/** Where a quoted field closes, or why it reads as text or cannot be told yet. */
type QuotedRead = { kind: 'closed'; close: number } | { kind: 'literal' } | { kind: 'more' };

// Kept equal to read/csv/quoted-field.ts (detect may not import read): a sample is split as the reader splits it.
const MAX_QUOTED_LINE_ENDS = 1000;

/**
 * The lenient reader's rule (read/csv/quoted-field.ts), on a decoded sample where CR and LF both end
 * lines: a quoted field that runs past its line and never closes, closes with text glued after it,
 * or spans more than MAX_QUOTED_LINE_ENDS line ends, is a stray quote read as text; so is a field
 * quoted after spaces that does not close cleanly.
 */
function readQuoted(
  text: string,
  open: number,
  isComplete: boolean,
  quote: number,
  delim: number,
  spacesBefore: boolean,
): QuotedRead {
  const quoteChar = String.fromCharCode(quote);
  let close = text.indexOf(quoteChar, open + 1);
  while (close !== -1 && text.charCodeAt(close + 1) === quote) close = text.indexOf(quoteChar, close + 2);
  const end = close === -1 ? text.length : close;
  const inside = text.slice(open + 1, end);
  const lineEnds = inside.split(/\r\n|\n|\r/).length - 1;
  if (close === -1)
    return isComplete || lineEnds > MAX_QUOTED_LINE_ENDS ? { kind: 'literal' } : { kind: 'more' };
  if (lineEnds > MAX_QUOTED_LINE_ENDS) return { kind: 'literal' };
  if (lineEnds === 0 && !spacesBefore) return { kind: 'closed', close };
  let after = close + 1;
  while (text.charCodeAt(after) === SPACE && delim !== SPACE) after++;
  const next = text.charCodeAt(after);
  const clean = after >= text.length || next === delim || next === LF || next === CR;
  return clean ? { kind: 'closed', close } : { kind: 'literal' };
}

/**
 * Where a quoted field starting at `from` opens, as the lenient reader finds it: its first
 * character, or the quote after leading spaces (`a, "b, c"`) unless spaces delimit; else -1.
 */
function openingQuote(text: string, from: number, quote: number, delim: number): number {
  let at = from;
  if (delim !== SPACE) while (text.charCodeAt(at) === SPACE) at++;
  return text.charCodeAt(at) === quote ? at : -1;
}

/** Index of the next delimiter or line break at or after start (or the text's length). */
function scanUnquoted(text: string, start: number, delim: number): number {
  const n = text.length;
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === delim || c === LF || c === CR) return i;
    i++;
  }
  return n;
}
