import { IntakeError } from '../../../../src-shared/errors';
import type { Quote } from '../../../../src-shared/model/dialect';
import type { SplitLine } from '../line-splitter';
import type { LineTarget } from '../line-window';
import { CsvParser } from './csv-parser';

/** How the rows were read: the CSV reader's options, which decide where each row starts. */
export interface RowDialect {
  delimiter: string;
  quote: Quote;
  lenientQuotes: boolean;
  loneCr: boolean;
  /** Lines before the table: they are rows 1…skipLines, one line each, as the reader numbers rows. */
  skipLines: number;
}

/**
 * Finds the line a CSV row starts on. Row numbers and line numbers part ways at quoted line ends
 * (one row, several lines), blank lines (skipped, no row) and the lines skipped before the table,
 * so the lines are read again with the reader's own parser, one line per push: each record it
 * hands over takes its first non-blank line and as many more as the line ends inside its values.
 * A row the parser never hands over (a quote that never closes, read strictly) starts on the first
 * non-blank line after the row before it — which is where the refusal is.
 */
export function rowStartTarget(row: number, dialect: RowDialect): LineTarget {
  // The parser counts records from the table's first line; `row` counts the skipped lines too.
  const record = row - dialect.skipLines;
  /** Lines pushed and not yet taken by a record, oldest first: whether each is blank. */
  const pending: { number: number; blank: boolean }[] = [];
  let records = 0;
  let found: number | null = null;
  const take = (lineEnds: number) => {
    while (pending[0]?.blank) pending.shift();
    const start = pending[0]?.number ?? null;
    pending.splice(0, 1 + lineEnds);
    records += 1;
    if (records === record) found ??= start;
  };
  const parser = new CsvParser(
    dialect.delimiter,
    {
      line: () => take(0),
      record: (fields) => take(lineEndsIn(fields, dialect.loneCr)),
    },
    {
      quote: dialect.quote,
      lenientQuotes: dialect.lenientQuotes,
      loneCr: dialect.loneCr,
      firstRow: dialect.skipLines + 1,
    },
  );
  return {
    see(line: SplitLine): number | null {
      if (found !== null) return found;
      if (line.number <= dialect.skipLines) return line.number === row ? row : null;
      if (line.cutBefore > 0 || line.cutAfter > 0) {
        throw new IntakeError(
          'LIMIT',
          `Line ${line.number.toLocaleString('en')} is too long (over ${line.text.length.toLocaleString('en')} characters) to find row ${row.toLocaleString('en')} past it; the raw view stops there.`,
          { line: line.number, row },
        );
      }
      pending.push({ number: line.number, blank: line.text === '' });
      parser.push(line.text + line.terminator);
      if (found === null && records === record - 1)
        found = pending.find((entry) => !entry.blank)?.number ?? null;
      return found;
    },
  };
}

/** Line ends inside a record's values: the lines it spans beyond its first. */
function lineEndsIn(fields: readonly string[], loneCr: boolean): number {
  let count = 0;
  for (const field of fields) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) count += 1;
    if (!loneCr) continue;
    for (let at = field.indexOf('\r'); at !== -1; at = field.indexOf('\r', at + 1))
      if (field.charCodeAt(at + 1) !== 10) count += 1;
  }
  return count;
}
