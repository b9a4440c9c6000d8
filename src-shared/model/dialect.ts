/** The encodings Intake reads (the platforms' allowed list; utf-16 split by byte order). */
export const ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'cp1250',
  'cp1251',
  'cp1252',
  'cp1253',
  'cp1254',
  'cp1255',
  'cp1256',
  'cp1257',
  'cp1258',
  'latin1',
  'iso-8859-2',
] as const;

/** One supported encoding, named as iconv-lite names it. */
export type Encoding = (typeof ENCODINGS)[number];

/** The delimiters Intake accepts: space, tab, comma, dot, semicolon, colon, dash, pipe, tilde. */
export const DELIMITERS = [' ', '\t', ',', '.', ';', ':', '-', '|', '~'] as const;

/** One supported delimiter. */
export type Delimiter = (typeof DELIMITERS)[number];

/** Human names of the delimiters, for the UI and messages. */
export const DELIMITER_NAMES: Record<Delimiter, string> = {
  ' ': 'space',
  '\t': 'tab',
  ',': 'comma',
  '.': 'dot',
  ';': 'semicolon',
  ':': 'colon',
  '-': 'dash',
  '|': 'pipe',
  '~': 'tilde',
};

/**
 * Line endings Intake recognises: CRLF, LF, a lone CR (classic Mac OS, some exports), or a mix in
 * which a lone CR ends a record too (files pasted together from several systems).
 */
export type Newline = '\r\n' | '\n' | '\r' | 'mixed';

/** Names of the line endings, for the UI and messages. */
export const NEWLINE_NAMES: Record<Newline, string> = {
  '\r\n': 'CRLF',
  '\n': 'LF',
  '\r': 'CR',
  mixed: 'mixed',
};

/** Whether a carriage return alone ends a record under this line ending. */
export function endsOnLoneCr(newline: Newline): boolean {
  return newline === '\r' || newline === 'mixed';
}

/** The quote characters Intake reads: the double quote (RFC 4180), or a single quote (`'a, b'`). */
export const QUOTES = ['"', "'"] as const;
export type Quote = (typeof QUOTES)[number];

/** How to read a delimited text source. The escape is the quote doubled, as RFC 4180 has it. */
export interface Dialect {
  encoding: Encoding;
  delimiter: Delimiter;
  quote: Quote;
  escape: Quote;
  newline: Newline;
  /** Whether row 1 holds the column names. */
  hasHeader: boolean;
  /**
   * Read a quote that never closes properly as text, with a warning, instead of refusing the file
   * (see read/csv/quoted-field.ts). Unset means true; the dialect bar's switch sets false.
   */
  lenientQuotes?: boolean;
  /**
   * Lines before the header (or the first data row) that are not part of the table: Excel's
   * `sep=;` line, titles, notes, blank lines. Unset means 0.
   */
  skipLines?: number;
  /**
   * Rows the header spans (2–3: a group row above the names, units below them), joined into one
   * name per column. Unset means 1.
   */
  headerRows?: number;
  /**
   * Excel workbooks: the sheet read. Its skipLines count the sheet's rows above the header (blank
   * ones too, as Excel numbers them); encoding, delimiter and quote do not apply.
   */
  sheet?: string;
}

/** The formats Intake reads. */
export type SourceFormat = 'csv' | 'xml' | 'xlsx';
