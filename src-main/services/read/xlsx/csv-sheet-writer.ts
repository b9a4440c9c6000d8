import { IntakeError } from '../../../../src-shared/errors';
import { cellText, shortestNumber, type CellContext } from './cell-values';
import { SERIAL_TEXT_BYTES, writeSerial } from './number-formats';
import { parseDecimal } from './xml-bytes';
import { CellKind, type SheetConsumer } from './sheet-scanner';
import type { SharedStrings } from './shared-strings';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/** Where the rows of a sheet go, as comma-separated UTF-8 records (what every dataset stores). */
export interface CsvRowSink {
  /** `count` records in `data` (one LF-terminated line each); `data` is reused after the call. */
  rows(data: Buffer, count: number): void;
  /** Data row `index` (0-based) has `fields` fields, more than the header's. */
  ragged(index: number, fields: number): void;
  /** Data row `index` is sheet row `rowNumber` (blank rows are not kept, so numbers can jump). */
  rowNumber(index: number, rowNumber: number): void;
}

/** Which rows of the sheet are the table's data. */
export interface SheetTable {
  /** Sheet rows before the header (by Excel's row number). */
  skipRows: number;
  /** Non-blank rows that form the header (0 without one). */
  headerRows: number;
  /** The header's width: shorter rows are padded with blanks. */
  width: number;
}

/**
 * Writes a sheet's data rows as CSV bytes straight from the sheet's bytes: numbers, indexes and
 * shared strings are copied, never decoded; only dates, long numbers and decoded text go through
 * strings. Blank rows are left out, as blank lines are in CSV.
 */
export class CsvSheetWriter implements SheetConsumer {
  private out = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  private rowStart = 0;
  private fields = 0;
  private pendingRows = 0;
  private dataRows = 0;
  /** Byte offsets in `out` where each whole chunk of `rowsPerChunk` pending rows ends. */
  private chunkEnds: number[] = [];
  private headerLeft: number;
  private readonly strings: SharedStrings | null;

  constructor(
    private readonly context: CellContext,
    private readonly table: SheetTable,
    private readonly sink: CsvRowSink,
    private readonly label: string,
    private readonly rowsPerChunk: number,
  ) {
    this.headerLeft = table.headerRows;
    this.strings = context.strings;
  }

  /** Whole chunks held, ready for `flush`. */
  get readyChunks(): number {
    return this.chunkEnds.length;
  }

  /** Data rows written so far. */
  get rowCount(): number {
    return this.dataRows + this.pendingRows;
  }

  cellBytes(column: number, kind: CellKind, style: number, buf: Buffer, start: number, end: number): void {
    this.startField(column);
    switch (kind) {
      case CellKind.Number: {
        const dateKind = this.context.styleKinds[style] ?? null;
        if (dateKind === null) {
          if (end - start <= 15 && !hasExponent(buf, start, end)) this.copy(buf, start, end);
          else
            this.writeAscii(
              shortestNumber(buf.toString('latin1', start, end), Number(buf.toString('latin1', start, end))),
            );
          return;
        }
        // A date: its ISO text written straight into the row.
        const serial = parsePlainDecimal(buf, start, end);
        this.reserve(SERIAL_TEXT_BYTES);
        const written = writeSerial(serial, dateKind, this.context.date1904, this.out, this.length);
        if (written !== -1) this.length = written;
        else {
          const raw = buf.toString('latin1', start, end);
          this.writeAscii(shortestNumber(raw, Number(raw)));
        }
        return;
      }
      case CellKind.Shared:
        return this.shared(buf, start, end);
      case CellKind.Boolean: {
        const word = buf[start] === 0x31 || buf[start] === 0x74 ? TRUE : FALSE;
        return this.copy(word, 0, word.length);
      }
      default:
        return this.field(buf, start, end);
    }
  }

  cellText(column: number, kind: CellKind, style: number, text: string): void {
    this.startField(column);
    const value = cellText(this.context, kind, style, text);
    const bytes = Buffer.from(value, 'utf8');
    this.field(bytes, 0, bytes.length);
  }

  rowEnd(rowNumber: number): boolean {
    if (rowNumber <= this.table.skipRows || this.fields === 0) return this.dropRow();
    if (this.headerLeft > 0) {
      this.headerLeft -= 1;
      return this.dropRow();
    }
    this.sink.rowNumber(this.rowCount, rowNumber);
    if (this.fields > this.table.width) this.sink.ragged(this.rowCount, this.fields);
    for (let i = this.fields; i < this.table.width; i++) if (i > 0) this.byte(COMMA);
    this.byte(LF);
    this.rowStart = this.length;
    this.fields = 0;
    this.pendingRows += 1;
    if (this.pendingRows % this.rowsPerChunk === 0) this.chunkEnds.push(this.length);
    return true;
  }

  /**
   * Hands the whole chunks held to the sink, and with `all` the last short one too. The caller
   * chooses when (inside its transaction), so a sheet's chunks commit together.
   */
  flush(all: boolean): void {
    let from = 0;
    for (const end of this.chunkEnds) {
      this.sink.rows(this.out.subarray(from, end), this.rowsPerChunk);
      from = end;
    }
    const written = this.chunkEnds.length * this.rowsPerChunk;
    this.chunkEnds = [];
    this.dataRows += written;
    this.pendingRows -= written;
    if (all && this.pendingRows > 0) {
      this.sink.rows(this.out.subarray(from, this.rowStart), this.pendingRows);
      this.dataRows += this.pendingRows;
      this.pendingRows = 0;
      from = this.rowStart;
    }
    // Keep what is not written yet (short chunk, and the row being read) at the buffer's start.
    this.out.copy(this.out, 0, from, this.length);
    this.length -= from;
    this.rowStart -= from;
  }

  private dropRow(): boolean {
    this.length = this.rowStart;
    this.fields = 0;
    return true;
  }

  /** Writes the commas (and blank fields) up to `column`; cells must come left to right. */
  private startField(column: number): void {
    if (column < this.fields) {
      throw new IntakeError(
        'PARSE',
        `${this.label}: a cell in column ${column + 1} comes after one further right in the same row; the sheet is damaged.`,
        { file: this.label, column: column + 1 },
      );
    }
    // Room for the commas and a typical value at once; longer values reserve for themselves.
    this.reserve(column - this.fields + 64);
    const out = this.out;
    let at = this.length;
    for (let i = this.fields; i <= column; i++) if (i > 0) out[at++] = COMMA;
    this.length = at;
    this.fields = column + 1;
  }

  private shared(buf: Buffer, start: number, end: number): void {
    const index = parseDecimal(buf, start, end);
    const strings = this.strings;
    if (!strings?.has(index)) {
      throw new IntakeError(
        'PARSE',
        `${this.label}: a cell refers to shared string ${index}, which the workbook does not have; the file is damaged.`,
        { file: this.label, index },
      );
    }
    // Stored as the CSV field it becomes (quoted where needed): copied as it is.
    this.copy(strings.buffer(), strings.start(index), strings.end(index));
  }

  /** A text field, quoted when it holds a comma, a quote or a line break. */
  private field(buf: Buffer, start: number, end: number): void {
    for (let at = start; at < end; at++) {
      const byte = buf[at];
      if (byte === COMMA || byte === QUOTE || byte === LF || byte === 0x0d)
        return this.quoted(buf, start, end);
    }
    this.copy(buf, start, end);
  }

  private quoted(buf: Buffer, start: number, end: number): void {
    this.byte(QUOTE);
    let from = start;
    for (let at = start; at < end; at++) {
      if (buf[at] === QUOTE) {
        this.copy(buf, from, at + 1);
        this.byte(QUOTE);
        from = at + 1;
      }
    }
    this.copy(buf, from, end);
    this.byte(QUOTE);
  }

  private copy(buf: Buffer, start: number, end: number): void {
    if (this.length + (end - start) > this.out.length) this.reserve(end - start);
    // Most fields are a few bytes: a loop is cheaper than the native copy's fixed cost.
    if (end - start < 48) {
      const out = this.out;
      let at = this.length;
      for (let from = start; from < end; from++) out[at++] = buf[from]!;
      this.length = at;
    } else this.length += buf.copy(this.out, this.length, start, end);
  }

  private writeAscii(text: string): void {
    this.reserve(text.length);
    this.length += this.out.write(text, this.length, 'latin1');
  }

  private byte(value: number): void {
    this.reserve(1);
    this.out[this.length++] = value;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.length + bytes));
    this.out.copy(grown, 0, 0, this.length);
    this.out = grown;
  }
}

/**
 * A number written as plain decimal digits (`45444.57326388889`) without making a string: the
 * digits as one integer divided by a power of ten is the same double Number() gives, since both
 * are exact and IEEE division rounds correctly — up to 15 digits; longer or other forms go through
 * Number().
 */
export function parsePlainDecimal(buf: Buffer, start: number, end: number): number {
  let mantissa = 0;
  let digitCount = 0;
  let scale = 1;
  let fraction = false;
  for (let at = start; at < end; at++) {
    const byte = buf[at]!;
    if (byte === 0x2e && !fraction) {
      fraction = true;
      continue;
    }
    const digit = byte - 0x30;
    if (digit < 0 || digit > 9 || ++digitCount > 15) return Number(buf.toString('latin1', start, end));
    mantissa = mantissa * 10 + digit;
    if (fraction) scale *= 10;
  }
  return digitCount === 0 ? Number.NaN : mantissa / scale;
}

function hasExponent(buf: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if ((buf[at]! | 0x20) === 0x65) return true;
  return false;
}
