// The pieces of XML 1.0's reference grammar that both the DOCTYPE reader and the entity expander need:
// what a Name is, what a character reference decodes to, and the five entities every document has.

// XML 1.0 productions [4] NameStartChar and [4a] NameChar, as code point ranges.
const NAME_START: readonly (readonly [number, number])[] = [
  [0x3a, 0x3a], // :
  [0x41, 0x5a], // A-Z
  [0x5f, 0x5f], // _
  [0x61, 0x7a], // a-z
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];
const NAME_MORE: readonly (readonly [number, number])[] = [
  [0x2d, 0x2e], // - .
  [0x30, 0x39], // 0-9
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

const within = (ranges: readonly (readonly [number, number])[], code: number): boolean =>
  ranges.some(([low, high]) => code >= low && code <= high);

/** The XML 1.0 Name (production [5]) starting at `at`, or '' when none starts there. */
export function nameAt(text: string, at: number): string {
  let end = at;
  for (;;) {
    const code = text.codePointAt(end);
    if (code === undefined) break;
    if (!within(NAME_START, code) && (end === at || !within(NAME_MORE, code))) break;
    end += code > 0xffff ? 2 : 1;
  }
  return text.slice(at, end);
}

/** True when the whole text is one XML 1.0 Name. */
export function isXmlName(text: string): boolean {
  return text !== '' && nameAt(text, 0).length === text.length;
}

/** The five predefined entities (XML 1.0 §4.6): always known, never redeclared, never counted. */
export const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * The character a reference body such as `#233` or `#xE9` stands for, or null when it is malformed or
 * names a code point XML does not allow (production [2] Char: no NUL, no lone surrogates, no U+FFFE/FFFF).
 */
export function decodeCharacterReference(body: string): string | null {
  const match = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
  if (!match) return null;
  const code = match[1] !== undefined ? parseInt(match[1], 16) : parseInt(match[2] ?? '', 10);
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : null;
}
