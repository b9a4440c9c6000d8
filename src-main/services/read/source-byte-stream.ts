import { createReadStream, type ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { Encoding } from '../../../src-shared/model/dialect';
import { isAsciiCompatible } from './decode';

/** Size of each read: large enough that per-chunk overhead vanishes, small enough to keep memory flat. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The bytes of a source file in a form the byte scanner can read: as they are for UTF-8 and the
 * single-byte code pages, transcoded to UTF-8 for UTF-16 (whose bytes hide ASCII structure).
 * Returns the stream and the encoding its bytes are in.
 */
export function openScannableStream(
  path: string,
  encoding: Encoding,
): { stream: Readable; encoding: Encoding; raw: ReadStream } {
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  if (isAsciiCompatible(encoding)) return { stream: raw, encoding, raw };
  const stream = raw
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(iconv.encodeStream('utf8')) as unknown as Readable;
  return { stream, encoding: 'utf-8', raw };
}

/** The decoded text of a source file, chunk by chunk (BOM stripped). */
export function openTextStream(path: string, encoding: Encoding): { stream: Readable; raw: ReadStream } {
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  return { stream: raw.pipe(iconv.decodeStream(encoding, { stripBOM: true })) as unknown as Readable, raw };
}
