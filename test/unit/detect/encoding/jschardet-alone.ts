import { detect } from 'jschardet';
import type { Encoding } from '../../../../src-shared/model/dialect';
import {
  JSCHARDET_SUPPORTED_NAMES,
  encodingFromCharsetName,
} from '../../../../src-main/services/detect/encoding/jschardet-ranking';

/** The baseline: jschardet 4 alone, restricted to the supported encodings, its answer mapped to ours. */
export function detectWithJschardetAlone(bytes: Uint8Array): { encoding: Encoding; bomLength: number } {
  const name = detect(bytes, { detectEncodings: JSCHARDET_SUPPORTED_NAMES }).encoding ?? 'utf-8';
  // Plain 'UTF-16' means jschardet saw a byte order mark; the mark says which order.
  const encoding: Encoding =
    name.toLowerCase() === 'utf-16'
      ? bytes[0] === 0xfe
        ? 'utf-16be'
        : 'utf-16le'
      : (encodingFromCharsetName(name) ?? 'utf-8');
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const hasUtf16Bom =
    (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff);
  return { encoding, bomLength: encoding === 'utf-8' && hasUtf8Bom ? 3 : hasUtf16Bom ? 2 : 0 };
}
