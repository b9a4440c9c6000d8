import type { Encoding } from '../../../../src-shared/model/dialect';
import {
  UnitKind,
  WRITING_SYSTEMS,
  classifySupplementary,
  codeUnitKinds,
  everydayLetterSystems,
} from './code-unit-classes';

/** Byte order and strength of a UTF-16 guess made without a byte order mark. */
export interface Utf16Pattern {
  encoding: Extract<Encoding, 'utf-16le' | 'utf-16be'>;
  /**
   * What showed it: 'ascii' when ASCII code units (spaces, digits, delimiters, line endings: a zero high
   * byte) make up enough of the sample; 'script' when there are too few of those and the letters instead
   * keep to one writing system. ASCII-only UTF-16 is also valid UTF-8, so callers weigh 'ascii' evidence
   * before UTF-8 and 'script' evidence only once the sample has failed as UTF-8.
   */
  evidence: 'ascii' | 'script';
  /** Share of code units that are ASCII characters. */
  asciiShare: number;
  /** The writing system of the letters, for 'script' evidence. */
  writingSystem?: string;
  /** The sample ends with a lone byte or a high surrogate: a character cut in two. */
  endsMidCharacter: boolean;
}

// Words separated by spaces, digits, delimiters and line endings make at least this share of a CSV's
// UTF-16 code units ASCII: 19% or more in every corpus language, 16–38% in the Greek, Russian, Korean,
// Japanese and Chinese test CSVs. Chinese or Japanese with ideographic punctuation only, and Thai, fall
// below it (the test notes: 1.8–3.4%); those are left to the writing-system test.
const MIN_ASCII_SHARE = 0.05;
// Text has (almost) no control codes, unassigned or private-use code points; 12% of random units are
// such, and 3% more are surrogates, which random data leaves unpaired.
const MAX_BAD_SHARE = 0.01;
// Below this many letters (48 bytes) one writing system's hold on them proves little.
const MIN_SCRIPT_LETTERS = 24;
// Share of the letters that must be everyday letters of one writing system (see WRITING_SYSTEMS).
// Chinese, Japanese and Thai test texts and ICU names: 100%. Windows of the corpus's single-byte and
// UTF-8 files read as UTF-16, and of Python bytecode (16-bit words that fall in the Han block): none of
// 34,000–37,000 per size from 64 bytes to 1 KiB, nor any of 726 whole 64 KiB heads, reaches 90%.
const MIN_SCRIPT_SHARE = 0.9;
// Half the L1 distance between the byte histograms at even and at odd offsets: a second, structural
// check. In UTF-16 text one offset holds the high bytes (0x4E–0x9F for Han, 0x30 for kana, 0x0E for
// Thai) and the other the low bytes, spread over all 256 values; a single-byte text has the same
// letters at both. Chinese, Japanese and Thai windows of 64 bytes to 64 KiB: 0.78–1.0; windows of
// single-byte files whose letters read as Han: up to 0.75 at 64 bytes, 0.65 at 96, 0.41 at 256.
const MIN_PARITY_CONTRAST = 0.7;

interface UnitCounts {
  units: number;
  ascii: number;
  bad: number;
  letters: number;
  endsWithHighSurrogate: boolean;
}

interface Reading {
  littleEndian: boolean;
  counts: UnitCounts;
  evidence: 'ascii' | 'script';
  writingSystem?: string;
}

/**
 * Recognises UTF-16 without a byte order mark by its code units. Each byte order is read in turn; one
 * that yields an unpaired surrogate or more than 1% control, unassigned or private-use units is not
 * text. A reading that remains is UTF-16 when at least 5% of its units are ASCII, as in any CSV; or,
 * short of that, when nine in ten of its letters are everyday letters of one writing system written
 * without spaces (Chinese or Japanese, Thai) and its even and odd bytes differ as high and low bytes do.
 */
export function findUtf16Pattern(sample: Uint8Array): Utf16Pattern | undefined {
  const units = Math.floor(sample.length / 2);
  if (units < 2) return undefined;
  let contrast: number | undefined;
  const readings: Reading[] = [];
  for (const littleEndian of [true, false]) {
    const counts = countUnits(sample, littleEndian);
    if (!counts || counts.bad > units * MAX_BAD_SHARE) continue;
    if (counts.ascii >= units * MIN_ASCII_SHARE) {
      readings.push({ littleEndian, counts, evidence: 'ascii' });
      continue;
    }
    if (counts.letters < MIN_SCRIPT_LETTERS) continue;
    const script = leadingWritingSystem(sample, littleEndian);
    contrast ??= parityContrast(sample);
    if (script.letters >= counts.letters * MIN_SCRIPT_SHARE && contrast >= MIN_PARITY_CONTRAST)
      readings.push({ littleEndian, counts, evidence: 'script', writingSystem: script.name });
  }
  // Should both orders pass (a tiny sample can), ASCII evidence wins, then the reading with more ASCII.
  const best = readings.sort(
    (a, b) =>
      Number(b.evidence === 'ascii') - Number(a.evidence === 'ascii') || b.counts.ascii - a.counts.ascii,
  )[0];
  if (!best) return undefined;
  return {
    encoding: best.littleEndian ? 'utf-16le' : 'utf-16be',
    evidence: best.evidence,
    asciiShare: best.counts.ascii / units,
    ...(best.writingSystem ? { writingSystem: best.writingSystem } : {}),
    endsMidCharacter: best.counts.endsWithHighSurrogate || sample.length % 2 === 1,
  };
}

// Undefined when a surrogate is unpaired (a high one cut off by the sample's end aside).
function countUnits(sample: Uint8Array, littleEndian: boolean): UnitCounts | undefined {
  const kinds = codeUnitKinds();
  const counts: UnitCounts = {
    units: Math.floor(sample.length / 2),
    ascii: 0,
    bad: 0,
    letters: 0,
    endsWithHighSurrogate: false,
  };
  for (let unit = 0; unit < counts.units; unit++) {
    const code = codeUnitAt(sample, unit, littleEndian);
    const kind = kinds[code];
    if (kind === UnitKind.Ascii) counts.ascii++;
    else if (kind === UnitKind.Bad) counts.bad++;
    else if (kind === UnitKind.Letter) counts.letters++;
    else if (kind === UnitKind.Surrogate) {
      if (code >= 0xdc00) return undefined; // a low surrogate with no high one before it
      if (unit + 1 === counts.units) {
        counts.endsWithHighSurrogate = true;
        break;
      }
      const low = codeUnitAt(sample, ++unit, littleEndian);
      if (low < 0xdc00 || low > 0xdfff) return undefined;
      const character = classifySupplementary(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00));
      if (character === UnitKind.Bad) counts.bad++;
      else if (character === UnitKind.Letter) counts.letters++;
    }
  }
  return counts;
}

function codeUnitAt(sample: Uint8Array, unit: number, littleEndian: boolean): number {
  const first = sample[unit * 2]!;
  const second = sample[unit * 2 + 1]!;
  return littleEndian ? first | (second << 8) : (first << 8) | second;
}

// The writing system with the most everyday letters in this reading, and how many it has (BMP only:
// letters beyond it are rare characters, which count against every system).
function leadingWritingSystem(sample: Uint8Array, littleEndian: boolean): { name: string; letters: number } {
  const systems = everydayLetterSystems();
  const letters = WRITING_SYSTEMS.map(() => 0);
  for (let unit = 0; unit < sample.length >> 1; unit++) {
    const system = systems[codeUnitAt(sample, unit, littleEndian)]!;
    if (system > 0) letters[system - 1]!++;
  }
  const leading = letters.indexOf(Math.max(...letters));
  return { name: WRITING_SYSTEMS[leading]!.name, letters: letters[leading]! };
}

// See MIN_PARITY_CONTRAST.
function parityContrast(sample: Uint8Array): number {
  const units = Math.floor(sample.length / 2);
  const even = new Int32Array(256);
  const odd = new Int32Array(256);
  for (let unit = 0; unit < units; unit++) {
    even[sample[unit * 2]!]!++;
    odd[sample[unit * 2 + 1]!]!++;
  }
  let distance = 0;
  for (let byte = 0; byte < 256; byte++) distance += Math.abs(even[byte]! - odd[byte]!);
  return distance / 2 / units;
}
