import { detectAll } from 'jschardet';
import type { Encoding } from '../../../../src-shared/model/dialect';
import type { SingleByteEncoding } from './single-byte-tables';

// jschardet's spelling (compared without case or punctuation) of each encoding we support. KOI8-R/U,
// ISO-8859-5 and the other code pages it knows have byte layouts none of ours decodes, so they map to nothing.
const NAMES: Readonly<Record<string, Encoding>> = {
  ascii: 'utf-8',
  utf8: 'utf-8',
  utf8sig: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  windows1250: 'cp1250',
  windows1251: 'cp1251',
  windows1252: 'cp1252',
  windows1253: 'cp1253',
  windows1254: 'cp1254',
  windows1255: 'cp1255',
  windows1256: 'cp1256',
  windows1257: 'cp1257',
  windows1258: 'cp1258',
  iso88591: 'latin1',
  latin1: 'latin1',
  iso88592: 'iso-8859-2',
};

/** Names to restrict jschardet to the supported single-byte encodings. */
export const JSCHARDET_SINGLE_BYTE_NAMES = [
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'iso-8859-1',
  'iso-8859-2',
];

/** Names to restrict jschardet to every supported encoding (for comparing it alone with our detector). */
export const JSCHARDET_SUPPORTED_NAMES = [
  ...JSCHARDET_SINGLE_BYTE_NAMES,
  'ascii',
  'utf-8',
  'utf-8-sig',
  'utf-16',
  'utf-16-le',
  'utf-16-be',
];

/** Our name for an encoding jschardet reports, or undefined when we support nothing that decodes it. */
export function encodingFromCharsetName(name: string): Encoding | undefined {
  return NAMES[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

// jschardet's models need a few kilobytes of evidence, and its cost grows faster than linearly with input.
const MAX_EVIDENCE_BYTES = 12 * 1024;

/**
 * jschardet's confidence in each supported single-byte encoding. Only lines holding non-ASCII bytes are
 * fed to it (up to 12 KiB): ASCII lines decode alike in every candidate and only cost time.
 */
export function rankWithJschardet(sample: Uint8Array): Map<SingleByteEncoding, number> {
  const ranking = new Map<SingleByteEncoding, number>();
  const results = detectAll(evidenceLines(sample), {
    detectEncodings: JSCHARDET_SINGLE_BYTE_NAMES,
    minimumThreshold: 0,
  });
  for (const result of results) {
    const encoding = result.encoding ? encodingFromCharsetName(result.encoding) : undefined;
    if (!encoding || encoding.startsWith('utf-')) continue;
    const key = encoding as SingleByteEncoding;
    ranking.set(key, Math.max(ranking.get(key) ?? 0, result.confidence));
  }
  return ranking;
}

function evidenceLines(sample: Uint8Array): Uint8Array {
  if (sample.length <= MAX_EVIDENCE_BYTES) return sample;
  const evidence = new Uint8Array(MAX_EVIDENCE_BYTES);
  let length = 0;
  let lineStart = 0;
  let lineHasHighByte = false;
  for (let index = 0; index <= sample.length && length < MAX_EVIDENCE_BYTES; index++) {
    const byte = index < sample.length ? sample[index]! : 0x0a;
    if (byte >= 0x80) lineHasHighByte = true;
    if (byte !== 0x0a) continue;
    if (lineHasHighByte) {
      const line = sample.subarray(lineStart, Math.min(index + 1, lineStart + MAX_EVIDENCE_BYTES - length));
      evidence.set(line, length);
      length += line.length;
    }
    lineStart = index + 1;
    lineHasHighByte = false;
  }
  return evidence.subarray(0, length);
}
