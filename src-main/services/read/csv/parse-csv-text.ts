import { CsvParser } from './csv-parser';

/** Parses complete CSV text into rows of fields (for chunks and heads that fit in memory). */
export function parseCsvText(
  text: string,
  delimiter: string,
  options: { final?: boolean; maxRows?: number; loneCr?: boolean } = {},
): string[][] {
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
    { loneCr: options.loneCr ?? false },
  );
  parser.push(text);
  if (options.final ?? true) parser.end();
  return rows;
}
