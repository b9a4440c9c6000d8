import type { Encoding } from '../../../../src-shared/model/dialect';
import { detectSingleByte } from './single-byte-detector';
import { findByteOrderMark, scanUtf8 } from './unicode-checks';
import { findUtf16Pattern, type Utf16Pattern } from './utf16-without-bom';

/** The detector's answer: the encoding, how many leading bytes are a byte order mark, and why. */
export interface EncodingGuess {
  encoding: Encoding;
  /** Bytes to skip before decoding: 3 for a UTF-8 BOM, 2 for a UTF-16 one, else 0. */
  bomLength: number;
  /** 0..1: 1 for a byte order mark, low for binary-looking or undecidable samples. */
  confidence: number;
  /** Short human explanation, e.g. 'UTF-8 byte order mark'. */
  reason: string;
}

/** Options for {@link detectEncoding}. */
export interface DetectEncodingOptions {
  /**
   * True when the sample is the whole file, so a character cut at its end is an error. Default false: the
   * usual sample is a file's head, and a cut there says nothing about the file.
   */
  isComplete?: boolean;
}

const BOM_REASONS: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8 byte order mark',
  'utf-16le': 'UTF-16LE byte order mark',
  'utf-16be': 'UTF-16BE byte order mark',
};

// Share of ASCII control bytes (other than tab, line endings, form feed) above which a sample is not text.
const MAX_CONTROL_SHARE = 0.01;

/**
 * Detects the encoding of a file from its first bytes: a byte order mark; UTF-16 without one, by its
 * ASCII code units (zero bytes at one parity) or, with hardly any ASCII, by letters that keep to
 * Chinese, Japanese or Thai; strict UTF-8 (pure ASCII reads as UTF-8); otherwise the single-byte code
 * page whose decoding reads most like text in some language.
 */
export function detectEncoding(sample: Uint8Array, options: DetectEncodingOptions = {}): EncodingGuess {
  const isComplete = options.isComplete ?? false;
  if (sample.length === 0) {
    return { encoding: 'utf-8', bomLength: 0, confidence: 0, reason: 'Empty sample; UTF-8 assumed' };
  }
  const bom = findByteOrderMark(sample);
  if (bom)
    return {
      encoding: bom.encoding,
      bomLength: bom.length,
      confidence: 1,
      reason: BOM_REASONS[bom.encoding]!,
    };

  // ASCII-only UTF-16 is valid UTF-8 too (its zero bytes are NULs), so ASCII-unit evidence goes first.
  // Letters-only evidence yields to UTF-8 with multi-byte characters, the stronger evidence, but not to
  // "only ASCII bytes": that is what Thai UTF-16 (units U+0E01–0E5B) is, byte by byte.
  const utf16 = findUtf16Pattern(sample);
  if (utf16?.evidence === 'ascii') return utf16Guess(utf16, isComplete);
  const utf8 = scanUtf8(sample);
  if (utf16 && !(utf8.valid && utf8.multiByteCount > 0)) return utf16Guess(utf16, isComplete);

  const binary = controlShare(sample) > MAX_CONTROL_SHARE;
  if (utf8.valid && (!utf8.endsMidCharacter || !isComplete)) {
    if (utf8.multiByteCount === 0 && !utf8.endsMidCharacter) {
      return {
        encoding: 'utf-8',
        bomLength: 0,
        confidence: binary ? 0.1 : isComplete ? 1 : 0.8,
        reason: binary
          ? 'Only ASCII bytes but many control codes (it may be binary); UTF-8 is a guess'
          : 'Only ASCII bytes, which every supported encoding reads the same; UTF-8 assumed',
      };
    }
    return {
      encoding: 'utf-8',
      bomLength: 0,
      confidence: binary ? 0.2 : Math.min(0.99, 0.8 + 0.05 * utf8.multiByteCount),
      reason: `Valid UTF-8 (${utf8.multiByteCount} multi-byte character${utf8.multiByteCount === 1 ? '' : 's'})`,
    };
  }
  // A complete file cut inside its last character is still UTF-8 when the rest has real UTF-8 evidence;
  // reading it as a code page would garble every earlier character to save the last one.
  if (utf8.valid && utf8.multiByteCount > 0) {
    return {
      encoding: 'utf-8',
      bomLength: 0,
      confidence: 0.6,
      reason: `Valid UTF-8 (${utf8.multiByteCount} multi-byte characters), but the file ends inside a character`,
    };
  }

  const guess = detectSingleByte(sample);
  return {
    encoding: guess.encoding,
    bomLength: 0,
    confidence: binary ? Math.min(guess.confidence, 0.1) : guess.confidence,
    reason: binary ? `Many control codes (it may be binary); ${guess.reason}` : guess.reason,
  };
}

function utf16Guess(utf16: Utf16Pattern, isComplete: boolean): EncodingGuess {
  const order = utf16.encoding === 'utf-16le' ? 'little-endian' : 'big-endian';
  const cut = utf16.endsMidCharacter && isComplete;
  const why =
    utf16.evidence === 'ascii'
      ? `zero bytes at ${utf16.encoding === 'utf-16le' ? 'odd' : 'even'} offsets`
      : `hardly any ASCII, but its letters read as ${utf16.writingSystem ?? 'one writing system'}`;
  return {
    encoding: utf16.encoding,
    bomLength: 0,
    confidence: cut ? 0.6 : utf16.evidence === 'ascii' ? Math.min(0.95, 0.7 + utf16.asciiShare) : 0.8,
    reason: `UTF-16 ${order} without a byte order mark (${why})${cut ? ', but the file ends inside a character' : ''}`,
  };
}

function controlShare(sample: Uint8Array): number {
  let controls = 0;
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index]!;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f)
      controls++;
  }
  return controls / sample.length;
}
