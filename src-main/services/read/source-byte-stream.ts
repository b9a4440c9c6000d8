import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { Encoding } from '../../../src-shared/model/dialect';
import { isAsciiCompatible } from './decode';

/**
 * A source's bytes in a form the byte scanner can read: as they are for UTF-8 and the single-byte
 * code pages, transcoded to UTF-8 for UTF-16 (whose bytes hide ASCII structure). Returns the stream
 * and the encoding its bytes are in.
 */
export function scannableStream(
  bytes: Readable,
  encoding: Encoding,
): { stream: Readable; encoding: Encoding } {
  if (isAsciiCompatible(encoding)) return { stream: bytes, encoding };
  const stream = bytes
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(iconv.encodeStream('utf8')) as unknown as Readable;
  return { stream, encoding: 'utf-8' };
}

/** A source's decoded text, chunk by chunk (BOM stripped). */
export function textStream(bytes: Readable, encoding: Encoding): Readable {
  return bytes.pipe(iconv.decodeStream(encoding, { stripBOM: true })) as unknown as Readable;
}
