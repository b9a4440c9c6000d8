import type { Delimiter, Dialect, Encoding } from './dialect';

/** Lines shown before and after the one a raw view points at, unless asked otherwise. */
export const RAW_LINES_AROUND = 5;
/** At most this many lines either side (the view is a look at the spot, never the file). */
export const MAX_RAW_LINES_AROUND = 20;
/** Characters of a line shown; a longer one is cut, around the column when one is named. */
export const RAW_LINE_CHARS = 400;

/** Where a raw view points: a line of text (XML errors), or a row as a spreadsheet numbers it (CSV). */
export interface RawLinesAt {
  line?: number;
  /** A CSV row number (the lines skipped before the table count): the view finds the line it starts on. */
  row?: number;
  /** 1-based character column on the line (XML errors): kept in view when the line is long. */
  column?: number;
}

/**
 * Where an error's details point in the source: its line (and column) for XML, its row for CSV,
 * else the first line; `located` says whether the error named a place at all. The wizard and
 * `intake preview` both show the raw lines there.
 */
export function rawLinesAtOf(details: Record<string, unknown> | undefined): {
  at: RawLinesAt;
  located: boolean;
} {
  const number = (key: string) => (typeof details?.[key] === 'number' ? (details[key] as number) : undefined);
  const line = number('line');
  const row = number('row');
  const column = number('column');
  const at: RawLinesAt =
    line !== undefined
      ? { line, ...(column !== undefined ? { column } : {}) }
      : row !== undefined
        ? { row }
        : { line: 1 };
  return { at, located: line !== undefined || row !== undefined };
}

/** One line of text as the source holds it, decoded, without its line end. */
export interface RawLine {
  /** 1-based, counting every line end (CRLF, LF, and a lone CR where it ends lines). */
  number: number;
  text: string;
  /** Characters left out before and after `text` (a line longer than {@link RAW_LINE_CHARS}). */
  cutBefore: number;
  cutAfter: number;
}

/** The lines around a spot of a text source, read through its connector and decoder. */
export interface RawLines {
  format: 'csv' | 'xml';
  /**
   * The dialect the lines were read with: the person's choices, else detection's. The dialect bar
   * shows it when the preview itself failed.
   */
  dialect: Dialect;
  /** What detection chose (delimiter: CSV only), so the bar keeps marking it. */
  detected: { encoding: Encoding; delimiter: Delimiter | null };
  lines: RawLine[];
  /** The line pointed at (a row's first line), or null when the source ends before it. */
  target: number | null;
  /** The row pointed at, when the request named one. */
  row: number | null;
  /** How many lines the source has, when it was read to its end; null when reading stopped early. */
  totalLines: number | null;
  /** Bytes read from the source: up to the last line shown (and a read buffer), never the whole file. */
  bytesRead: number;
}
