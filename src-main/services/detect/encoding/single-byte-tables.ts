import iconv from 'iconv-lite';
import type { Encoding } from '../../../../src-shared/model/dialect';

/** The supported encodings that map each byte to one character, in the order ties are broken. */
export const SINGLE_BYTE_ENCODINGS = [
  'cp1252',
  'cp1250',
  'cp1251',
  'cp1253',
  'cp1254',
  'cp1255',
  'cp1256',
  'cp1257',
  'cp1258',
  'latin1',
  'iso-8859-2',
] as const satisfies readonly Encoding[];

/** One single-byte encoding the statistical detector weighs. */
export type SingleByteEncoding = (typeof SINGLE_BYTE_ENCODINGS)[number];

/** What a decoded byte is, as far as judging plausible text goes. */
export const CharKind = {
  /** ASCII or Unicode letter. */
  Letter: 1,
  /** Combining mark (cp1258 tone marks, cp1255 points, cp1256 harakat). */
  Mark: 2,
  /** ASCII digit. */
  Digit: 3,
  /** Space, tab, line ending or no-break space. */
  Space: 4,
  /** Punctuation and symbols found in ordinary text (quotes, dashes, €, °). */
  CommonSymbol: 5,
  /** Symbols rarely typed in data (¤ ¦ ¬ ˘ ‰); they usually mean the bytes were read wrongly. */
  RareSymbol: 6,
  /** C0/C1 control codes and bytes the code page leaves undefined (iconv-lite yields U+FFFD). */
  Invalid: 7,
} as const;

/** One value of {@link CharKind}. */
export type CharKind = (typeof CharKind)[keyof typeof CharKind];

/** Letter case, for spotting the lower-then-upper pattern mis-decoded text is full of. */
export const LetterCase = {
  None: 0,
  Lower: 1,
  Upper: 2,
} as const;

/** One value of {@link LetterCase}. */
export type LetterCase = (typeof LetterCase)[keyof typeof LetterCase];

/** Writing system of a letter or mark; words rarely mix them. */
export const Script = {
  None: 0,
  Latin: 1,
  Cyrillic: 2,
  Greek: 3,
  Hebrew: 4,
  Arabic: 5,
} as const;

/** One value of {@link Script}. */
export type Script = (typeof Script)[keyof typeof Script];

/** Per-byte facts about one single-byte encoding, derived from iconv-lite's own table. */
export interface ByteTable {
  encoding: SingleByteEncoding;
  /** The character each byte decodes to. */
  chars: readonly string[];
  kinds: Uint8Array;
  cases: Uint8Array;
  scripts: Uint8Array;
}

// Typographic characters an ordinary CSV may well contain; anything else outside letters is suspicious.
const COMMON_SYMBOLS = new Set([...'«»„“”‘’‚–—…€£¥°§©®™·•×½¼¾¡¿²³µ±№،؛؟ـ־׳״¢']);

const SCRIPT_PATTERNS: readonly [Script, RegExp][] = [
  [Script.Latin, /\p{Script=Latin}/u],
  [Script.Cyrillic, /\p{Script=Cyrillic}/u],
  [Script.Greek, /\p{Script=Greek}/u],
  [Script.Hebrew, /\p{Script=Hebrew}/u],
  [Script.Arabic, /\p{Script=Arabic}/u],
];

function scriptOf(char: string): Script {
  return SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char))?.[0] ?? Script.None;
}

// Combining marks belong to the Inherited script; what matters is which letters they may follow.
function markScript(mark: string): Script {
  const code = mark.codePointAt(0) ?? 0;
  if (code >= 0x0300 && code <= 0x036f) return Script.Latin;
  if (code >= 0x0590 && code <= 0x05ff) return Script.Hebrew;
  if (code >= 0x0600 && code <= 0x06ff) return Script.Arabic;
  return Script.None;
}

function classify(char: string): { kind: CharKind; letterCase: LetterCase; script: Script } {
  const none = { letterCase: LetterCase.None, script: Script.None };
  // Format characters (soft hyphen, direction marks) are legal but rare, unlike controls and holes.
  if (/\p{Cf}/u.test(char)) return { kind: CharKind.RareSymbol, ...none };
  if (char === '\ufffd' || /\p{Cc}/u.test(char)) {
    return /[\t\n\r]/.test(char) ? { kind: CharKind.Space, ...none } : { kind: CharKind.Invalid, ...none };
  }
  if (/\p{M}/u.test(char))
    return { kind: CharKind.Mark, letterCase: LetterCase.None, script: markScript(char) };
  if (/\p{L}/u.test(char)) {
    const letterCase = /\p{Lu}/u.test(char)
      ? LetterCase.Upper
      : /\p{Ll}/u.test(char)
        ? LetterCase.Lower
        : LetterCase.None;
    return { kind: CharKind.Letter, letterCase, script: scriptOf(char) };
  }
  if (/[0-9]/.test(char)) return { kind: CharKind.Digit, ...none };
  if (/\s/u.test(char)) return { kind: CharKind.Space, ...none };
  if (char < '\u0080' || COMMON_SYMBOLS.has(char)) return { kind: CharKind.CommonSymbol, ...none };
  return { kind: CharKind.RareSymbol, ...none };
}

function buildTable(encoding: SingleByteEncoding): ByteTable {
  const allBytes = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
  const chars = [...iconv.decode(allBytes, encoding)];
  if (chars.length !== 256)
    throw new Error(`iconv-lite decodes ${encoding} to ${chars.length} characters, not 256`);
  const table: ByteTable = {
    encoding,
    chars,
    kinds: new Uint8Array(256),
    cases: new Uint8Array(256),
    scripts: new Uint8Array(256),
  };
  chars.forEach((char, byte) => {
    const { kind, letterCase, script } = classify(char);
    table.kinds[byte] = kind;
    table.cases[byte] = letterCase;
    table.scripts[byte] = script;
  });
  return table;
}

/** Byte tables for every single-byte encoding, built once from iconv-lite so decoding and scoring agree. */
export const BYTE_TABLES: readonly ByteTable[] = SINGLE_BYTE_ENCODINGS.map(buildTable);
