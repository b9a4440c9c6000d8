import { IntakeError } from '../../../src-shared/errors';
import { LIMITS } from '../../../src-shared/limits';
import { endsOnLoneCr, type Delimiter, type Encoding } from '../../../src-shared/model/dialect';
import type { IngestIssue } from '../../../src-shared/model/ingest-issue';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import { detectDialect, type DialectGuess } from '../detect/dialect/detect-dialect';
import { detectHeader } from '../detect/dialect/detect-header';
import { strayQuotesMessage, type StrayQuotes } from '../read/csv/csv-parser';
import { parseCsvText } from '../read/csv/parse-csv-text';
import { skipTextLines } from '../read/csv/skip-lines';
import { profileColumns } from './column-profiles';
import { generatedNames, headerNames, joinHeaderRows } from './header-names';

/** Thrown when a cut head holds no whole record yet: the caller reads a longer head. */
export class HeadTooShort extends Error {
  /** What the longest head still lacked, when it is not a whole delimited row (XML). */
  constructor(readonly lacking?: string) {
    super('The head read holds no whole record yet.');
    this.name = 'HeadTooShort';
  }
}

/** Rows sampled for header detection and type inference (the preview itself shows fewer). */
const SAMPLE_ROWS = 1000;
/** Characters handed to the dialect detector: enough to judge, bounded so preview stays fast. */
const DETECT_CHARS = 64 * 1024;

type CsvPreview = Omit<Preview, 'headBytes' | 'truncated' | 'confidence' | 'reasons'> & {
  delimiterConfidence: number;
  delimiterReason: string;
  /** Detection's own choice, whatever the override. */
  detectedDelimiter: Delimiter;
};

/** Detects the dialect of decoded CSV/TSV text and returns its header, first rows and column types. */
export function previewCsv(
  text: string,
  isComplete: boolean,
  encoding: Encoding,
  overrides: DialectOverrides,
  rowLimit: number,
): CsvPreview {
  const guess = detectDialect(text.slice(0, DETECT_CHARS), {
    isComplete: isComplete && text.length <= DETECT_CHARS,
  });
  const delimiter = overrides.delimiter ?? guess.delimiter;
  const quote = overrides.quote ?? guess.quote;
  const lenientQuotes = overrides.lenientQuotes ?? true;
  const skipLines = overrides.skipLines ?? guess.skipLines;
  const loneCr = endsOnLoneCr(guess.newline);
  let strays: StrayQuotes = { count: 0, rows: [] };
  const records = parseCsvText(
    skipLines > 0 ? text.slice(skipTextLines(text, skipLines, loneCr)) : text,
    delimiter,
    {
      final: isComplete,
      maxRows: Math.max(rowLimit, SAMPLE_ROWS) + 1,
      loneCr,
      quote,
      lenientQuotes,
      // Rows named as a spreadsheet shows them: the skipped lines count.
      firstRow: skipLines + 1,
      onStrayQuotes: (found) => (strays = found),
    },
  );
  if (records.length === 0) {
    // A cut head without one whole record (a very wide first row): read more before judging.
    if (!isComplete) throw new HeadTooShort();
    // Said as what it is — nothing at all, not even a header — so a scheduled run's failure reads
    // as an empty export rather than a reading fault.
    throw new IntakeError(
      'VALIDATION',
      text.trim() === ''
        ? 'The source is empty: no header row and no rows (a file of 0 bytes, or only blank lines).'
        : 'The source contains no rows.',
      { reason: 'empty' },
    );
  }
  const hasHeader = overrides.hasHeader ?? detectHeader(records.slice(0, 50));
  // A header over several rows is joined only when asked (the dialect bar's Header rows).
  const headerRows = hasHeader ? Math.min(overrides.headerRows ?? 1, records.length) : 0;
  const body = records.slice(headerRows);
  const width = hasHeader
    ? Math.max(...records.slice(0, headerRows).map((row) => row.length))
    : Math.max(...records.slice(0, 100).map((row) => row.length));
  if (width > LIMITS.sourceColumns) {
    throw new IntakeError(
      'LIMIT',
      `The source has ${width.toLocaleString('en')} columns, over the ${LIMITS.sourceColumns.toLocaleString('en')} Intake can preview and map. Check the delimiter, or split the file.`,
      { columns: width, limit: LIMITS.sourceColumns },
    );
  }
  const header = hasHeader
    ? headerNames(headerRows > 1 ? joinHeaderRows(records.slice(0, headerRows), width) : records[0]!, width)
    : { names: generatedNames(width), issues: [] };
  const { columns, issues: typeIssues } = profileColumns(header.names, body);
  const firstRowNumber = skipLines + headerRows + 1;
  const issues: IngestIssue[] = [
    ...tableStartIssues(skipLines, guess, overrides, headerRows),
    ...header.issues,
    ...raggedIssue(body, width, firstRowNumber),
    ...strayQuoteIssue(strays, quote),
    ...typeIssues,
  ];
  return {
    format: 'csv',
    dialect: {
      encoding,
      delimiter,
      quote,
      escape: quote,
      newline: guess.newline,
      hasHeader,
      ...(lenientQuotes ? {} : { lenientQuotes: false }),
      ...(skipLines > 0 ? { skipLines } : {}),
      ...(headerRows > 1 ? { headerRows } : {}),
    },
    delimiterConfidence: overrides.delimiter ? 1 : guess.confidence,
    detectedDelimiter: guess.delimiter,
    delimiterReason: overrides.delimiter
      ? 'delimiter chosen by you'
      : `delimiter scored best of ${guess.candidates.length} candidates on row-length consistency and cell types`,
    columns,
    issues,
    header: header.names,
    rows: body.slice(0, rowLimit),
  };
}

/** What happens to such rows, and what to do about them. */
export const RAGGED_ADVICE =
  'An import rejects these rows (their values may sit in the wrong columns) unless the mapping step says to fit them; if most rows are affected, check the delimiter.';

/** The lines skipped before the table, and a header that seems to span rows (said, not joined). */
function tableStartIssues(
  skipLines: number,
  guess: DialectGuess,
  overrides: DialectOverrides,
  headerRows: number,
): IngestIssue[] {
  const hasHeader = headerRows > 0;
  const issues: IngestIssue[] = [];
  if (skipLines > 0) {
    const why =
      overrides.skipLines !== undefined
        ? 'as you chose'
        : guess.sepLine
          ? `Excel's "sep=" line${skipLines > 1 ? ' and a preamble of titles or notes' : ''}`
          : 'titles, notes or blank lines before the table';
    issues.push({
      code: 'preamble-skipped',
      severity: 'info',
      message: `Skipped ${skipLines} line${skipLines === 1 ? '' : 's'} before the ${hasHeader ? 'header' : 'first row'} (${why}); change it in the dialect bar.`,
      rows: Array.from({ length: Math.min(skipLines, 20) }, (_, at) => at + 1),
    });
  }
  if (headerRows === 1 && guess.headerRows > 1 && overrides.headerRows === undefined) {
    issues.push({
      code: 'multi-row-header',
      severity: 'info',
      message: `The header seems to span ${guess.headerRows} rows (rows ${skipLines + 1}–${skipLines + guess.headerRows}): row ${skipLines + 1} is used for the names and the others are read as data. Set Header rows to ${guess.headerRows} in the dialect bar to join them into one name per column.`,
    });
  }
  return issues;
}

/** Rows in which a stray quote was read as text (spreadsheet rows: the parser counts the skipped lines). */
function strayQuoteIssue(strays: StrayQuotes, quote: '"' | "'"): IngestIssue[] {
  if (strays.count === 0) return [];
  return [
    {
      code: 'stray-quotes',
      severity: 'warning',
      message: strayQuotesMessage(strays, quote),
      rows: strays.rows,
    },
  ];
}

function raggedIssue(body: readonly string[][], width: number, firstRowNumber: number): IngestIssue[] {
  const ragged = body.flatMap((row, index) =>
    row.length === width ? [] : [{ row: index + firstRowNumber, fields: row.length }],
  );
  if (ragged.length === 0) return [];
  const listed = ragged.slice(0, 20);
  return [
    {
      code: 'ragged-rows',
      severity: 'warning',
      message: `In the preview sample, ${ragged.length} row${ragged.length > 1 ? 's do' : ' does'} not have ${width} fields like the header: ${listed.map((r) => `row ${r.row} has ${r.fields}`).join(', ')}${ragged.length > listed.length ? ', …' : ''}. ${RAGGED_ADVICE}`,
      rows: listed.map((r) => r.row),
    },
  ];
}
