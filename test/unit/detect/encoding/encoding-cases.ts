import iconv from 'iconv-lite';
import type { Encoding } from '../../../../src-shared/model/dialect';
import {
  CORPUS,
  CORPUS_ENCODINGS,
  corpusCsv,
  corpusCsvOfSize,
  legacyForm,
  type CorpusLanguage,
} from '../../../support/multilingual-corpus';

/** Sample sizes the accuracy tests cover: a 3-line file, a ~2 KB file and the 64 KiB head of a longer one. */
export type SampleSize = 'short' | 'medium' | 'long';

/** One file to detect: bytes in a known encoding and the text a correct decoding yields. */
export interface EncodingCase {
  language: CorpusLanguage;
  encoding: Encoding;
  withBom: boolean;
  size: SampleSize;
  bytes: Uint8Array;
  /** The sample is the whole file (short and medium) rather than a cut head (long). */
  isComplete: boolean;
  /** What decoding the bytes (BOM skipped) with the true encoding gives. */
  expected: string;
}

/** The 64 KiB head size the preview reads. */
export const HEAD_BYTES = 64 * 1024;

const BOMS: Partial<Record<Encoding, readonly number[]>> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
};

/** Decodes bytes the way a reader would after detection: BOM bytes skipped, nothing else stripped. */
export function decodeSample(bytes: Uint8Array, encoding: Encoding, bomLength: number): string {
  return iconv.decode(Buffer.from(bytes.subarray(bomLength)), encoding, { stripBOM: false });
}

// The head of a long file cut inside a character when the encoding has multi-byte characters, as a
// 64 KiB read of a real file so often is.
function cutHead(bytes: Uint8Array, encoding: Encoding): Uint8Array {
  if (encoding.startsWith('utf-16')) return bytes.subarray(0, HEAD_BYTES - 1);
  if (encoding === 'utf-8') {
    for (let cut = HEAD_BYTES; cut > HEAD_BYTES - 4096; cut--) {
      if (((bytes[cut] ?? 0) & 0xc0) === 0x80) return bytes.subarray(0, cut);
    }
  }
  return bytes.subarray(0, HEAD_BYTES);
}

function withBom(bytes: Uint8Array, encoding: Encoding, bom: boolean): Uint8Array {
  const mark = bom ? BOMS[encoding] : undefined;
  return mark ? Uint8Array.from([...mark, ...bytes]) : bytes;
}

/** Every corpus language in every encoding that represents it (UTF variants with and without BOM), in three sizes. */
export function buildEncodingCases(): EncodingCase[] {
  const cases: EncodingCase[] = [];
  for (const language of CORPUS) {
    for (const encoding of CORPUS_ENCODINGS[language.code] ?? []) {
      for (const bom of BOMS[encoding] ? [false, true] : [false]) {
        const make = (size: SampleSize, text: string, isComplete: boolean): void => {
          const form = legacyForm(text, encoding);
          const full = withBom(iconv.encode(form, encoding), encoding, bom);
          const bytes = isComplete ? full : cutHead(full, encoding);
          const bomLength = bom ? (BOMS[encoding]?.length ?? 0) : 0;
          const expected = isComplete ? form : decodeSample(bytes, encoding, bomLength);
          cases.push({ language, encoding, withBom: bom, size, bytes, isComplete, expected });
        };
        make('short', corpusCsv(language, ',', { rowCount: 2 }), true);
        make('medium', corpusCsvOfSize(language, ';', 2048, encoding), true);
        make('long', corpusCsvOfSize(language, '\t', HEAD_BYTES + 4096, encoding), false);
      }
    }
  }
  return cases;
}

/** A case's label in failure messages, e.g. 'cs cp1250 medium' or 'ru utf-16le+BOM long'. */
export function caseLabel(testCase: EncodingCase): string {
  return `${testCase.language.code} ${testCase.encoding}${testCase.withBom ? '+BOM' : ''} ${testCase.size}`;
}
