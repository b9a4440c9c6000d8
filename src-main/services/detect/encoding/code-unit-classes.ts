import iconv from 'iconv-lite';

/** What a UTF-16 code unit is, as far as judging whether a sample is UTF-16 text goes. */
export const UnitKind = {
  /** Control codes (tab and line endings aside), unassigned and private-use code points, noncharacters. */
  Bad: 0,
  /** ASCII printable, tab, CR or LF: the units that make a zero byte in UTF-16 text. */
  Ascii: 1,
  /** Punctuation, symbols, digits and marks every script shares (Unicode's Common and Inherited scripts). */
  Shared: 2,
  /** A letter of some script. */
  Letter: 3,
  /** Half of a surrogate pair; paired and classified by the caller. */
  Surrogate: 4,
} as const;

/** One value of {@link UnitKind}. */
export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind];

let kinds: Uint8Array | undefined;

/** The kind of every BMP code unit, built on first use from the regex engine's Unicode data (~35 ms). */
export function codeUnitKinds(): Uint8Array {
  kinds ??= buildKinds();
  return kinds;
}

const supplementaryKinds = new Map<number, UnitKind>();

/** The kind of a code point beyond the BMP (a surrogate pair), cached: few occur. */
export function classifySupplementary(codePoint: number): UnitKind {
  let kind = supplementaryKinds.get(codePoint);
  if (kind === undefined) {
    const char = String.fromCodePoint(codePoint);
    kind = /[\p{Cn}\p{Co}]/u.test(char)
      ? UnitKind.Bad
      : /[\p{sc=Common}\p{sc=Inherited}]/u.test(char)
        ? UnitKind.Shared
        : UnitKind.Letter;
    supplementaryKinds.set(codePoint, kind);
  }
  return kind;
}

/**
 * Writing systems whose UTF-16 text can have too few ASCII units (spaces, delimiters) to show itself by
 * zero bytes: those written without spaces between words, so a line of 20 letters may hold no ASCII at
 * all. Korean, Cyrillic or Greek words are separated by spaces, which are ASCII.
 *
 * Each lists its everyday letters only. Han alone spans 21,000 code points, a third of the BMP, so
 * 16-bit binary data (Python bytecode, say) lands there easily; the characters the national standards
 * put in their first, most-used level (GB 2312 level 1, JIS X 0208 level 1, Big5's frequently used
 * set: 7,174 together) cover every Han character of the Chinese and Japanese test texts and of ICU's
 * region names, but only a third of the Han block and a fifth of the units two printable ASCII bytes make.
 */
export const WRITING_SYSTEMS: readonly { name: string; letters: () => Iterable<number> }[] = [
  {
    name: 'Chinese or Japanese',
    letters: () => [
      // Kana, bopomofo, and 々 〆 〇 (Han by script, but marks no character set ranks among its ideographs).
      ...matchingUnits(/[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Bopomofo}\u3005-\u3007]/gu),
      ...matchingUnits(/\p{L}/gu, 0xff00, 0xffef), // fullwidth Latin letters and halfwidth katakana
      ...commonHan(),
    ],
  },
  { name: 'Thai', letters: () => matchingUnits(/\p{sc=Thai}/gu) },
];

let systems: Uint8Array | undefined;

/**
 * Per BMP code unit, 1 + the index in WRITING_SYSTEMS of the writing system it is an everyday letter
 * of, or 0. Built on first use (~100 ms, mostly loading iconv-lite's CJK tables), which only samples
 * with almost no ASCII ever need.
 */
export function everydayLetterSystems(): Uint8Array {
  if (!systems) {
    const table = new Uint8Array(0x10000);
    WRITING_SYSTEMS.forEach(({ letters }, index) => {
      for (const unit of letters()) table[unit] = index + 1;
    });
    systems = table;
  }
  return systems;
}

// Every BMP code point from `from` to `to` at its own index, so a match's index is its code point;
// surrogates become spaces so no two of them pair up into one supplementary character.
function bmpText(from = 0, to = 0xffff): string {
  let text = '';
  for (let start = from; start <= to; start += 0x1000) {
    const end = Math.min(to + 1, start + 0x1000);
    const units = Array.from({ length: end - start }, (_, offset) => start + offset);
    text += String.fromCharCode(...units.map((unit) => (unit >= 0xd800 && unit < 0xe000 ? 0x20 : unit)));
  }
  return text;
}

function matchingUnits(pattern: RegExp, from = 0, to = 0xffff): number[] {
  return [...bmpText(from, to).matchAll(pattern)].map((match) => from + match.index);
}

function buildKinds(): Uint8Array {
  const table = new Uint8Array(0x10000).fill(UnitKind.Letter);
  for (const unit of matchingUnits(/[\p{sc=Common}\p{sc=Inherited}]/gu)) table[unit] = UnitKind.Shared;
  for (const unit of matchingUnits(/[\p{Cc}\p{Cn}\p{Co}]/gu)) table[unit] = UnitKind.Bad;
  for (let unit = 0x20; unit < 0x7f; unit++) table[unit] = UnitKind.Ascii;
  for (const unit of [0x09, 0x0a, 0x0d]) table[unit] = UnitKind.Ascii;
  table.fill(UnitKind.Surrogate, 0xd800, 0xe000);
  return table;
}

// The first-level Han characters of GB 2312 (lead bytes B0–D7), JIS X 0208 (Shift_JIS 889F–9872) and
// Big5 (A440–C67E), read from iconv-lite's own tables one lead byte at a time.
function commonHan(): number[] {
  const rows: [codec: string, lead: number, trails: [number, number][]][] = [];
  for (let lead = 0xb0; lead <= 0xd7; lead++) rows.push(['gbk', lead, [[0xa1, 0xfe]]]);
  rows.push(['shift_jis', 0x88, [[0x9f, 0xfc]]]);
  for (let lead = 0x89; lead <= 0x97; lead++)
    rows.push([
      'shift_jis',
      lead,
      [
        [0x40, 0x7e],
        [0x80, 0xfc],
      ],
    ]);
  rows.push(['shift_jis', 0x98, [[0x40, 0x72]]]);
  for (let lead = 0xa4; lead <= 0xc5; lead++)
    rows.push([
      'big5',
      lead,
      [
        [0x40, 0x7e],
        [0xa1, 0xfe],
      ],
    ]);
  rows.push(['big5', 0xc6, [[0x40, 0x7e]]]);
  const han = /\p{sc=Han}/u;
  const units: number[] = [];
  for (const [codec, lead, trails] of rows) {
    const bytes = trails.flatMap(([first, last]) =>
      Array.from({ length: last - first + 1 }, (_, offset) => [lead, first + offset]).flat(),
    );
    for (const char of iconv.decode(Buffer.from(bytes), codec))
      if (han.test(char)) units.push(char.charCodeAt(0));
  }
  return units;
}
