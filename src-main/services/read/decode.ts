import iconv from 'iconv-lite';
import type { Encoding } from '../../../src-shared/model/dialect';

// ignoreBOM: callers skip a file's BOM themselves (bomLength); any other U+FEFF is data. Without it
// every decode dropped a leading one, so a staged chunk that happened to start with one lost it.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes bytes in one of Intake's encodings (a BOM, if any, must already be skipped). */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'utf-8') return utf8.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** True when CSV structure (quote, delimiter, CR, LF) can be found in the raw bytes of this encoding. */
export function isAsciiCompatible(encoding: Encoding): boolean {
  return encoding !== 'utf-16le' && encoding !== 'utf-16be';
}

/** Length of the byte order mark at the start of `bytes` for this encoding, or 0. */
export function bomLength(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return 2;
  return 0;
}
