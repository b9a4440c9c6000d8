import { IntakeError } from '../../../../src-shared/errors';
import { readQuotedField, textUnits, type CodeUnits, type QuoteRules } from './quoted-field';

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

const LF = 10;
const CR = 13;
const SPACE = 32;

/** How records end and fields are quoted. The staging scanner takes the same options and must be given the same. */
export interface CsvParserOptions {
  /** A carriage return alone ends a record too (classic Mac OS files, or a mix of line ends). */
  loneCr?: boolean;
  /** The quote character: `"` (RFC 4180) unless told `'`. Doubled, it stands for itself inside quotes. */
  quote?: '"' | "'";
  /**
   * Read stray quotes as text (see readQuotedField) and honour spaces before a quoted field, as
   * spreadsheets do. Default true; false reads RFC 4180 strictly and refuses a quote never closed.
   */
  lenientQuotes?: boolean;
  /**
   * The header's field count, when known. Leniently, a record whose quoted field runs over a line
   * end and that then has more fields than this is re-read with that quote as text. Give it to
   * the parser that re-reads staged chunks exactly when it was given to the staging scanner.
   */
  expectedFields?: number;
  /**
   * The row number of the first record, for messages and warnings (default 1): the lines skipped
   * before the table count, so rows are named as a spreadsheet shows them.
   */
  firstRow?: number;
}

/** Rows where a stray quote was read as text (lenient reading): how many, and the first few row numbers. */
export interface StrayQuotes {
  count: number;
  /** Row numbers as a spreadsheet shows them (the first record is row 1), at most {@link MAX_NOTED_ROWS}. */
  rows: number[];
}

/** Row numbers kept for a warning: enough to find the pattern, bounded on a file full of strays. */
export const MAX_NOTED_ROWS = 20;

/** The warning for rows read with a stray quote as text: names the rows and the switch that refuses them. */
export function strayQuotesMessage(strays: StrayQuotes, quote: '"' | "'" = '"'): string {
  const listed = strays.rows.map((row) => `row ${row}`).join(', ');
  const more = strays.count > strays.rows.length ? ', …' : '';
  const rows = strays.count === 1 ? '1 row' : `${strays.count.toLocaleString('en')} rows`;
  return `A quote (${quote}) that never closes properly was read as text in ${rows}: ${listed}${more}. Check those values; to refuse such files instead, untick "Read stray quotes as text" in the dialect bar.`;
}

/** One record read from text: its fields and where the next begins, or the quote to read as text instead. */
type RecordRead = { fields: string[]; next: number } | { stray: number } | null;

/**
 * A streaming RFC 4180 parser (quote and escape `"` or `'`, CRLF or LF, and a lone CR when told)
 * that is fed decoded text in chunks of any size. It scans with indexOf rather than per character:
 * a line with no quote in it is handed over whole, which is what makes staging run at disk speed.
 * Lenient where spreadsheets are: a quote inside an unquoted field is a literal, text after a
 * closing quote is kept, blank lines are skipped; and by default a stray quote at the start of a
 * field is read as text rather than swallowing the lines after it (counted in {@link strayQuotes}).
 */
export class CsvParser {
  private carry = '';
  private records = 0;
  /** Added to record counts to name rows (firstRow − 1). */
  private readonly rowOffset: number;
  private readonly loneCr: boolean;
  private readonly quote: string;
  private readonly rules: QuoteRules;
  private readonly expectedFields: number | undefined;
  private readonly strays: StrayQuotes = { count: 0, rows: [] };

  constructor(
    private readonly delimiter: string,
    private readonly sink: CsvRecordSink,
    options: CsvParserOptions = {},
  ) {
    this.loneCr = options.loneCr ?? false;
    this.quote = options.quote ?? '"';
    this.expectedFields = options.expectedFields;
    this.rowOffset = (options.firstRow ?? 1) - 1;
    this.rules = {
      quote: this.quote.charCodeAt(0),
      delimiter: delimiter.charCodeAt(0),
      loneCr: this.loneCr,
      lenient: options.lenientQuotes ?? true,
    };
  }

  /** Records parsed so far (a record is a row of the file, header included). */
  get recordCount(): number {
    return this.records;
  }

  /** The rows so far in which a stray quote was read as text. */
  get strayQuotes(): StrayQuotes {
    return { count: this.strays.count, rows: [...this.strays.rows] };
  }

  /** Parses a chunk; an incomplete last record waits for the next chunk. */
  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const consumed = this.parse(text, false);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
  }

  /** Parses what is left; read strictly, throws PARSE on a quote that is never closed. */
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
        nextQuote = text.indexOf(this.quote, position);
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

  /**
   * Parses one record that contains a quote; returns the position after it, or -1 if it needs more
   * text. A stray quote found on the way is marked as text and the record read again from its start.
   */
  private parseQuotedRecord(text: string, start: number, final: boolean): number {
    const units = textUnits(text);
    const literal = new Set<number>();
    for (;;) {
      const read = this.readRecord(text, units, start, final, literal);
      if (read === null) return -1;
      if ('stray' in read) {
        literal.add(read.stray);
        continue;
      }
      this.records += 1;
      if (literal.size > 0) this.noteStray(this.rowOffset + this.records);
      this.sink.record(read.fields);
      return read.next;
    }
  }

  private readRecord(
    text: string,
    units: CodeUnits,
    start: number,
    final: boolean,
    literal: ReadonlySet<number>,
  ): RecordRead {
    const length = text.length;
    const delimiter = this.delimiter;
    const fields: string[] = [];
    let i = start;
    let crossingQuote = -1;
    const scan = { newline: -2 };
    for (;;) {
      let value: string;
      const open = this.openingQuote(text, i, literal);
      if (open !== -1) {
        const field = readQuotedField(units, open, final, this.rules, open > i);
        if (field.kind === 'more') return null;
        if (field.kind === 'literal') return { stray: open };
        if (field.kind === 'unterminated') {
          throw new IntakeError(
            'PARSE',
            `Unterminated quote: the quoted field that starts in row ${this.rowOffset + this.records + 1}, field ${fields.length + 1} is never closed. To read such quotes as text, tick "Read stray quotes as text" (in the CLI, leave out --strict-quotes).`,
            { row: this.rowOffset + this.records + 1, field: fields.length + 1 },
          );
        }
        if (field.crossesLine && crossingQuote === -1) crossingQuote = open;
        value = text.slice(open + 1, field.close).replaceAll(this.quote + this.quote, this.quote);
        i = field.close + 1;
        // Text between a closing quote and the next delimiter is kept, as spreadsheets do.
        const stop = this.fieldEnd(text, i, final, scan);
        if (stop === -1) return null;
        value += stripCr(text, i, stop);
        i = stop;
      } else {
        const stop = this.fieldEnd(text, i, final, scan);
        if (stop === -1) return null;
        value = stripCr(text, i, stop);
        i = stop;
      }
      fields.push(value);
      if (i < length && text.startsWith(delimiter, i)) {
        i += delimiter.length;
        continue;
      }
      // The quoted field ran into the next lines and made the row too long: it opened by mistake.
      if (
        this.rules.lenient &&
        crossingQuote !== -1 &&
        this.expectedFields !== undefined &&
        fields.length > this.expectedFields
      )
        return { stray: crossingQuote };
      return { fields, next: i < length ? i + 1 : i };
    }
  }

  /**
   * Where the quoted field starting at `from` opens: its first character, or (leniently) the quote
   * after leading spaces (`a, "b, c"`); -1 when the field is not quoted or that quote reads as text.
   */
  private openingQuote(text: string, from: number, literal: ReadonlySet<number>): number {
    let at = from;
    if (this.rules.lenient && this.rules.delimiter !== SPACE) while (text.charCodeAt(at) === SPACE) at++;
    if (at >= text.length || text.charCodeAt(at) !== this.rules.quote || literal.has(at)) return -1;
    return at;
  }

  private noteStray(row: number): void {
    this.strays.count += 1;
    if (this.strays.rows.length < MAX_NOTED_ROWS) this.strays.rows.push(row);
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
