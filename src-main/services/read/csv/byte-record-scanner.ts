import { IntakeError } from '../../../../src-shared/errors';

/** Told where each record of the scanned bytes ends and how many fields it has. */
export type RecordEndSink = (end: number, fieldCount: number) => void;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds CSV record boundaries and field counts in raw bytes, without decoding or building
 * strings. This works for UTF-8 and every single-byte code page Intake reads, because their
 * structural characters (quote, delimiter, CR, LF) are ASCII bytes that never occur inside a
 * multi-byte sequence. Scanning bytes measured 3–4× faster than scanning a decoded string.
 * The rules are CsvParser's: a quote opens a quoted field only at the start of a field, text
 * after a closing quote belongs to the field, blank lines are not records, and with `loneCr` a
 * carriage return not followed by a line feed ends a record.
 */
export class ByteRecordScanner {
  private records = 0;

  constructor(
    private readonly delimiter: number,
    /** A carriage return alone ends a record too (classic Mac OS files, or a mix of line ends). */
    private readonly loneCr = false,
  ) {}

  /** Records found so far (header included). */
  get recordCount(): number {
    return this.records;
  }

  /**
   * Scans `bytes` from the start; calls `sink` at each complete record's end (just past its line
   * feed, or the end of the bytes when final) and returns where scanning stopped: the start of an
   * incomplete record, to be carried into the next call.
   */
  scan(bytes: Uint8Array, final: boolean, sink: RecordEndSink): number {
    const length = bytes.length;
    const delimiter = this.delimiter;
    let position = 0;
    records: while (position < length) {
      let fields = 1;
      let fieldStart = position;
      for (let i = position; i < length; i++) {
        const byte = bytes[i]!;
        if (byte === delimiter) {
          fields += 1;
          fieldStart = i + 1;
        } else if (byte === LF) {
          const blank = i === position || (i === position + 1 && bytes[position] === CR);
          if (!blank) {
            this.records += 1;
            sink(i + 1, fields);
          }
          position = i + 1;
          continue records;
        } else if (byte === CR && this.loneCr) {
          if (i + 1 >= length) {
            // The next bytes may start with this CR's LF: decide with them.
            if (!final) return position;
          } else if (bytes[i + 1] === LF) {
            continue;
          }
          if (i > position) {
            this.records += 1;
            sink(i + 1, fields);
          }
          position = i + 1;
          continue records;
        } else if (byte === QUOTE && i === fieldStart) {
          const close = this.closingQuote(bytes, i + 1, final);
          if (close === -1) return position;
          i = close;
        }
      }
      if (!final) return position;
      const blank = length === position || (length === position + 1 && bytes[position] === CR);
      if (!blank) {
        this.records += 1;
        sink(length, fields);
      }
      return length;
    }
    return position;
  }

  /** The offset of the quote closing a quoted field, skipping doubled quotes; -1 if not in these bytes yet. */
  private closingQuote(bytes: Uint8Array, from: number, final: boolean): number {
    for (let at = bytes.indexOf(QUOTE, from); ; at = bytes.indexOf(QUOTE, at + 2)) {
      if (at === -1 || (at + 1 >= bytes.length && !final)) {
        if (!final) return -1;
        throw new IntakeError(
          'PARSE',
          `Unterminated quote: the quoted field that starts in row ${this.records + 1} is never closed before the end of the file.`,
          { row: this.records + 1 },
        );
      }
      if (bytes[at + 1] !== QUOTE) return at;
    }
  }
}
