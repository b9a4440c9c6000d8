import { IntakeError } from '../../../../src-shared/errors';
import {
  attribute,
  CarryOver,
  emptyTag,
  cdataText,
  columnOfReference,
  decodeXmlText,
  nameIs,
  needsDecoding,
  parseDecimal,
  readTag,
  type Tag,
} from './xml-bytes';

/** A cell's `t`: how its value is stored (numbers, so the hot path compares integers). */
export const CellKind = {
  /** A number (also a date: its style says so). `t` omitted or "n". */
  Number: 0,
  /** An index into the shared strings. */
  Shared: 1,
  /** A formula's text result. */
  FormulaText: 2,
  /** Text in the cell itself (`<is><t>`). */
  Inline: 3,
  Boolean: 4,
  Error: 5,
  /** An ISO 8601 date (`t="d"`, rare). */
  IsoDate: 6,
} as const;
export type CellKind = (typeof CellKind)[keyof typeof CellKind];

/** What the scanner hands each value to; a blank cell is not handed at all. */
export interface SheetConsumer {
  /** A value whose bytes need no decoding (numbers, indexes, plain text), as bytes [start, end). */
  cellBytes(column: number, kind: CellKind, style: number, buf: Buffer, start: number, end: number): void;
  /** A value that was decoded (entities, rich text runs, inline strings). */
  cellText(column: number, kind: CellKind, style: number, text: string): void;
  /** The end of sheet row `rowNumber` (1-based, as Excel numbers it); false stops the scan. */
  rowEnd(rowNumber: number): boolean;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/**
 * Reads a worksheet part pushed in chunks of inflated bytes, cell by cell, holding only the cell
 * being read. Rows and cells without an `r` take the position after the previous one, as the
 * format allows. The merged ranges (stored after the cells) are kept for the header.
 */
export class SheetScanner {
  /** Merged ranges ("B3:C3") seen after the cells. */
  readonly merges: string[] = [];
  private readonly carry = new CarryOver();
  private row = 0;
  private column = -1;
  private inRow = false;
  private afterData = false;
  private stopped = false;
  private readonly tag: Tag = emptyTag();

  constructor(
    private readonly consumer: SheetConsumer,
    private readonly label: string,
  ) {}

  /** Whether the consumer asked to stop. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Scans the next chunk; a tag or cell cut by the chunk's end waits for the next one. */
  push(chunk: Buffer): void {
    if (this.stopped) return;
    const buf = this.carry.join(chunk);
    let at = buf.indexOf(LT);
    while (at !== -1 && !this.stopped) {
      const next = this.element(buf, at);
      if (next === -1) {
        this.carry.keep(buf, at);
        return;
      }
      // Elements usually follow each other with nothing between: no search needed.
      at = buf[next] === LT ? next : buf.indexOf(LT, next);
    }
  }

  /** The end of the part: a row or cell left open means the sheet is cut short. */
  end(): void {
    if (this.stopped) return;
    if (this.carry.pending > 0 && this.inRow) {
      throw new IntakeError('PARSE', `${this.label} is cut short: the sheet ends inside row ${this.row}.`, {
        file: this.label,
        row: this.row,
      });
    }
  }

  /** Reads the element at `at`; returns where scanning goes on, or -1 when the buffer ends inside it. */
  private element(buf: Buffer, at: number): number {
    const first = buf[at + 1];
    if (first === undefined) return -1;
    if (this.inRow && !this.afterData && isCellStart(buf, at)) return this.cell(buf, at);
    const tag = this.tag;
    if (!readTag(buf, at, tag)) return -1;
    if (tag.special) return tag.end;
    if (this.afterData) {
      if (!tag.closing && nameIs(buf, tag, 'mergeCell')) {
        const ref = attributeValue(buf, tag, 'ref');
        if (ref) this.merges.push(ref);
      }
      return tag.end;
    }
    if (nameIs(buf, tag, 'row')) {
      if (tag.closing) return this.endRow(tag.end);
      const r = attribute(buf, tag, 'r');
      this.row = r ? parseDecimal(buf, r[0], r[1]) : this.row + 1;
      if (this.row < 1) this.row = 1;
      this.column = -1;
      this.inRow = true;
      return tag.selfClosing ? this.endRow(tag.end) : tag.end;
    }
    if (!tag.closing && nameIs(buf, tag, 'c')) return this.cell(buf, at);
    if (tag.closing && nameIs(buf, tag, 'sheetData')) this.afterData = true;
    return tag.end;
  }

  private endRow(next: number): number {
    this.inRow = false;
    if (!this.consumer.rowEnd(this.row)) this.stopped = true;
    return next;
  }

  /**
   * Reads one whole cell from its `<c`: its reference, type and style in one pass over the start
   * tag, then its value — by the fast path (`<v>…</v></c>`) or by walking its inner tags.
   */
  private cell(buf: Buffer, at: number): number {
    let pos = at + 1;
    const length = buf.length;
    while (pos < length && buf[pos] !== 0x20 && buf[pos] !== GT && buf[pos] !== SLASH) pos++;
    let refStart = -1;
    let refEnd = -1;
    let kind: CellKind = CellKind.Number;
    let style = 0;
    // Attributes: name="value" pairs up to `>` or `/>`.
    for (;;) {
      while (pos < length && buf[pos]! <= 0x20) pos++;
      if (pos >= length) return -1;
      const byte = buf[pos]!;
      if (byte === GT || byte === SLASH) break;
      const nameStart = pos;
      while (pos < length && buf[pos] !== 0x3d) pos++;
      const nameEnd = pos;
      while (pos < length && buf[pos] !== 0x22 && buf[pos] !== 0x27) pos++;
      if (pos >= length) return -1;
      // Values here are a few bytes: plain loops beat the native calls' fixed cost, 12 million times.
      const quote = buf[pos]!;
      const valueStart = pos + 1;
      let valueEnd = valueStart;
      while (valueEnd < length && buf[valueEnd] !== quote) valueEnd++;
      if (valueEnd >= length) return -1;
      if (nameEnd - nameStart === 1) {
        const name = buf[nameStart];
        if (name === 0x72) {
          refStart = valueStart;
          refEnd = valueEnd;
        } else if (name === 0x73) style = parseDecimal(buf, valueStart, valueEnd);
        else if (name === 0x74) kind = kindOf(buf, valueStart, valueEnd);
      }
      pos = valueEnd + 1;
    }
    const selfClosing = buf[pos] === SLASH;
    let tagEnd = pos;
    while (tagEnd < length && buf[tagEnd] !== GT) tagEnd++;
    if (tagEnd >= length) return -1;
    const column = refStart === -1 ? this.column + 1 : columnOfReference(buf, refStart, refEnd);
    if (selfClosing) {
      this.column = column < 0 ? this.column + 1 : column;
      return tagEnd + 1;
    }
    // The fast path: `<v>value</v></c>` with no prefix and nothing to decode.
    const valueStart = tagEnd + 4;
    if (buf[tagEnd + 1] === LT && buf[tagEnd + 2] === 0x76 && buf[tagEnd + 3] === GT) {
      let valueEnd = valueStart;
      while (valueEnd < length && buf[valueEnd] !== LT) valueEnd++;
      if (valueEnd + 8 > length) return -1;
      if (isFastEnd(buf, valueEnd)) {
        this.column = column < 0 ? this.column + 1 : column;
        if (kind === CellKind.FormulaText && needsDecoding(buf, valueStart, valueEnd)) {
          this.consumer.cellText(this.column, kind, style, decodeXmlText(buf, valueStart, valueEnd));
        } else {
          this.consumer.cellBytes(this.column, kind, style, buf, valueStart, valueEnd);
        }
        return valueEnd + 8;
      }
    }
    return this.cellContent(buf, tagEnd + 1, kind, style, column);
  }

  /** The slow path: walks a cell's inner tags (`<f>`, `<v>`, `<is>` with runs) to its `</c>`. */
  private cellContent(buf: Buffer, from: number, kind: CellKind, style: number, column: number): number {
    const tag = this.tag;
    let text: string | null = null;
    let capture = false;
    let phonetic = 0;
    let captureStart = -1;
    for (let at = buf.indexOf(LT, from); ; at = buf.indexOf(LT, tag.end)) {
      if (at === -1 || !readTag(buf, at, tag)) return -1;
      if (capture && captureStart !== -1 && at > captureStart) {
        text = (text ?? '') + decodeXmlText(buf, captureStart, at);
      }
      captureStart = -1;
      if (tag.special) {
        const cdata = cdataText(buf, tag);
        if (capture && cdata) text = (text ?? '') + buf.toString('utf8', cdata[0], cdata[1]);
        if (capture) captureStart = tag.end;
        continue;
      }
      if (nameIs(buf, tag, 'c') && tag.closing) {
        this.column = column < 0 ? this.column + 1 : column;
        if (text !== null) this.consumer.cellText(this.column, kind, style, text);
        return tag.end;
      }
      if (nameIs(buf, tag, 'rPh')) phonetic += tag.closing ? -1 : tag.selfClosing ? 0 : 1;
      else if (nameIs(buf, tag, 'v') || nameIs(buf, tag, 't')) {
        // An inline string's text is in `<t>`; every other kind's value in `<v>`. Phonetic runs are not the value.
        const wanted = (kind === CellKind.Inline) === nameIs(buf, tag, 't') && phonetic === 0;
        capture = wanted && !tag.closing && !tag.selfClosing;
        if (capture) {
          text ??= '';
          captureStart = tag.end;
        }
      }
    }
  }
}

/** Whether `</v></c>` starts at `at` (the caller checked that 8 bytes are there). */
function isFastEnd(buf: Buffer, at: number): boolean {
  return (
    buf[at + 1] === SLASH &&
    buf[at + 2] === 0x76 &&
    buf[at + 3] === GT &&
    buf[at + 4] === LT &&
    buf[at + 5] === SLASH &&
    buf[at + 6] === 0x63 &&
    buf[at + 7] === GT
  );
}

/** A `t` attribute's value as a kind, read from its bytes (n, s, b, e, d, str, inlineStr). */
function kindOf(buf: Buffer, start: number, end: number): CellKind {
  const first = buf[start];
  const length = end - start;
  if (length === 1) {
    if (first === 0x73) return CellKind.Shared;
    if (first === 0x62) return CellKind.Boolean;
    if (first === 0x65) return CellKind.Error;
    if (first === 0x64) return CellKind.IsoDate;
    return CellKind.Number;
  }
  if (length === 3 && first === 0x73) return CellKind.FormulaText;
  if (length === 9 && first === 0x69) return CellKind.Inline;
  return CellKind.Number;
}

/** `<c ` or `<c>` right at `at` (no namespace prefix): a cell, read by the fast path. */
function isCellStart(buf: Buffer, at: number): boolean {
  if (buf[at + 1] !== 0x63) return false;
  const after = buf[at + 2];
  return after === 0x20 || after === GT || after === SLASH;
}

function attributeValue(buf: Buffer, tag: Tag, name: string): string | null {
  const range = attribute(buf, tag, name);
  return range ? buf.toString('utf8', range[0], range[1]) : null;
}
