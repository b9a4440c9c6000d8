import { IntakeError } from '../../../../src-shared/errors';
import type { CsvParserOptions } from './csv-parser';
import { byteUnits, readQuotedField, type CodeUnits, type QuoteRules } from './quoted-field';

/** Told where each record of the scanned bytes ends and how many fields it has. */
export type RecordEndSink = (end: number, fieldCount: number) => void;

/** How the scanned records end and are quoted: CsvParser's options, which must be given to both alike. */
export type ByteRecordScannerOptions = CsvParserOptions;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/** One record scanned: where the next starts, its field count, and whether it was a blank line. */
type RecordScan = { next: number; fields: number; blank: boolean } | { stray: number } | 'more';

/**
 * Finds CSV record boundaries and field counts in raw bytes, without decoding or building
 * strings. This works for UTF-8 and every single-byte code page Intake reads, because their
 * structural characters (quote, delimiter, CR, LF) are ASCII bytes that never occur inside a
 * multi-byte sequence. Scanning bytes measured 3–4× faster than scanning a decoded string.
 * The rules are CsvParser's: a quote opens a quoted field only at the start of a field (or after
 * spaces, leniently), text after a closing quote belongs to the field, a stray quote is read as
 * text (leniently), blank lines are not records, and with `loneCr` a carriage return not followed
 * by a line feed ends a record.
 */
export class ByteRecordScanner {
  private records = 0;
  private strays = 0;
  private readonly loneCr: boolean;
  private readonly rules: QuoteRules;
  private readonly expectedFields: number | undefined;
  /** Added to record counts to name rows (firstRow − 1). */
  private readonly rowOffset: number;

  constructor(
    private readonly delimiter: number,
    settings: ByteRecordScannerOptions = {},
  ) {
    this.loneCr = settings.loneCr ?? false;
    this.rowOffset = (settings.firstRow ?? 1) - 1;
    this.expectedFields = settings.expectedFields;
    this.rules = {
      quote: (settings.quote ?? '"').charCodeAt(0),
      delimiter,
      loneCr: this.loneCr,
      lenient: settings.lenientQuotes ?? true,
    };
  }

  /** Records found so far (header included). */
  get recordCount(): number {
    return this.records;
  }

  /** Records so far in which a stray quote was read as text (lenient reading). */
  get strayQuoteCount(): number {
    return this.strays;
  }

  /**
   * Scans `bytes` from the start; calls `sink` at each complete record's end (just past its line
   * feed, or the end of the bytes when final) and returns where scanning stopped: the start of an
   * incomplete record, to be carried into the next call.
   */
  scan(bytes: Uint8Array, final: boolean, sink: RecordEndSink): number {
    const units = byteUnits(bytes);
    let position = 0;
    while (position < bytes.length) {
      let literal: Set<number> | null = null;
      let record = this.scanRecord(bytes, units, position, final, literal);
      while (typeof record === 'object' && 'stray' in record) {
        // Read the record again with that quote as text: what follows it is decided anew.
        literal ??= new Set();
        literal.add(record.stray);
        record = this.scanRecord(bytes, units, position, final, literal);
      }
      if (record === 'more') return position;
      if (!record.blank) {
        this.records += 1;
        if (literal) this.strays += 1;
        sink(record.next, record.fields);
      }
      position = record.next;
    }
    return position;
  }

  private scanRecord(
    bytes: Uint8Array,
    units: CodeUnits,
    position: number,
    final: boolean,
    literal: ReadonlySet<number> | null,
  ): RecordScan {
    const length = bytes.length;
    const delimiter = this.delimiter;
    const { quote, lenient } = this.rules;
    const spacesOpen = lenient && delimiter !== SPACE;
    let fields = 1;
    let fieldStart = position;
    let crossingQuote = -1;
    for (let i = position; i < length; i++) {
      const byte = bytes[i]!;
      if (byte === delimiter) {
        fields += 1;
        fieldStart = i + 1;
      } else if (byte === LF) {
        const blank = i === position || (i === position + 1 && bytes[position] === CR);
        return this.ended(i + 1, fields, blank, crossingQuote);
      } else if (byte === CR && this.loneCr) {
        if (i + 1 >= length) {
          // The next bytes may start with this CR's LF: decide with them.
          if (!final) return 'more';
        } else if (bytes[i + 1] === LF) {
          continue;
        }
        return this.ended(i + 1, fields, i === position, crossingQuote);
      } else if (i === fieldStart && (byte === quote || (byte === SPACE && spacesOpen))) {
        let open = i;
        if (byte === SPACE) while (bytes[open] === SPACE) open++;
        if (bytes[open] !== quote || literal?.has(open)) continue;
        const field = readQuotedField(units, open, final, this.rules, open > i);
        if (field.kind === 'more') return 'more';
        if (field.kind === 'literal') return { stray: open };
        if (field.kind === 'unterminated') {
          throw new IntakeError(
            'PARSE',
            `Unterminated quote: the quoted field that starts in row ${this.rowOffset + this.records + 1}, field ${fields} is never closed before the end of the file. To read such quotes as text, tick "Read stray quotes as text" (in the CLI, leave out --strict-quotes).`,
            { row: this.rowOffset + this.records + 1, field: fields },
          );
        }
        if (field.crossesLine && crossingQuote === -1) crossingQuote = open;
        i = field.close;
      }
    }
    if (!final) return 'more';
    const blank = length === position || (length === position + 1 && bytes[position] === CR);
    return this.ended(length, fields, blank, crossingQuote);
  }

  /** A record's end, unless its quoted field ran over a line end and made it longer than the header. */
  private ended(next: number, fields: number, blank: boolean, crossingQuote: number): RecordScan {
    const expected = this.expectedFields;
    if (this.rules.lenient && crossingQuote !== -1 && expected !== undefined && fields > expected)
      return { stray: crossingQuote };
    return { next, fields, blank };
  }
}
