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
