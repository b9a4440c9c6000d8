import { IntakeError } from '../../../../src-shared/errors';

/** Receives the records of a CSV stream, in order. */
export interface CsvRecordSink {
  /**
   * A record without any quote character: its text without the line terminator, and its field
   * count. Most records take this path; their fields are `text.split(delimiter)`.
   */
  line(text: string, fieldCount: number): void;
  /** A record that needed unquoting (quoted fields, doubled quotes, quoted newlines). */
  record(fields: string[]): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** How records end besides CRLF and LF. */
export interface CsvParserOptions {
  /** A carriage return alone ends a record too (classic Mac OS files, or a mix of line ends). */
  loneCr?: boolean;
}

/**
 * A streaming RFC 4180 parser (quote and escape `"`, CRLF or LF, and a lone CR when told) that is
 * fed decoded text in chunks of any size. It scans with indexOf rather than per character: a line
 * with no quote in it is handed over whole, which is what makes staging run at disk speed.
 * Lenient where spreadsheets are: a quote inside an unquoted field is a literal, text after a
 * closing quote is kept, blank lines are skipped.
 */
export class CsvParser {
  private carry = '';
  private records = 0;
  private readonly loneCr: boolean;

  constructor(
    private readonly delimiter: string,
    private readonly sink: CsvRecordSink,
    options: CsvParserOptions = {},
  ) {
    this.loneCr = options.loneCr ?? false;
  }

  /** Records parsed so far (a record is a row of the file, header included). */
  get recordCount(): number {
    return this.records;
  }

  /** Parses a chunk; an incomplete last record waits for the next chunk. */
  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const consumed = this.parse(text, false);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
  }

  /** Parses what is left; throws PARSE on a quote that is never closed. */
  end(): void {
    if (this.carry.length > 0) this.parse(this.carry, true);
    this.carry = '';
  }

  private parse(text: string, final: boolean): number {
    const length = text.length;
    const delimiter = this.delimiter;
    let position = 0;
    let nextQuote = -1;
    while (position < length) {
      let newline = this.lineEnd(text, position, final);
      if (newline === -1) {
        if (!final) break;
        newline = length;
      }
      if (nextQuote !== Infinity && nextQuote < position) {
        nextQuote = text.indexOf('"', position);
        if (nextQuote === -1) nextQuote = Infinity;
      }
      if (nextQuote >= newline) {
        let end = newline;
        if (end > position && text.charCodeAt(end - 1) === CR) end -= 1;
        if (end > position) {
          const line = text.slice(position, end);
          let fields = 1;
          for (let at = line.indexOf(delimiter); at !== -1; at = line.indexOf(delimiter, at + 1)) fields += 1;
          this.records += 1;
          this.sink.line(line, fields);
        }
        position = newline + 1;
        continue;
      }
      const next = this.parseQuotedRecord(text, position, final);
      if (next === -1) break;
      position = next;
    }
    return position;
  }

  /** Parses one record that contains a quote; returns the position after it, or -1 if it needs more text. */
  private parseQuotedRecord(text: string, start: number, final: boolean): number {
    const length = text.length;
    const delimiter = this.delimiter;
    const fields: string[] = [];
    let i = start;
    const scan = { newline: -2 };
    for (;;) {
      let value: string;
      if (i < length && text.charCodeAt(i) === QUOTE) {
        value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1 || (close + 1 >= length && !final)) {
            if (!final) return -1;
            throw new IntakeError(
              'PARSE',
              `Unterminated quote: the quoted field that starts in row ${this.records + 1} is never closed.`,
              { row: this.records + 1 },
            );
          }
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          value += text.slice(from, close);
          i = close + 1;
          break;
        }
        // Text between a closing quote and the next delimiter is kept, as spreadsheets do.
        const stop = this.fieldEnd(text, i, final, scan);
        if (stop === -1) return -1;
        value += stripCr(text, i, stop);
        i = stop;
      } else {
        const stop = this.fieldEnd(text, i, final, scan);
        if (stop === -1) return -1;
        value = stripCr(text, i, stop);
        i = stop;
      }
      fields.push(value);
      if (i < length && text.startsWith(delimiter, i)) {
        i += delimiter.length;
        continue;
      }
      this.records += 1;
      this.sink.record(fields);
      return i < length ? i + 1 : i;
    }
  }

  /**
   * Where the record that starts at `from` ends when it holds no quote: its line feed, or with
   * `loneCr` a carriage return not followed by one; -1 when none is in the text yet (or a CR ends
   * text that is not final, so the next chunk may start with its LF).
   */
  private lineEnd(text: string, from: number, final: boolean): number {
    const lineFeed = text.indexOf('\n', from);
    if (!this.loneCr) return lineFeed;
    const cr = text.indexOf('\r', from);
    if (cr === -1 || (lineFeed !== -1 && cr >= lineFeed - 1)) return lineFeed;
    if (cr + 1 === text.length) return final ? cr : -1;
    return cr;
  }

  /** Where an unquoted stretch ends: the next delimiter or line end, the end of final text, or -1. */
  private fieldEnd(text: string, from: number, final: boolean, scan: { newline: number }): number {
    // The record's line end is looked up once, not once per field (quoted newlines move it on).
    if (scan.newline !== -1 && scan.newline < from) scan.newline = this.lineEnd(text, from, final);
    const newline = scan.newline;
    const delimiter = text.indexOf(this.delimiter, from);
    if (delimiter !== -1 && (newline === -1 || delimiter < newline)) return delimiter;
    if (newline !== -1) return newline;
    return final ? text.length : -1;
  }
}

/** The slice [from, to) without a carriage return just before a line feed. */
function stripCr(text: string, from: number, to: number): string {
  if (to > from && text.charCodeAt(to) === LF && text.charCodeAt(to - 1) === CR)
    return text.slice(from, to - 1);
  return text.slice(from, to);
}
