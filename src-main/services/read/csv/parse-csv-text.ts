import { CsvParser, type CsvParserOptions, type StrayQuotes } from './csv-parser';

/** Options for {@link parseCsvText}: the parser's, plus where to stop. */
export interface ParseCsvTextOptions extends CsvParserOptions {
  /** False when the text is the cut head of a longer source: its last partial record is left out. */
  final?: boolean;
  maxRows?: number;
  /** Told, once parsing ends, in which rows a stray quote was read as text (lenient reading). */
  onStrayQuotes?: (strays: StrayQuotes) => void;
}

/** Parses complete CSV text into rows of fields (for chunks and heads that fit in memory). */
export function parseCsvText(text: string, delimiter: string, options: ParseCsvTextOptions = {}): string[][] {
  const rows: string[][] = [];
  const max = options.maxRows ?? Infinity;
  const parser = new CsvParser(
    delimiter,
    {
      line: (line) => {
        if (rows.length < max) rows.push(line.split(delimiter));
      },
      record: (fields) => {
        if (rows.length < max) rows.push(fields);
      },
    },
    options,
  );
  parser.push(text);
  if (options.final ?? true) parser.end();
  options.onStrayQuotes?.(parser.strayQuotes);
  return rows;
}
