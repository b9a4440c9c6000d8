import type { Database } from 'better-sqlite3';
import { safeFileName } from '../../../src-shared/file-name';
import { encodeCsvRecord } from '../read/csv/encode-csv-record';
import { getRun, iterateRejects } from './run-repository';

/** The columns of a rejects download, as the run detail names them. */
export const REJECTS_HEADER = ['row', 'column', 'value', 'reason'];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first)
 * prefixed with an apostrophe, which spreadsheets show as text: a rejected value comes from the
 * source file, and opening the download must not execute it (OWASP "CSV injection").
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A run's rejects as CSV text (UTF-8, CRLF, RFC 4180) and a file name that says whose they are.
 * Column names, values and reasons are made spreadsheet-safe (see spreadsheetSafe).
 */
export function rejectsCsv(db: Database, runId: string): { fileName: string; csv: string } {
  const run = getRun(db, runId);
  const lines = [encodeCsvRecord(REJECTS_HEADER)];
  for (const reject of iterateRejects(db, runId)) {
    const texts = [reject.column ?? '', reject.value, reject.reason].map(spreadsheetSafe);
    lines.push(encodeCsvRecord([String(reject.row), ...texts]));
  }
  const stamp = (run.finishedAt ?? run.queuedAt).slice(0, 19).replaceAll(':', '-');
  return {
    fileName: `${safeFileName(run.importName)}_${stamp}_rejects.csv`,
    csv: `${lines.join('\r\n')}\r\n`,
  };
}
