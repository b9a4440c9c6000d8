import iconv from 'iconv-lite';
import { ENCODINGS, type Encoding } from '../../src-shared/model/dialect';
import { CENTRAL_EUROPEAN } from './multilingual-corpus/central-european';
import type { CorpusLanguage } from './multilingual-corpus/corpus-language';
import { CYRILLIC_GREEK } from './multilingual-corpus/cyrillic-greek';
import { OTHER_SCRIPTS } from './multilingual-corpus/other-scripts';
import { WESTERN } from './multilingual-corpus/western';

export type { CorpusLanguage } from './multilingual-corpus/corpus-language';

// The data files keep one record per line ('|' between fields; no field contains one) so 31 languages
// stay readable; here they become arrays and are normalised to NFC whatever the editor saved.
const split = (line: string): string[] => line.split('|').map((field) => field.normalize('NFC'));

/** Every corpus language, NFC-normalised: 31 languages, one header and seven records each. */
export const CORPUS: readonly CorpusLanguage[] = [
  ...CENTRAL_EUROPEAN,
  ...CYRILLIC_GREEK,
  ...OTHER_SCRIPTS,
  ...WESTERN,
].map((source) => ({
  code: source.code,
  name: source.name,
  header: split(source.header),
  rows: source.rows.map(split),
}));

/** The corpus language with this ISO 639-1 code; throws for an unknown code so a typo fails loudly. */
export function corpusLanguage(code: string): CorpusLanguage {
  const language = CORPUS.find((candidate) => candidate.code === code);
  if (!language) throw new Error(`No corpus language '${code}'`);
  return language;
}

/** Options for {@link toCsv} and {@link corpusCsv}. */
export interface CsvTextOptions {
  /** Line ending between records; default CRLF as RFC 4180 has it. */
  newline?: '\r\n' | '\n';
  /** Whether the text ends with a line ending; default true. */
  finalNewline?: boolean;
}

/** Formats a header and records as delimited text, quoting per RFC 4180 the fields that need it. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  delimiter: string,
  options: CsvTextOptions = {},
): string {
  const newline = options.newline ?? '\r\n';
  const quoteField = (field: string): string =>
    field.includes(delimiter) || /["\r\n]/.test(field) || field !== field.trim()
      ? `"${field.replaceAll('"', '""')}"`
      : field;
  const lines = [header, ...rows].map((row) => row.map(quoteField).join(delimiter));
  return lines.join(newline) + (options.finalNewline === false ? '' : newline);
}

/** A language's header and its first `rowCount` records (default all) as delimited text. */
export function corpusCsv(
  language: CorpusLanguage,
  delimiter: string,
  options: CsvTextOptions & { rowCount?: number } = {},
): string {
  return toCsv(
    language.header,
    language.rows.slice(0, options.rowCount ?? language.rows.length),
    delimiter,
    options,
  );
}

/**
 * A language's CSV grown to at least `minBytes` bytes in `encoding` by repeating its records with a serial
 * number prefixed to the name, so long samples are not one paragraph copied verbatim.
 */
export function corpusCsvOfSize(
  language: CorpusLanguage,
  delimiter: string,
  minBytes: number,
  encoding: Encoding,
): string {
  const rows: string[][] = [];
  // Estimate the bytes per record once, then build in one go: string concatenation per row is quadratic.
  const perPass = iconv.encode(legacyForm(corpusCsv(language, delimiter), encoding), encoding).length;
  const passes = Math.ceil(minBytes / Math.max(1, perPass)) + 1;
  for (let pass = 0; pass < passes; pass++) {
    language.rows.forEach((row, index) => {
      const [name = '', ...rest] = row;
      rows.push([`${pass * language.rows.length + index + 1}. ${name}`, ...rest]);
    });
  }
  return toCsv(language.header, rows, delimiter);
}

// Characters of the cp1258 repertoire, read from iconv-lite's own table so the composition below never
// produces a character the encoder would replace with '?'.
const CP1258_CHARACTERS = new Set(
  iconv
    .decode(Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), 'cp1258')
    .replaceAll('\ufffd', ''),
);

const COMBINING_MARK = /\p{M}/u;

/**
 * Rewrites NFC text into the form cp1258 files hold: vowels with their shape marks precomposed where cp1258
 * has them (â ê ô ă ơ ư, and the few toned letters like á) and the remaining tone marks as combining
 * characters. It is canonically equivalent, so `.normalize('NFC')` gives back the original.
 */
export function toWindows1258Form(text: string): string {
  const decomposed = [...text.normalize('NFD')];
  let result = '';
  for (let index = 0; index < decomposed.length;) {
    let base = decomposed[index++] ?? '';
    const marks: string[] = [];
    while (index < decomposed.length && COMBINING_MARK.test(decomposed[index] ?? ''))
      marks.push(decomposed[index++] ?? '');
    // Marks of different combining classes may be applied in any order, so try each until none composes
    // into a cp1258 character (ệ = e + dot below + circumflex must become ê + dot below).
    for (let composed = true; composed;) {
      composed = false;
      for (let markIndex = 0; markIndex < marks.length; markIndex++) {
        const candidate = (base + marks[markIndex]).normalize('NFC');
        if ([...candidate].length === 1 && CP1258_CHARACTERS.has(candidate)) {
          base = candidate;
          marks.splice(markIndex, 1);
          composed = true;
          break;
        }
      }
    }
    result += base + marks.join('');
  }
  return result;
}

/**
 * The text as a file in `encoding` holds it. Unicode encodings keep NFC text; single-byte files write
 * Romanian ș ț as ş ţ (cp1250 and iso-8859-2 have only the cedilla forms, and legacy software substituted
 * them); cp1258 files use {@link toWindows1258Form}.
 */
export function legacyForm(text: string, encoding: Encoding): string {
  if (encoding.startsWith('utf-')) return text;
  const cedilla = text.replaceAll('ș', 'ş').replaceAll('Ș', 'Ş').replaceAll('ț', 'ţ').replaceAll('Ț', 'Ţ');
  return encoding === 'cp1258' ? toWindows1258Form(cedilla) : cedilla;
}

/** Whether iconv-lite encodes the text's {@link legacyForm} in `encoding` and decodes it back unchanged. */
export function canRepresent(text: string, encoding: Encoding): boolean {
  const form = legacyForm(text, encoding);
  return iconv.decode(iconv.encode(form, encoding), encoding) === form;
}

/** The supported encodings that represent all of a language's corpus text, verified by round trip. */
export function encodingsFor(language: CorpusLanguage): Encoding[] {
  const text = corpusCsv(language, ',');
  return ENCODINGS.filter((encoding) => canRepresent(text, encoding));
}

/** Per language code, the supported encodings that represent its corpus text (see {@link encodingsFor}). */
export const CORPUS_ENCODINGS: Readonly<Record<string, readonly Encoding[]>> = Object.fromEntries(
  CORPUS.map((language) => [language.code, encodingsFor(language)]),
);
