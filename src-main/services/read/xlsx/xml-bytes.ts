/**
 * Byte-level helpers for the parts of a workbook that can be hundreds of megabytes (a sheet, the
 * shared strings). They are machine-written, regular XML, so they are read as bytes: a tag is found
 * with indexOf, only the attributes a reader asks for are looked at, and text is decoded only where
 * it is kept. A general XML parser (saxes) took 2.5 s on the first 100 MB of the benchmark sheet where
 * this takes 0.32 s (both doing nothing with the cells).
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const QUOTE = 0x22;
const APOS = 0x27;
const AMP = 0x26;
const UNDERSCORE = 0x5f;

/** Where one tag sits in a buffer: its local name (namespace prefix dropped) and its kind. */
export interface Tag {
  /** Index of the `<`. */
  start: number;
  /** Index just after the `>`. */
  end: number;
  /** Local name bytes [nameStart, nameEnd). */
  nameStart: number;
  nameEnd: number;
  closing: boolean;
  selfClosing: boolean;
  /** `<!-- -->`, `<![CDATA[ ]]>`, `<? ?>` or a DOCTYPE: not an element. */
  special: boolean;
}

/** A Tag to read into: one per reader, reused for every tag it reads. */
export function emptyTag(): Tag {
  return { start: 0, end: 0, nameStart: 0, nameEnd: 0, closing: false, selfClosing: false, special: false };
}

/**
 * Reads the tag whose `<` is at `start`, or returns null when the buffer ends inside it. `>`
 * inside a quoted attribute value does not end the tag.
 */
export function readTag(buf: Buffer, start: number, tag: Tag): boolean {
  const first = buf[start + 1];
  if (first === undefined) return false;
  if (first === 0x21 || first === 0x3f) return readSpecial(buf, start, tag);
  const closing = first === SLASH;
  let at = closing ? start + 2 : start + 1;
  let nameStart = at;
  const length = buf.length;
  for (; at < length; at++) {
    const byte = buf[at]!;
    if (byte === COLON) nameStart = at + 1;
    else if (byte === GT || byte === SLASH || byte <= 0x20) break;
  }
  const nameEnd = at;
  let gt = buf.indexOf(GT, at);
  if (gt === -1) return false;
  // A quote before the `>` may hide a `>` inside an attribute value: walk the quotes.
  let quote = nextQuote(buf, at, gt);
  while (quote !== -1) {
    const close = buf.indexOf(buf[quote]!, quote + 1);
    if (close === -1) return false;
    if (close > gt) {
      gt = buf.indexOf(GT, close);
      if (gt === -1) return false;
    }
    quote = nextQuote(buf, close + 1, gt);
  }
  tag.start = start;
  tag.end = gt + 1;
  tag.nameStart = nameStart;
  tag.nameEnd = nameEnd;
  tag.closing = closing;
  tag.selfClosing = buf[gt - 1] === SLASH;
  tag.special = false;
  return true;
}

function nextQuote(buf: Buffer, from: number, to: number): number {
  for (let at = from; at < to; at++) {
    const byte = buf[at];
    if (byte === QUOTE || byte === APOS) return at;
  }
  return -1;
}

const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');

function readSpecial(buf: Buffer, start: number, tag: Tag): boolean {
  let end: number;
  if (buf[start + 1] === 0x3f) {
    const at = buf.indexOf(PI_END, start + 2);
    end = at === -1 ? -1 : at + 2;
  } else if (buf[start + 2] === 0x2d) {
    const at = buf.indexOf(COMMENT_END, start + 4);
    end = at === -1 ? -1 : at + 3;
  } else if (buf[start + 2] === 0x5b) {
    const at = buf.indexOf(CDATA_END, start + 9);
    end = at === -1 ? -1 : at + 3;
  } else {
    const at = buf.indexOf(GT, start);
    end = at === -1 ? -1 : at + 1;
  }
  if (end === -1) return false;
  tag.start = start;
  tag.end = end;
  tag.nameStart = start + 1;
  tag.nameEnd = start + 1;
  tag.closing = false;
  tag.selfClosing = true;
  tag.special = true;
  return true;
}

/** Whether the tag's local name is `name` (ASCII). */
export function nameIs(buf: Buffer, tag: Tag, name: string): boolean {
  if (tag.nameEnd - tag.nameStart !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (buf[tag.nameStart + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** A CDATA section's text bytes, or null for another special tag. */
export function cdataText(buf: Buffer, tag: Tag): [number, number] | null {
  return tag.special && buf[tag.start + 2] === 0x5b ? [tag.start + 9, tag.end - 3] : null;
}

/**
 * The value bytes [start, end) of attribute `name` (its local name; `r:id` matches `id`) in the
 * tag, or null. Attribute values are short here, so they are found by a scan.
 */
export function attribute(buf: Buffer, tag: Tag, name: string): [number, number] | null {
  let at = tag.nameEnd;
  const end = tag.end - 1;
  while (at < end) {
    while (at < end && buf[at]! <= 0x20) at++;
    const attrStart = at;
    let localStart = at;
    while (at < end && buf[at] !== 0x3d && buf[at]! > 0x20) {
      if (buf[at] === COLON) localStart = at + 1;
      at++;
    }
    const attrEnd = at;
    while (at < end && buf[at] !== QUOTE && buf[at] !== APOS) at++;
    if (at >= end) return null;
    const quote = buf[at]!;
    const valueStart = at + 1;
    const valueEnd = buf.indexOf(quote, valueStart);
    if (valueEnd === -1 || valueEnd > end) return null;
    if (attrEnd > attrStart && attrEnd - localStart === name.length) {
      let same = true;
      for (let i = 0; i < name.length; i++) {
        if (buf[localStart + i] !== name.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return [valueStart, valueEnd];
    }
    at = valueEnd + 1;
  }
  return null;
}

/** An attribute as a decoded string, or null. */
export function attributeText(buf: Buffer, tag: Tag, name: string): string | null {
  const range = attribute(buf, tag, name);
  return range ? decodeXmlText(buf, range[0], range[1]) : null;
}

/** A non-negative decimal integer written in bytes [start, end), or -1. */
export function parseDecimal(buf: Buffer, start: number, end: number): number {
  if (end <= start) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = buf[at]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A cell reference's column ("AB12" → 27, 0-based) or -1 when the bytes hold no letters.
 */
export function columnOfReference(buf: Buffer, start: number, end: number): number {
  let column = 0;
  let at = start;
  for (; at < end; at++) {
    const byte = buf[at]! | 0x20;
    if (byte < 0x61 || byte > 0x7a) break;
    column = column * 26 + (byte - 0x60);
  }
  return at === start ? -1 : column - 1;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Text bytes as a string: UTF-8, the five XML entities and character references, and OOXML's own
 * escape for characters XML cannot hold (`_x000D_` is a carriage return; `_x005F_` escapes `_`).
 */
export function decodeXmlText(buf: Buffer, start: number, end: number): string {
  const text = buf.toString('utf8', start, end);
  const hasEntity = contains(buf, AMP, start, end);
  const hasEscape = contains(buf, UNDERSCORE, start, end);
  if (!hasEntity && !hasEscape) return text;
  let decoded = hasEntity
    ? text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
        if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16), whole);
        if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
        return NAMED[name] ?? whole;
      })
    : text;
  if (hasEscape) {
    decoded = decoded.replace(/_x([0-9a-fA-F]{4})_/g, (_whole, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return decoded;
}

function safeCodePoint(code: number, whole: string): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** Whether bytes [start, end) need decoding (an entity or an OOXML `_xHHHH_` escape). */
export function needsDecoding(buf: Buffer, start: number, end: number): boolean {
  return contains(buf, AMP, start, end) || contains(buf, UNDERSCORE, start, end);
}

/** Whether `byte` occurs in [start, end): a loop for short values, a bounded native search for long ones. */
function contains(buf: Buffer, byte: number, start: number, end: number): boolean {
  if (end - start > 64) return buf.subarray(start, end).indexOf(byte) !== -1;
  for (let at = start; at < end; at++) if (buf[at] === byte) return true;
  return false;
}

/** The index of the next `<` at or after `from`, or -1. */
export function nextTagStart(buf: Buffer, from: number): number {
  return buf.indexOf(LT, from);
}

/**
 * Joins the unread end of one inflated chunk (an element cut by the chunk's edge) with the next
 * chunk, in buffers reused for the whole part: a fresh Buffer.concat per chunk was a tenth of a
 * large sheet's time in garbage collection. A joined buffer is valid until the next `join`.
 */
export class CarryOver {
  private work = Buffer.allocUnsafe(0);
  private carry = Buffer.allocUnsafe(4096);
  private carried = 0;

  /** Bytes waiting for the next chunk. */
  get pending(): number {
    return this.carried;
  }

  /** The chunk, after what was kept from the last one. */
  join(chunk: Buffer): Buffer {
    if (this.carried === 0) return chunk;
    const length = this.carried + chunk.length;
    if (this.work.length < length) this.work = Buffer.allocUnsafe(Math.max(length, this.work.length * 2));
    this.carry.copy(this.work, 0, 0, this.carried);
    chunk.copy(this.work, this.carried);
    this.carried = 0;
    return this.work.subarray(0, length);
  }

  /** Keeps `buf` from `from` on for the next chunk. */
  keep(buf: Buffer, from: number): void {
    const length = buf.length - from;
    if (this.carry.length < length) this.carry = Buffer.allocUnsafe(Math.max(length, this.carry.length * 2));
    buf.copy(this.carry, 0, from);
    this.carried = length;
  }
}
