import type { Database } from 'better-sqlite3';
import { LIMITS } from '../../../src-shared/limits';
import type { IngestIssue } from '../../../src-shared/model/ingest-issue';
import { RAGGED_ADVICE } from '../preview/preview-csv';
import { strayQuotesMessage } from '../read/csv/csv-parser';
import type { StageOutcome } from './stage-task';

/** Row numbers listed in an issue; the message gives the full count. */
const LISTED_ROWS = 20;

/**
 * A finished dataset's issues: the preview's, with what staging counted over the whole file in
 * place of the preview's own count of the same thing (ragged rows, stray quotes), so each is
 * listed once.
 */
export function datasetIssues(
  previewIssues: readonly IngestIssue[],
  staged: readonly IngestIssue[],
): IngestIssue[] {
  const recounted = new Set(staged.map((issue) => issue.code));
  recounted.add('ragged-rows'); // the preview's ragged rows are only its head's: staging's count stands
  return [...previewIssues.filter((issue) => !recounted.has(issue.code)), ...staged];
}

/** The stray quotes the preview saw (their rows, for "Show row as text"), to list beside staging's count. */
export function previewStrays(previewIssues: readonly IngestIssue[]): number[] {
  return previewIssues.find((issue) => issue.code === 'stray-quotes')?.rows ?? [];
}

/** The issues a finished staging run found: ragged rows, the row-count warning, late XML columns. */
export function stagingIssues(
  datasetDb: Database,
  outcome: StageOutcome,
  expectedFields: number,
  /** The rows the preview listed with stray quotes, and the dialect's quote: named in the warning. */
  strays: { rows: number[]; quote: '"' | "'" },
): IngestIssue[] {
  const issues: IngestIssue[] = [];
  if (outcome.raggedCount > 0) {
    const sample = datasetDb
      .prepare(
        'SELECT row_number AS rowNumber, field_count AS fields FROM ragged_rows ORDER BY row_number LIMIT ?',
      )
      .all(LISTED_ROWS) as { rowNumber: number; fields: number }[];
    const described = sample.map((r) => `row ${r.rowNumber} has ${r.fields}`).join(', ');
    issues.push({
      code: 'ragged-rows',
      severity: 'warning',
      message: `${outcome.raggedCount.toLocaleString('en')} rows do not have ${expectedFields} fields like the header: ${described}${outcome.raggedCount > sample.length ? ', …' : ''}. ${RAGGED_ADVICE}`,
      rows: sample.map((r) => r.rowNumber),
    });
  }
  if ((outcome.strayQuoteCount ?? 0) > 0) {
    const count = outcome.strayQuoteCount!;
    issues.push({
      code: 'stray-quotes',
      severity: 'warning',
      // With the rows the preview saw, in the preview's words; past its head, the count alone.
      message:
        strays.rows.length > 0
          ? strayQuotesMessage({ count, rows: strays.rows }, strays.quote)
          : `A quote that never closes properly was read as text in ${count.toLocaleString('en')} row${count === 1 ? '' : 's'} of the file. Check those values; to refuse such files instead, untick "Read stray quotes as text" in the dialect bar.`,
      ...(strays.rows.length > 0 ? { rows: strays.rows } : {}),
    });
  }
  if (outcome.rowCount > LIMITS.warnRows) {
    issues.push({
      code: 'too-many-rows',
      severity: 'warning',
      message: `${outcome.rowCount.toLocaleString('en')} rows is over the recommended ${LIMITS.warnRows.toLocaleString('en')} rows per import. Consider splitting the file.`,
    });
  }
  if (outcome.lateColumns.length > 0) {
    issues.push({
      code: 'xml-late-columns',
      severity: 'info',
      message: `Columns first seen after the preview were added: ${outcome.lateColumns.join(', ')}.`,
      columns: outcome.lateColumns,
    });
  }
  return issues;
}
