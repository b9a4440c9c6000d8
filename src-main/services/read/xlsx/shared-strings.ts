import type { Readable } from 'node:stream';
import { IntakeError } from '../../../../src-shared/errors';
import { cdataText, decodeXmlText, nameIs, needsDecoding, readTag, type Tag } from './xml-bytes';

const LT = 0x3c;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * A workbook's shared strings (the text of most text cells, stored once), kept as UTF-8 bytes in
 * one buffer with offsets: a million strings cost their bytes plus 5 bytes each, not a million JS
 * strings, and staging copies a cell's bytes into its CSV without decoding them.
 */
export class SharedStrings {
  private bytes: Buffer;
  private length = 0;
  private offsets: Uint32Array;
  /** Per string: whether it needs quoting in CSV (a comma, quote or line break in it). */
  private quoted: Uint8Array;
  private count = 0;

  constructor(expectedBytes = 1 << 16, expectedCount = 1 << 10) {
    // The text is never longer than the XML that holds it: one allocation, touched only as filled.
    this.bytes = Buffer.allocUnsafe(Math.max(1 << 16, expectedBytes));
    this.offsets = new Uint32Array(Math.max(1 << 10, expectedCount) + 1);
    this.quoted = new Uint8Array(Math.max(1 << 10, expectedCount));
  }

  /** How many strings are held. */
  get size(): number {
    return this.count;
  }

  /** String `index` as text (preview). */
  text(index: number): string | null {
    if (index < 0 || index >= this.count) return null;
    return this.bytes.toString('utf8', this.offsets[index]!, this.offsets[index + 1]!);
  }

  /** Whether string `index` must be quoted in CSV. */
  needsQuotes(index: number): boolean {
    return this.quoted[index] === 1;
  }

  /** The byte range of string `index` in `buffer()`, or null when there is no such string. */
  range(index: number): [number, number] | null {
    if (index < 0 || index >= this.count) return null;
    return [this.offsets[index]!, this.offsets[index + 1]!];
  }

  /** The buffer the ranges point into (valid until the next append). */
  buffer(): Buffer {
    return this.bytes;
  }

  /** Appends bytes [start, end) of `source` as the next string. */
  appendBytes(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    source.copy(this.bytes, this.length, start, end);
    this.finish(this.length + (end - start));
  }

  /** Appends a decoded string as the next one. */
  appendText(text: string): void {
    const byteLength = Buffer.byteLength(text);
    this.reserve(byteLength);
    this.bytes.write(text, this.length, 'utf8');
    this.finish(this.length + byteLength);
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
      const quoted = new Uint8Array(this.quoted.length * 2);
      quoted.set(this.quoted);
      this.quoted = quoted;
    }
  }

  private finish(end: number): void {
    const start = this.length;
    let quote = 0;
    for (let at = start; at < end; at++) {
      const byte = this.bytes[at];
      if (byte === COMMA || byte === QUOTE || byte === LF || byte === CR) {
        quote = 1;
        break;
      }
    }
    this.quoted[this.count] = quote;
    this.count += 1;
    this.length = end;
    this.offsets[this.count] = end;
  }
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
  private carry: Buffer | null = null;
  private readonly tag: Tag = {
    start: 0,
    end: 0,
    nameStart: 0,
    nameEnd: 0,
    closing: false,
    selfClosing: false,
    special: false,
  };

  constructor(
    private readonly strings: SharedStrings,
    private readonly label: string,
  ) {}

  push(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let at = buf.indexOf(LT);
    while (at !== -1) {
      const next = this.element(buf, at);
      if (next === -1) {
        this.carry = Buffer.from(buf.subarray(at));
        return;
      }
      at = buf.indexOf(LT, next);
    }
  }

  end(): void {
    if (this.carry && this.carry.length > 0) {
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
    const start = at + prefix;
    const end = buf.indexOf(LT, start);
    if (end === -1 || end + T_SI_END.length > buf.length) return -1;
    if (!startsWith(buf, end, T_SI_END)) return 0;
    if (needsDecoding(buf, start, end)) this.strings.appendText(decodeXmlText(buf, start, end));
    else this.strings.appendBytes(buf, start, end);
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

function startsWith(buf: Buffer, at: number, prefix: Buffer): boolean {
  return (
    at + prefix.length <= buf.length && buf.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0
  );
}
