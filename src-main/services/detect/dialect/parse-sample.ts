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
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * Parses a sample the way an RFC 4180 reader with quote and escape `"` would, for one candidate delimiter.
 * A quote opens a quoted field only at the start of a field (elsewhere it is a literal character, as in
 * real readers); a quoted field may hold delimiters, doubled quotes and line breaks. Text after a closing
 * quote is kept but marks the cell broken, which is strong evidence that the candidate is wrong.
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
  let i = 0;

  // Ends the current record at index i (a line break or the end of the text); returns the index after it.
  const endRecord = (at: number): number => {
    if (!(row.length === 1 && row[0]?.quote === 'none' && row[0].text === '')) rows.push(row);
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
    let cell: ParsedCell;
    if (text.charCodeAt(i) === QUOTE) {
      const closed = readQuoted(text, i + 1);
      if (closed === null) {
        // The quote never closes: in a cut sample this is the partial last record; otherwise keep the rest.
        if (!options.isComplete) return { rows, firstNewline: newlineSeen() };
        row.push({ text: text.slice(i + 1), quote: 'broken' });
        i = n;
        break;
      }
      const tailEnd = scanUnquoted(text, closed.end, delim);
      const tail = text.slice(closed.end, tailEnd);
      // Spaces before the delimiter are tolerated, as most readers do; anything else breaks the quoting.
      const broken = tail.trim() !== '';
      cell = { text: broken ? closed.value + tail : closed.value, quote: broken ? 'broken' : 'clean' };
      i = tailEnd;
    } else {
      const end = scanUnquoted(text, i, delim);
      cell = { text: text.slice(i, end), quote: 'none' };
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
  return { rows, firstNewline: newlineSeen() };
}

/** Reads a quoted field starting after its opening quote; null when it never closes. */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  let from = start;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return null;
    value += text.slice(from, q);
    if (text.charCodeAt(q + 1) === QUOTE) {
      value += '"';
      from = q + 2;
    } else {
      return { value, end: q + 1 };
    }
  }
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
