import type { Database } from 'better-sqlite3';
import { safeFileName } from '../../../src-shared/file-name';
import { encodeCsvRecord } from '../read/csv/encode-csv-record';
import { getRun, iterateRejects } from './run-repository';

/** The columns of a rejects download, as the run detail names them. */
export const REJECTS_HEADER = ['row', 'column', 'value', 'reason'];

/** A run's rejects as CSV text (UTF-8, CRLF, RFC 4180) and a file name that says whose they are. */
export function rejectsCsv(db: Database, runId: string): { fileName: string; csv: string } {
  const run = getRun(db, runId);
  const lines = [encodeCsvRecord(REJECTS_HEADER)];
  for (const reject of iterateRejects(db, runId)) {
    lines.push(encodeCsvRecord([String(reject.row), reject.column ?? '', reject.value, reject.reason]));
  }
  const stamp = (run.finishedAt ?? run.queuedAt).slice(0, 19).replaceAll(':', '-');
  return {
    fileName: `${safeFileName(run.importName)}_${stamp}_rejects.csv`,
    csv: `${lines.join('\r\n')}\r\n`,
  };
}
