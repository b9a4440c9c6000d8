import type { Encoding } from '../../../../src-shared/model/dialect';

/** A byte order mark found at the start of a sample. */
export interface ByteOrderMark {
  encoding: Extract<Encoding, 'utf-8' | 'utf-16le' | 'utf-16be'>;
  length: number;
}

/** The UTF-8 or UTF-16 byte order mark the sample starts with, if any. */
export function findByteOrderMark(sample: Uint8Array): ByteOrderMark | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** What a strict UTF-8 scan of a sample found. */
export interface Utf8Scan {
  /** No malformed, overlong, surrogate or out-of-range sequence (a cut final sequence aside). */
  valid: boolean;
  /** Complete multi-byte characters seen. */
  multiByteCount: number;
  /** The sample ends inside a character whose bytes so far are well-formed. */
  endsMidCharacter: boolean;
}

/**
 * Scans a sample as UTF-8 following the Unicode well-formedness table (Unicode 15, table 3-7): no overlong
 * forms, no surrogates, nothing above U+10FFFF. A well-formed but incomplete final sequence is reported
 * separately so callers decide what a cut-off head means.
 */
export function scanUtf8(sample: Uint8Array): Utf8Scan {
  let multiByteCount = 0;
  let index = 0;
  while (index < sample.length) {
    const lead = sample[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return { valid: false, multiByteCount, endsMidCharacter: false };
    for (let offset = 1; offset < length; offset++) {
      if (index + offset >= sample.length) return { valid: true, multiByteCount, endsMidCharacter: true };
      const byte = sample[index + offset]!;
      const [min, max] = offset === 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) return { valid: false, multiByteCount, endsMidCharacter: false };
    }
    multiByteCount++;
    index += length;
  }
  return { valid: true, multiByteCount, endsMidCharacter: false };
}

/** Byte order and strength of a UTF-16 guess made without a byte order mark. */
export interface Utf16Pattern {
  encoding: Extract<Encoding, 'utf-16le' | 'utf-16be'>;
  /** Share of code units whose high byte is zero (ASCII-range characters: spaces, digits, delimiters). */
  zeroShare: number;
  /** The sample ends with a lone byte or a high surrogate: a character cut in two. */
  endsMidCharacter: boolean;
}

// A CSV in any script has spaces, digits, delimiters and line endings, so at least this share of its
// UTF-16 code units have a zero high byte.
const MIN_ZERO_SHARE = 0.05;
// Text concentrates its high bytes in a few Unicode blocks; random binary spreads them over all 256.
const MAX_DISTINCT_HIGH_BYTES = 24;

/**
 * Recognises UTF-16 without a byte order mark by where zero bytes fall: text in any script has many
 * code units below U+0100, whose high byte is zero, so zeros crowd into odd offsets (little-endian) or
 * even offsets (big-endian) and almost never appear in the other. The decoded units must also look like
 * text: paired surrogates and no control codes besides tab and line endings.
 */
export function findUtf16Pattern(sample: Uint8Array): Utf16Pattern | undefined {
  const units = Math.floor(sample.length / 2);
  if (units < 2) return undefined;
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let index = 0; index + 1 < sample.length; index += 2) {
    if (sample[index] === 0) zerosEven++;
    if (sample[index + 1] === 0) zerosOdd++;
  }
  const littleEndian = zerosOdd > zerosEven;
  const dominant = Math.max(zerosEven, zerosOdd);
  const other = Math.min(zerosEven, zerosOdd);
  if (dominant < Math.max(1, units * MIN_ZERO_SHARE) || other > dominant / 20) return undefined;
  const text = scanUtf16(sample, littleEndian);
  if (!text) return undefined;
  return {
    encoding: littleEndian ? 'utf-16le' : 'utf-16be',
    zeroShare: dominant / units,
    endsMidCharacter: text.endsWithHighSurrogate || sample.length % 2 === 1,
  };
}

// Undefined when the code units do not look like text; otherwise whether the last one is a high surrogate.
function scanUtf16(
  sample: Uint8Array,
  littleEndian: boolean,
): { endsWithHighSurrogate: boolean } | undefined {
  const highBytes = new Set<number>();
  let controls = 0;
  let expectLowSurrogate = false;
  const units = Math.floor(sample.length / 2);
  for (let unit = 0; unit < units; unit++) {
    const first = sample[unit * 2]!;
    const second = sample[unit * 2 + 1]!;
    const high = littleEndian ? second : first;
    const code = high * 256 + (littleEndian ? first : second);
    highBytes.add(high);
    const isLow = code >= 0xdc00 && code <= 0xdfff;
    if (expectLowSurrogate !== isLow) return undefined;
    expectLowSurrogate = code >= 0xd800 && code <= 0xdbff;
    if (code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code === 0xfffe || code === 0xffff)
      controls++;
  }
  if (highBytes.size > MAX_DISTINCT_HIGH_BYTES || controls > units / 100) return undefined;
  return { endsWithHighSurrogate: expectLowSurrogate };
}
