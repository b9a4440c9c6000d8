import type { Readable } from 'node:stream';
import { IntakeError } from '../../../../src-shared/errors';
import { CarryOver, cdataText, decodeXmlText, nameIs, readTag, emptyTag, type Tag } from './xml-bytes';

const LT = 0x3c;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const AMP = 0x26;
const UNDERSCORE = 0x5f;
const LOWER_X = 0x78;

/** What a byte of a string's text means to the fast path: one table lookup per byte. */
const END = 1;
const DECODE = 2;
const SPECIAL = 3;
const QUOTE_KIND = 4;
const BYTE_KINDS = new Uint8Array(256);
BYTE_KINDS[LT] = END;
BYTE_KINDS[AMP] = DECODE;
BYTE_KINDS[UNDERSCORE] = DECODE;
BYTE_KINDS[COMMA] = SPECIAL;
BYTE_KINDS[LF] = SPECIAL;
BYTE_KINDS[CR] = SPECIAL;
BYTE_KINDS[QUOTE] = QUOTE_KIND;

/**
 * A workbook's shared strings (the text of most text cells, stored once), kept as UTF-8 bytes in
 * one buffer with offsets: a million strings cost their bytes plus 5 bytes each, not a million JS
 * strings. Each is kept as the CSV field it becomes (quoted and its quotes doubled when it holds a
 * comma, a quote or a line break), so staging copies a cell's bytes without looking at them.
 */
export class SharedStrings {
  private bytes: Buffer;
  private length = 0;
  private offsets: Uint32Array;
  /** Per string: whether its field is quoted (its text is the field without the quoting). */
  private quoted: Uint8Array;
  private count = 0;

  constructor(expectedBytes = 1 << 16, expectedCount = 1 << 10) {
    // The text is rarely longer than the XML that holds it (quoting adds 2 bytes to a few): one
    // allocation, touched only as filled, grown if ever needed.
    this.bytes = Buffer.allocUnsafe(Math.max(1 << 16, expectedBytes));
    this.offsets = new Uint32Array(Math.max(1 << 10, expectedCount) + 1);
    this.quoted = new Uint8Array(this.offsets.length);
  }

  /** How many strings are held. */
  get size(): number {
    return this.count;
  }

  /** String `index` as text (preview), or null when there is no such string. */
  text(index: number): string | null {
    if (!(index >= 0 && index < this.count)) return null;
    const field = this.bytes.toString('utf8', this.offsets[index]!, this.offsets[index + 1]!);
    return this.quoted[index] === 1 ? field.slice(1, -1).replaceAll('""', '"') : field;
  }

  /** Whether there is a string `index`. */
  has(index: number): boolean {
    return index >= 0 && index < this.count;
  }

  /** Where string `index`'s CSV field starts and ends in `buffer()`. */
  start(index: number): number {
    return this.offsets[index]!;
  }

  end(index: number): number {
    return this.offsets[index + 1]!;
  }

  /** The buffer the offsets point into (valid until the next append). */
  buffer(): Buffer {
    return this.bytes;
  }

  /** Appends bytes [start, end) of `source` (UTF-8 text) as the next string. */
  appendBytes(source: Buffer, start: number, end: number): void {
    this.appendField(source, start, end, quotingOf(source, start, end));
  }

  /**
   * Appends bytes [start, end) as the next string, with what the caller already found while
   * scanning them: -1 when the field needs no quotes, else how many quote characters it holds.
   */
  appendField(source: Buffer, start: number, end: number, quotes: number): void {
    if (quotes === -1) {
      this.reserve(end - start);
      const bytes = this.bytes;
      let at = this.length;
      if (end - start < 48) for (let from = start; from < end; from++) bytes[at++] = source[from]!;
      else at += source.copy(bytes, at, start, end);
      this.finish(at, 0);
      return;
    }
    // A field that needs quoting: "…", each quote doubled.
    this.reserve(end - start + quotes + 2);
    const bytes = this.bytes;
    let at = this.length;
    bytes[at++] = QUOTE;
    for (let from = start; from < end; from++) {
      const byte = source[from]!;
      if (byte === QUOTE) bytes[at++] = QUOTE;
      bytes[at++] = byte;
    }
    bytes[at++] = QUOTE;
    this.finish(at, 1);
  }

  /** Appends a decoded string as the next one. */
  appendText(text: string): void {
    const encoded = Buffer.from(text, 'utf8');
    this.appendBytes(encoded, 0, encoded.length);
  }

  private reserve(byteLength: number): void {
    if (this.length + byteLength > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + byteLength));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    if (this.count + 1 >= this.offsets.length) {
      const offsets = new Uint32Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const quoted = new Uint8Array(offsets.length);
      quoted.set(this.quoted);
      this.quoted = quoted;
    }
  }

  private finish(end: number, quoted: number): void {
    this.quoted[this.count] = quoted;
    this.count += 1;
    this.length = end;
    this.offsets[this.count] = end;
  }
}

/** -1 when bytes [start, end) make a CSV field as they are, else the number of quotes to double. */
function quotingOf(source: Buffer, start: number, end: number): number {
  let quotes = -1;
  for (let at = start; at < end; at++) {
    const byte = source[at];
    if (byte === COMMA || byte === LF || byte === CR) quotes = Math.max(quotes, 0);
    else if (byte === QUOTE) quotes = Math.max(quotes, 0) + 1;
  }
  return quotes;
}

/**
 * Reads the shared strings part, streaming; with `upTo`, stops once string `upTo` is read (a
 * preview needs only the strings its first rows use, and Excel numbers them in order of use).
 */
export async function readSharedStrings(
  stream: Readable,
  partBytes: number,
  label: string,
  upTo = Infinity,
): Promise<SharedStrings> {
  const strings = new SharedStrings(upTo === Infinity ? partBytes : 1 << 16);
  const scanner = new SharedStringScanner(strings, label);
  for await (const chunk of stream) {
    scanner.push(chunk as Buffer);
    if (strings.size > upTo) {
      stream.destroy();
      return strings;
    }
  }
  scanner.end();
  return strings;
}

/** `<si><t>…</t></si>` and `<si><t xml:space="preserve">…</t></si>` are read by the fast path. */
const SI_T = Buffer.from('<si><t>');
const SI_T_PRESERVE = Buffer.from('<si><t xml:space="preserve">');
const T_SI_END = Buffer.from('</t></si>');

class SharedStringScanner {
  private readonly carry = new CarryOver();
  private readonly tag: Tag = emptyTag();

  constructor(
    private readonly strings: SharedStrings,
    private readonly label: string,
  ) {}

  push(chunk: Buffer): void {
    const buf = this.carry.join(chunk);
    let at = buf.indexOf(LT);
    while (at !== -1) {
      const next = this.element(buf, at);
      if (next === -1) {
        this.carry.keep(buf, at);
        return;
      }
      at = buf[next] === LT ? next : buf.indexOf(LT, next);
    }
  }

  end(): void {
    if (this.carry.pending > 0) {
      throw new IntakeError('PARSE', `${this.label} is cut short: its shared strings end inside a string.`, {
        file: this.label,
      });
    }
  }

  private element(buf: Buffer, at: number): number {
    const fast = this.fastString(buf, at);
    if (fast !== 0) return fast;
    const tag = this.tag;
    if (!readTag(buf, at, tag)) return -1;
    if (tag.special || tag.closing || !nameIs(buf, tag, 'si')) return tag.end;
    if (tag.selfClosing) {
      this.strings.appendBytes(buf, 0, 0);
      return tag.end;
    }
    return this.richString(buf, tag.end);
  }

  /** The common string: returns where it ends, 0 when it is not the common shape, -1 when cut. */
  private fastString(buf: Buffer, at: number): number {
    const prefix = startsWith(buf, at, SI_T)
      ? SI_T.length
      : startsWith(buf, at, SI_T_PRESERVE)
        ? SI_T_PRESERVE.length
        : 0;
    if (prefix === 0) return cutPrefix(buf, at, SI_T) || cutPrefix(buf, at, SI_T_PRESERVE) ? -1 : 0;
    // One pass finds the string's end and what it needs: decoding (`&…;`, `_xHHHH_`), quoting.
    const start = at + prefix;
    const length = buf.length;
    let end = start;
    let quotes = -1;
    let decode = false;
    for (; end < length; end++) {
      const kind = BYTE_KINDS[buf[end]!]!;
      if (kind === 0) continue;
      if (kind === END) break;
      if (kind === DECODE) decode ||= buf[end] === AMP || buf[end + 1] === LOWER_X;
      else if (kind === SPECIAL) quotes = Math.max(quotes, 0);
      else quotes = Math.max(quotes, 0) + 1;
    }
    if (end + T_SI_END.length > length) return -1;
    if (!startsWith(buf, end, T_SI_END)) return 0;
    if (decode) this.strings.appendText(decodeXmlText(buf, start, end));
    else this.strings.appendField(buf, start, end, quotes);
    return end + T_SI_END.length;
  }

  /** A string of runs (`<r><rPr/><t>…</t></r>…`): the runs' text joined, phonetic guides left out. */
  private richString(buf: Buffer, from: number): number {
    const tag = this.tag;
    let text = '';
    let capture = -1;
    let phonetic = 0;
    for (let at = buf.indexOf(LT, from); ; at = buf.indexOf(LT, tag.end)) {
      if (at === -1 || !readTag(buf, at, tag)) return -1;
      if (capture !== -1) text += decodeXmlText(buf, capture, at);
      capture = -1;
      if (tag.special) {
        const cdata = cdataText(buf, tag);
        if (cdata && phonetic === 0) text += buf.toString('utf8', cdata[0], cdata[1]);
        continue;
      }
      if (nameIs(buf, tag, 'si') && tag.closing) {
        this.strings.appendText(text);
        return tag.end;
      }
      if (nameIs(buf, tag, 'rPh')) phonetic += tag.closing ? -1 : tag.selfClosing ? 0 : 1;
      else if (nameIs(buf, tag, 't') && !tag.closing && !tag.selfClosing && phonetic === 0) capture = tag.end;
    }
  }
}

/** Whether the buffer ends within what could still become `prefix`. */
function cutPrefix(buf: Buffer, at: number, prefix: Buffer): boolean {
  const available = buf.length - at;
  return available < prefix.length && buf.compare(prefix, 0, available, at, buf.length) === 0;
}

/** Whether `prefix` is at `at` (a loop: the prefixes are a few bytes, compared millions of times). */
function startsWith(buf: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > buf.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix[i]) return false;
  return true;
}
