import {
  FOREIGN_LETTER_WEIGHT,
  LANGUAGE_PRIORS,
  LANGUAGE_PROFILES,
  LETTER_WEIGHTS,
  foldLetter,
  type LanguageProfile,
} from './language-profiles';
import { CharKind, LetterCase, Script, type ByteTable, type SingleByteEncoding } from './single-byte-tables';
import { collectWordContexts, contextFit } from './word-contexts';

/** Byte statistics of a sample, gathered once and shared by every candidate encoding. */
export interface SampleStats {
  /** Count of each byte value. */
  histogram: Uint32Array;
  /** Offsets of the bytes 0x80–0xFF, the only ones the candidates decode differently. */
  highOffsets: Int32Array;
}

/** How plausible a sample reads in one single-byte encoding. */
export interface PlausibilityScore {
  encoding: SingleByteEncoding;
  /** Mean log-likelihood per non-ASCII byte (nats, ≤ 0): near −2 is fluent text, below −7 is garbage. */
  score: number;
  /** The language the decoded letters fit best. */
  language: LanguageProfile;
  /** Non-ASCII bytes the score averages over. */
  evidence: number;
}

// Penalties in nats, added once per occurrence. Mis-decoded text shows them constantly, real text almost never.
const SYMBOL_WEIGHT = Math.log(0.01);
const RARE_SYMBOL_WEIGHT = Math.log(0.001);
const INVALID_WEIGHT = -12;
const CASE_FLIP_PENALTY = -3; // "mĂ©": a capital right after a small letter
const MIXED_SCRIPT_PENALTY = -4; // "пPи": letters of two scripts in one word
const SYMBOL_IN_WORD_PENALTY = -3; // "PĹ™Ă­": a symbol between two letters
const FINAL_FORM_PENALTY = -3; // Greek ς or Hebrew ך ם ן ף ץ inside a word
const ORPHAN_MARK_PENALTY = -8; // a combining mark after a space, digit or another mark
const UNCOMPOSED_MARK_PENALTY = -4; // a Latin tone mark that forms no precomposed letter with its base
const NONCANONICAL_MARK_PENALTY = -4; // base + mark where the code page has the letter precomposed
// The density of non-ASCII letters tells French from Slovenian when one è/č is all there is, but real
// files stray from the typical density, so it may weigh as much as this many letters and no more.
const DENSITY_EVIDENCE_LETTERS = 50;
// Context is judged on at most this many non-ASCII bytes, evenly spread and weighted up: a Cyrillic
// 64 KiB head has ~45,000 and the verdict is settled long before.
const MAX_CONTEXT_BYTES = 6000;

// Symbols that legitimately sit between two letters: apostrophes, the Catalan middle dot, Hebrew geresh.
const IN_WORD_SYMBOLS = new Set([...'’‘·׳״־']);
const FINAL_FORMS = new Set([...'ςךםןףץ']);

/** Counts the sample's bytes and finds its non-ASCII ones. */
export function collectStats(sample: Uint8Array): SampleStats {
  const histogram = new Uint32Array(256);
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index]!;
    histogram[byte] = histogram[byte]! + 1;
  }
  let highCount = 0;
  for (let byte = 0x80; byte < 256; byte++) highCount += histogram[byte] ?? 0;
  const highOffsets = new Int32Array(highCount);
  let next = 0;
  for (let index = 0; index < sample.length; index++)
    if ((sample[index] ?? 0) >= 0x80) highOffsets[next++] = index;
  return { histogram, highOffsets };
}

/**
 * Scores the sample decoded with one code page: a per-language unigram model of the decoded letters,
 * with credit for words whose accented letters sit where that language puts them (the best-fitting
 * language wins), plus penalties for what mis-decoded text looks like: control codes and
 * undefined bytes, capitals inside words, mixed scripts, stray symbols and marks.
 */
export function scorePlausibility(
  sample: Uint8Array,
  stats: SampleStats,
  table: ByteTable,
): PlausibilityScore {
  const letterCounts = new Map<string, number>();
  const countLetter = (letter: string, count: number): void => {
    const folded = foldLetter(letter);
    letterCounts.set(folded, (letterCounts.get(folded) ?? 0) + count);
  };
  let asciiLetters = 0;
  for (let byte = 0x41; byte <= 0x7a; byte++)
    if (table.kinds[byte] === CharKind.Letter) asciiLetters += stats.histogram[byte] ?? 0;
  let total = 0;
  for (let byte = 0x80; byte < 256; byte++) {
    const count = stats.histogram[byte] ?? 0;
    if (count === 0) continue;
    const kind = table.kinds[byte];
    if (kind === CharKind.Letter) countLetter(table.chars[byte] ?? '', count);
    else if (kind === CharKind.Invalid) total += count * INVALID_WEIGHT;
    else if (kind === CharKind.RareSymbol) total += count * RARE_SYMBOL_WEIGHT;
    else if (kind !== CharKind.Mark) total += count * SYMBOL_WEIGHT; // marks are judged in context below
  }
  total += contextScore(sample, stats.highOffsets, table, countLetter);
  const contexts = collectWordContexts(sample, stats.highOffsets, table);

  let highLetters = 0;
  for (const count of letterCounts.values()) highLetters += count;
  let bestLanguage = LANGUAGE_PROFILES[0]!;
  let bestFit = -Infinity;
  LANGUAGE_PROFILES.forEach((profile, index) => {
    const weights = LETTER_WEIGHTS[index]!;
    let fit = LANGUAGE_PRIORS[index]! + densityFit(highLetters, asciiLetters + highLetters, profile.density);
    for (const [letter, count] of letterCounts) fit += count * (weights.get(letter) ?? FOREIGN_LETTER_WEIGHT);
    fit += contextFit(contexts, index);
    if (fit > bestFit) {
      bestFit = fit;
      bestLanguage = profile;
    }
  });
  const evidence = Math.max(1, stats.highOffsets.length);
  return { encoding: table.encoding, score: (total + bestFit) / evidence, language: bestLanguage, evidence };
}

// Log-likelihood of seeing `high` non-ASCII letters among `letters` from a language with the given
// density, relative to the best possible density, counted as at most DENSITY_EVIDENCE_LETTERS letters.
function densityFit(high: number, letters: number, density: number): number {
  if (letters === 0) return 0;
  const observed = high / letters;
  const term = (share: number, expected: number): number =>
    share > 0 ? share * Math.log(share / expected) : 0;
  const divergence = term(observed, density) + term(1 - observed, 1 - density);
  return -Math.min(letters, DENSITY_EVIDENCE_LETTERS) * divergence;
}

// Walks the non-ASCII bytes with their neighbours. Letters formed by a base and a combining mark are
// handed to countLetter so the language model judges "ệ", not "ê" plus a stray mark.
function contextScore(
  sample: Uint8Array,
  offsets: Int32Array,
  table: ByteTable,
  countLetter: (letter: string, count: number) => void,
): number {
  const { kinds, cases, scripts, chars } = table;
  const step = Math.ceil(offsets.length / MAX_CONTEXT_BYTES);
  const countStep = (letter: string, count: number): void => countLetter(letter, count * step);
  let total = 0;
  for (let index = 0; index < offsets.length; index += step) {
    const offset = offsets[index]!;
    const byte = sample[offset]!;
    const previous = offset > 0 ? sample[offset - 1]! : 0x20;
    const next = offset + 1 < sample.length ? sample[offset + 1]! : 0x20;
    const kind = kinds[byte];
    if (kind === CharKind.Letter) {
      if (kinds[previous] === CharKind.Letter) {
        if (cases[previous] === LetterCase.Lower && cases[byte] === LetterCase.Upper)
          total += CASE_FLIP_PENALTY;
        if (scripts[previous] !== scripts[byte]) total += MIXED_SCRIPT_PENALTY;
      }
      if (next < 0x80 && kinds[next] === CharKind.Letter) {
        if (scripts[next] !== scripts[byte]) total += MIXED_SCRIPT_PENALTY;
        if (cases[byte] === LetterCase.Lower && cases[next] === LetterCase.Upper) total += CASE_FLIP_PENALTY;
      }
      if (
        kinds[next] === CharKind.Letter &&
        scripts[next] === scripts[byte] &&
        FINAL_FORMS.has(chars[byte]!)
      ) {
        total += FINAL_FORM_PENALTY;
      }
    } else if (kind === CharKind.Mark) {
      total += markScore(table, previous, byte, countStep);
    } else if (kind === CharKind.CommonSymbol || kind === CharKind.RareSymbol) {
      const between = kinds[previous] === CharKind.Letter && kinds[next] === CharKind.Letter;
      if (between && !IN_WORD_SYMBOLS.has(chars[byte]!)) total += SYMBOL_IN_WORD_PENALTY;
    }
  }
  return total * step;
}

function markScore(
  table: ByteTable,
  baseByte: number,
  markByte: number,
  countLetter: (letter: string, count: number) => void,
): number {
  const markScript = table.scripts[markByte];
  if (table.kinds[baseByte] !== CharKind.Letter || table.scripts[baseByte] !== markScript)
    return ORPHAN_MARK_PENALTY;
  // Hebrew points and Arabic harakat have no precomposed forms: after a letter of their script they are
  // ordinary (if uncommon) text.
  if (markScript !== Script.Latin) return SYMBOL_WEIGHT;
  const base = table.chars[baseByte]!;
  const composed = compose(base, table.chars[markByte]!);
  if (composed === undefined) return UNCOMPOSED_MARK_PENALTY;
  // cp1258 writers use a precomposed letter where the code page has one (it has á, not a + acute).
  if (table.chars.includes(composed)) return NONCANONICAL_MARK_PENALTY;
  // Base and mark are one letter: count the composed letter in place of a non-ASCII base.
  if (baseByte >= 0x80) countLetter(base, -1);
  countLetter(composed, 1);
  return 0;
}

const compositions = new Map<string, string | undefined>();

// The single character a base and a mark compose to under NFC, if any; cached because normalize() is
// slow and a Vietnamese sample repeats the same few dozen pairs thousands of times.
function compose(base: string, mark: string): string | undefined {
  const key = base + mark;
  if (compositions.has(key)) return compositions.get(key);
  const composed = key.normalize('NFC');
  const result = [...composed].length === 1 ? composed : undefined;
  compositions.set(key, result);
  return result;
}
