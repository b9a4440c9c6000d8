import { ACCENTED_WORDS } from './accented-words';
import { LANGUAGE_PROFILES, foldLetter } from './language-profiles';
import { CharKind, LetterCase, type ByteTable } from './single-byte-tables';

// Credit, in nats per accented letter, when a language's everyday words show the letter in the same
// place: with the same two letters after it ("ère"), else the same one after it ("èr"), plus the same
// letter before it ("rè"). Letter counts alone give Slovenian a 1.2-nat edge per è/č over French (č is
// one of its three letters, è one of French's sixteen) against priors of 1.7 the other way (language
// and code page), so a French file with a few è-words (three, in the tests) reads as cp1250; 2 nats
// for a full match undo that edge from the first word. Each weight was varied alone around 1.5 / 0.5 /
// 0.5 (1 and 2; 0 and 0.75; 0 and 1) on generated CSVs with 1–3 accented words, 300 per language (not
// the test texts). At this point French is right in 300 of 300 (247 without word contexts), Italian
// 298 (291), Croatian 297 (226), Czech 260 (245), no language worse; the corpus stays at 828/828 and
// the ICU held-out samples go from 858 to 864 of 872. The neighbours scored within a few samples.
const AFTER_WEIGHT = 1.5;
const NEXT_WEIGHT = 0.5;
const BEFORE_WEIGHT = 0.5;
// Words are judged on at most this many accented letters per code page, evenly spread and weighted up:
// a short file has a handful, where they matter; in a 64 KiB head the letter counts settle it anyway,
// and each word costs a decode. 100 and 300 gave identical results on all three sets above.
const MAX_CONTEXT_WORDS = 100;
// Longest stretch of a word read on either side of the letter.
const WORD_REACH = 20;

/** Where a non-ASCII letter sits in its word ('^' and '$' mark the word's start and end). */
interface LetterContext {
  /** The letter and the two after it: "ère" in "première". */
  after: string;
  /** The letter and the one after it: "èr". */
  next: string;
  /** The letter before it and the letter: "rè". */
  before: string;
}

function letterContext(letters: readonly string[], index: number): LetterContext {
  const at = (offset: number): string =>
    offset < 0 ? '^' : offset >= letters.length ? '$' : letters[offset]!;
  const afterOne = index + 1 < letters.length ? letters[index + 1]! + at(index + 2) : '$';
  return {
    after: 'a' + letters[index]! + afterOne,
    next: 'n' + letters[index]! + at(index + 1),
    before: 'b' + at(index - 1) + letters[index]!,
  };
}

/** Per profile, the contexts its everyday accented words show (see ACCENTED_WORDS); empty without a list. */
const KNOWN_CONTEXTS: readonly ReadonlySet<string>[] = LANGUAGE_PROFILES.map(({ code }) => {
  const contexts = new Set<string>();
  for (const word of (ACCENTED_WORDS[code] ?? '').split(/\s+/)) {
    const letters = [...word].map(foldLetter);
    letters.forEach((letter, index) => {
      if (letter < '\u0080') return;
      const { after, next, before } = letterContext(letters, index);
      contexts.add(after).add(next).add(before);
    });
  }
  return contexts;
});

/** The distinct contexts of a sample's decoded accented letters, each with how often it occurs. */
export type WordContexts = readonly (LetterContext & { count: number })[];

/**
 * The contexts of the sample's accented letters as one code page decodes them: the letter's word, with
 * base letter and combining mark composed (cp1258), case-folded. A word that mixes case ("lunedÌ") is
 * a misreading the caller already penalises and earns nothing here.
 */
export function collectWordContexts(sample: Uint8Array, offsets: Int32Array, table: ByteTable): WordContexts {
  const contexts = new Map<string, LetterContext & { count: number }>();
  const stride = Math.ceil(offsets.length / MAX_CONTEXT_WORDS);
  for (let index = 0; index < offsets.length; index += stride) {
    const found = wordAround(sample, offsets[index]!, table);
    if (!found) continue;
    const context = letterContext(found.letters, found.index);
    const key = context.after + context.before;
    const seen = contexts.get(key);
    if (seen) seen.count += stride;
    else contexts.set(key, { ...context, count: stride });
  }
  return [...contexts.values()];
}

/** The credit (nats) the language at `languageIndex` of LANGUAGE_PROFILES gives these contexts. */
export function contextFit(contexts: WordContexts, languageIndex: number): number {
  const known = KNOWN_CONTEXTS[languageIndex]!;
  if (known.size === 0) return 0;
  let fit = 0;
  for (const { after, next, before, count } of contexts) {
    const following = known.has(after) ? AFTER_WEIGHT : known.has(next) ? NEXT_WEIGHT : 0;
    fit += count * (following + (known.has(before) ? BEFORE_WEIGHT : 0));
  }
  return fit;
}

const foldedTables = new WeakMap<ByteTable, readonly string[]>();

// Each byte's character case-folded, per code page, computed once.
function foldedChars(table: ByteTable): readonly string[] {
  let folded = foldedTables.get(table);
  if (!folded) {
    folded = table.chars.map(foldLetter);
    foldedTables.set(table, folded);
  }
  return folded;
}

// The letters of the word around the byte at `offset` and the index of the letter that byte is (or, for
// a combining mark, composes). Undefined when the byte is no letter, a mark composes with nothing, or
// the word mixes case.
function wordAround(
  sample: Uint8Array,
  offset: number,
  table: ByteTable,
): { letters: string[]; index: number } | undefined {
  const { kinds, cases, chars } = table;
  const inWord = (byte: number): boolean => kinds[byte] === CharKind.Letter || kinds[byte] === CharKind.Mark;
  if (!inWord(sample[offset]!)) return undefined;
  let start = offset;
  while (start > 0 && offset - start < WORD_REACH && inWord(sample[start - 1]!)) start--;
  let end = offset + 1;
  while (end < sample.length && end - offset < WORD_REACH && inWord(sample[end]!)) end++;
  const folded = foldedChars(table);
  const letters: string[] = [];
  let hasMark = false;
  for (let at = start; at < end; at++) {
    const byte = sample[at]!;
    if (at > start && cases[sample[at - 1]!] === LetterCase.Lower && cases[byte] === LetterCase.Upper)
      return undefined;
    hasMark ||= kinds[byte] === CharKind.Mark;
    letters.push(folded[byte]!);
  }
  if (!hasMark) return { letters, index: offset - start };
  // With marks (cp1258), compose first, then find the letter again by composing the word up to it.
  let text = '';
  for (let at = start; at < end; at++) text += chars[sample[at]!]!;
  let ownEnd = offset + 1;
  while (ownEnd < end && kinds[sample[ownEnd]!] === CharKind.Mark) ownEnd++;
  const prefix = [...text.slice(0, ownEnd - start).normalize('NFC')];
  if (!/\p{L}/u.test(prefix.at(-1) ?? '')) return undefined;
  return { letters: [...text.normalize('NFC')].map(foldLetter), index: prefix.length - 1 };
}
