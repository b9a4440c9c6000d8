import type { Database } from 'better-sqlite3';
import { safeFileName } from '../../../src-shared/file-name';
import { encodeCsvRecord } from '../read/csv/encode-csv-record';
import { spreadsheetSafe } from '../read/csv/spreadsheet-safe';
import type { RejectsCsvPart } from '../../../src-shared/model/run';
import { REJECTS_CSV_PART_ROWS } from '../../../src-shared/schemas/runs';
import { getRun, rejectsAfter, runSourceColumns } from './run-repository';

/** The columns of a rejects download, as the run detail names them. */
export const REJECTS_HEADER = ['row', 'column', 'value', 'reason'];

/**
 * A part of a run's rejects as CSV text (UTF-8, CRLF, RFC 4180): the header and the first
 * REJECTS_CSV_PART_ROWS rejects, or the ones after `afterRow`, with a file name that says whose they
 * are. Parts keep a million rejects from being one string built while the main thread waits.
 * Column names, values and reasons are made spreadsheet-safe (see spreadsheetSafe).
 */
export function rejectsCsv(db: Database, runId: string, afterRow?: number): RejectsCsvPart {
  const run = getRun(db, runId);
  // After the reason, the whole row as the file had it, under the file's own column names: fix
  // the values and the columns from the fifth on import again as they are.
  const columns = runSourceColumns(db, runId) ?? [];
  const lines =
    afterRow === undefined ? [encodeCsvRecord([...REJECTS_HEADER, ...columns.map(spreadsheetSafe)])] : [];
  const rejects = rejectsAfter(db, runId, afterRow ?? 0, REJECTS_CSV_PART_ROWS);
  for (const reject of rejects) {
    const texts = [reject.column ?? '', reject.value, reject.reason].map(spreadsheetSafe);
    // A row with extra fields keeps them after the named columns: the CSV shows the row as it was.
    const row = reject.cells ?? [];
    const cells =
      columns.length > 0
        ? [...columns.map((_, index) => row[index] ?? ''), ...row.slice(columns.length)]
        : [];
    lines.push(encodeCsvRecord([String(reject.row), ...texts, ...cells.map(spreadsheetSafe)]));
  }
  const stamp = (run.finishedAt ?? run.queuedAt).slice(0, 19).replaceAll(':', '-');
  return {
    fileName: `${safeFileName(run.importName)}_${stamp}_rejects.csv`,
    csv: lines.length ? `${lines.join('\r\n')}\r\n` : '',
    lastRow: rejects.length === REJECTS_CSV_PART_ROWS ? rejects.at(-1)!.row : null,
  };
}
