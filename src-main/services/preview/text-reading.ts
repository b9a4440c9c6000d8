import type { Encoding, SourceFormat } from '../../../src-shared/model/dialect';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import { detectEncoding, type EncodingGuess } from '../detect/encoding/detect-encoding';
import { bomLength, decodeBytes } from '../read/decode';
import { xmlDeclaredEncoding } from '../read/xml/xml-declaration';
import { encodingFromXmlLabel } from './xml-encoding-name';

/** Bytes the encoding detector looks at. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/** How a text source's head reads: its encoding (and why), its format, and the head decoded. */
export interface TextReading {
  detected: EncodingGuess;
  encoding: Encoding;
  /** Why this encoding, in words (the preview's reasons). */
  encodingReason: string;
  format: Exclude<SourceFormat, 'xlsx'>;
  /** The head decoded with `encoding`, its BOM left out. */
  text: string;
}

/**
 * The one choice of encoding and format for the preview and the raw view, so the raw lines are read
 * exactly as the preview read (or failed to read) the source: the person's encoding, else the
 * detected one; the person's format, else XML when the text starts with `<`; and for XML with no
 * encoding chosen and no BOM, the encoding its declaration names.
 */
export function chooseTextReading(
  bytes: Uint8Array,
  isComplete: boolean,
  overrides: DialectOverrides,
  /** A separate head to detect the encoding in (a feed's `sample` request); else these bytes. */
  encodingSample: { bytes: Uint8Array; isComplete: boolean } | null = null,
  /** Checked once the encoding is known, before anything is decoded (the preview refuses binary). */
  beforeDecoding: (encoding: Encoding) => void = () => {},
): TextReading {
  const sampled = encodingSample ?? { bytes, isComplete };
  const detected = detectEncoding(sampled.bytes.subarray(0, ENCODING_SAMPLE_BYTES), {
    isComplete: sampled.isComplete && sampled.bytes.length <= ENCODING_SAMPLE_BYTES,
  });
  let encoding: Encoding = overrides.encoding ?? detected.encoding;
  let encodingReason = overrides.encoding ? 'encoding chosen by you' : `encoding: ${detected.reason}`;
  beforeDecoding(encoding);
  let text = decodeBytes(bytes.subarray(bomLength(bytes, encoding)), encoding);
  const format =
    overrides.format === 'xml' || overrides.format === 'csv'
      ? overrides.format
      : text.trimStart().startsWith('<')
        ? 'xml'
        : 'csv';
  if (format === 'xml' && !overrides.encoding) {
    const label = xmlDeclaredEncoding(bytes);
    const declared = typeof label === 'string' ? encodingFromXmlLabel(label) : null;
    if (declared && declared !== encoding && bomLength(bytes, encoding) === 0) {
      encoding = declared;
      encodingReason = `encoding declared by the XML (${label})`;
      text = decodeBytes(bytes.subarray(bomLength(bytes, encoding)), encoding);
    }
  }
  return { detected, encoding, encodingReason, format, text };
}
