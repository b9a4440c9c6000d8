import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { ImportType } from '../../../src-shared/model/import-type';
import type { Page } from '../../../src-shared/model/browse';
import type {
  PushSummary,
  Run,
  RunCounts,
  RunFile,
  RunReject,
  RunStarter,
  RunStatus,
} from '../../../src-shared/model/run';
import type { AppError } from '../../../src-shared/result';
import type { DestinationSpec } from '../../../src-shared/model/destination';
import { advanceCursor } from '../imports/import-cursor';
import type { ImportedFile } from '../sources/connectors/connector';
import { processIsAlive } from '../workspace/process-alive';

interface RunRecord {
  id: string;
  import_id: string | null;
  import_name: string;
  import_type: ImportType;
  source_name: string;
  status: RunStatus;
  rows_read: number;
  rows_imported: number;
  rows_updated: number;
  rows_deduplicated: number;
  rows_rejected: number;
  rows_skipped: number;
  rows_total: number | null;
  bytes_read: number;
  bytes_total: number | null;
  warnings: string;
  error: string | null;
  queued_at: string;
  started_at: string | null;
  processing_at: string | null;
  finished_at: string | null;
  destination: string;
  files: string;
  started_by: RunStarter;
  coalesced: number;
  push: string | null;
}

function fromRecord(row: RunRecord): Run {
  return {
    id: row.id,
    importId: row.import_id,
    importName: row.import_name,
    importType: row.import_type,
    sourceName: row.source_name,
    status: row.status,
    rows: {
      read: row.rows_read,
      imported: row.rows_imported,
      updated: row.rows_updated,
      deduplicated: row.rows_deduplicated,
      rejected: row.rows_rejected,
      skipped: row.rows_skipped,
    },
    rowsTotal: row.rows_total,
    bytesRead: row.bytes_read,
    bytesTotal: row.bytes_total,
    warnings: JSON.parse(row.warnings) as string[],
    error: row.error ? (JSON.parse(row.error) as AppError) : null,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    processingAt: row.processing_at,
    finishedAt: row.finished_at,
    destination: (JSON.parse(row.destination) as DestinationSpec).kind,
    files: JSON.parse(row.files) as RunFile[],
    startedBy: row.started_by,
    coalesced: row.coalesced,
    push: row.push ? (JSON.parse(row.push) as PushSummary) : null,
  };
}

/** Where a run wrote (main only: an export's path). */
export function runDestination(db: Database, id: string): DestinationSpec {
  const text = db.prepare('SELECT destination FROM runs WHERE id = ?').pluck().get(id) as string | undefined;
  if (text === undefined) throw new IntakeError('NOT_FOUND', `No run with id ${id}.`, { runId: id });
  return JSON.parse(text) as DestinationSpec;
}

/** What a new run records about its import when it is queued. */
export interface NewRun {
  /** Null for a run without a saved import (an export of the mapping on screen, `intake export`). */
  importId: string | null;
  importName: string;
  importType: ImportType;
  sourceName: string;
  bytesTotal: number | null;
  destination: DestinationSpec;
  /** What asked for it ('user' when omitted). */
  startedBy?: RunStarter;
}

/** Records a queued run owned by this process. */
export function insertRun(db: Database, run: NewRun): Run {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO runs (id, import_id, import_name, import_type, source_name, status, bytes_total, queued_at, owner_pid,
       destination, started_by)
     VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
  ).run(
    id,
    run.importId,
    run.importName,
    run.importType,
    run.sourceName,
    run.bytesTotal,
    new Date().toISOString(),
    process.pid,
    JSON.stringify(run.destination),
    run.startedBy ?? 'user',
  );
  return getRun(db, id);
}

/** A run by id, or NOT_FOUND naming it. */
export function getRun(db: Database, id: string): Run {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRecord | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No run with id ${id}.`, { runId: id });
  return fromRecord(row);
}

/** Runs newest first, of one import or of all. */
export function listRuns(db: Database, importId: string | undefined, limit: number): Run[] {
  const rows = (
    importId
      ? db
          .prepare('SELECT * FROM runs WHERE import_id = ? ORDER BY queued_at DESC, rowid DESC LIMIT ?')
          .all(importId, limit)
      : db.prepare('SELECT * FROM runs ORDER BY queued_at DESC, rowid DESC LIMIT ?').all(limit)
  ) as RunRecord[];
  return rows.map(fromRecord);
}

/**
 * An import's queued or running run, if any process that is still alive owns it (a run left active
 * by a dead process is not running: start-up marks it interrupted).
 */
export function activeRunOf(
  db: Database,
  importId: string,
  isAlive: (pid: number) => boolean = processIsAlive,
): { id: string } | null {
  const active = db
    .prepare(
      `SELECT id, owner_pid AS pid FROM runs WHERE import_id = ? AND status IN ('queued', 'loading', 'processing')
       ORDER BY queued_at, rowid`,
    )
    .all(importId) as { id: string; pid: number | null }[];
  const live = active.find((run) => run.pid !== null && (run.pid === process.pid || isAlive(run.pid)));
  return live ? { id: live.id } : null;
}

/** Another request to run an import joined this queued or running run instead of queuing a second. */
export function noteCoalesced(db: Database, id: string): void {
  db.prepare('UPDATE runs SET coalesced = coalesced + 1 WHERE id = ?').run(id);
}

/** The run entered loading: it has a dataset (staged now, or reused from the wizard). */
export function markLoading(db: Database, id: string, datasetId: string): void {
  db.prepare(
    "UPDATE runs SET status = 'loading', dataset_id = ?, started_at = ? WHERE id = ? AND status = 'queued'",
  ).run(datasetId, new Date().toISOString(), id);
}

/** Loading finished: what was read; processing starts. */
export function markProcessing(
  db: Database,
  id: string,
  loaded: { rowsTotal: number; bytesRead: number; bytesTotal: number | null },
): void {
  db.prepare(
    `UPDATE runs SET status = 'processing', rows_total = ?, rows_read = ?, bytes_read = ?, bytes_total = ?,
       processing_at = ? WHERE id = ?`,
  ).run(
    loaded.rowsTotal,
    loaded.rowsTotal,
    loaded.bytesRead,
    loaded.bytesTotal,
    new Date().toISOString(),
    id,
  );
}

/**
 * Records a successful run. Called by processing inside the run's own transaction, so the counts,
 * the rejects and the data commit together or not at all.
 */
export function markSucceeded(
  db: Database,
  id: string,
  counts: RunCounts,
  warnings: string[],
  files: RunFile[] = [],
  /** An incremental run's new cursor: it moves in this same transaction, or not at all. */
  cursor?: string,
): void {
  db.prepare(
    `UPDATE runs SET status = 'succeeded', rows_read = ?, rows_imported = ?, rows_updated = ?,
       rows_deduplicated = ?, rows_rejected = ?, rows_skipped = ?, warnings = ?, files = ?, error = NULL,
       finished_at = ? WHERE id = ?`,
  ).run(
    counts.read,
    counts.imported,
    counts.updated,
    counts.deduplicated,
    counts.rejected,
    counts.skipped,
    JSON.stringify(warnings),
    JSON.stringify(files),
    new Date().toISOString(),
    id,
  );
  // A storage import remembers what it read ("not imported yet"), in the same transaction as its
  // success: a run that fails remembers nothing.
  const importId = db.prepare('SELECT import_id FROM runs WHERE id = ?').pluck().get(id) as string | null;
  if (importId !== null && cursor !== undefined) advanceCursor(db, importId, cursor);
  if (importId === null || files.length === 0) return;
  const remember = db.prepare(
    `INSERT INTO import_files (import_id, path, size, mtime, imported_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (import_id, path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, imported_at = excluded.imported_at`,
  );
  const exists = db.prepare('SELECT 1 FROM imports WHERE id = ?').get(importId);
  if (!exists) return;
  const now = new Date().toISOString();
  for (const file of files) remember.run(importId, file.name, file.size, file.modifiedAt, now);
}

/** The storage files an import has read (for 'not imported yet'). */
export function importedFilesOf(db: Database, importId: string | null): ImportedFile[] {
  if (importId === null) return [];
  return db
    .prepare(
      'SELECT path AS name, size, mtime AS modifiedAt FROM import_files WHERE import_id = ? ORDER BY path',
    )
    .all(importId) as ImportedFile[];
}

/**
 * The files any import reading `path` through a storage connection has read (what `intake sources
 * list` marks as imported when no import is named).
 */
export function importedFilesOfConnection(db: Database, connectionId: string, path: string): ImportedFile[] {
  return db
    .prepare(
      `SELECT DISTINCT f.path AS name, f.size, f.mtime AS modifiedAt
       FROM import_files f JOIN imports i ON i.id = f.import_id
       WHERE json_extract(i.source_spec, '$.connectionId') = ? AND json_extract(i.source_spec, '$.path') = ?
       ORDER BY f.path`,
    )
    .all(connectionId, path) as ImportedFile[];
}

/**
 * Ends a run that did not succeed; nothing it processed was kept, so its counts are zeroed and its
 * rejects forgotten. A run whose destination committed before the end could be recorded (a crash,
 * a failure writing the status) succeeded: its commit record in the data database says so, and
 * its success is recorded from it instead.
 */
export function endRun(db: Database, id: string, status: 'failed' | 'cancelled', error: AppError): void {
  const committed = db.prepare('SELECT outcome FROM run_commits WHERE run_id = ?').pluck().get(id) as
    string | undefined;
  db.transaction(() => {
    if (committed !== undefined) {
      const outcome = JSON.parse(committed) as {
        counts: RunCounts;
        warnings: string[];
        files?: RunFile[];
        cursor?: string;
      };
      const active = db.prepare("SELECT 1 FROM runs WHERE id = ? AND status <> 'succeeded'").get(id);
      if (active) markSucceeded(db, id, outcome.counts, outcome.warnings, outcome.files, outcome.cursor);
      return;
    }
    const ended = db
      .prepare(
        `UPDATE runs SET status = ?, error = ?, rows_imported = 0, rows_updated = 0, rows_deduplicated = 0,
           rows_rejected = 0, rows_skipped = 0, finished_at = ? WHERE id = ? AND status IN ('queued', 'loading', 'processing')`,
      )
      .run(status, JSON.stringify(error), new Date().toISOString(), id).changes;
    if (ended > 0) db.prepare('DELETE FROM run_rejects WHERE run_id = ?').run(id);
  })();
}

/** The error an interrupted run is left with. */
export const INTERRUPTED: AppError = {
  code: 'INTERRUPTED',
  message:
    'The run was interrupted: Intake stopped before it finished. Nothing from it was imported; run it again.',
};

/**
 * Marks runs left active by a process that is gone (a crash, a kill -9, a power cut) as failed
 * ("interrupted"), or as succeeded when their destination had committed (see endRun). Runs of a
 * live process (another window or `intake serve` on the same workspace) are left alone.
 */
export function failInterruptedRuns(
  db: Database,
  isAlive: (pid: number) => boolean = processIsAlive,
): string[] {
  const active = db
    .prepare("SELECT id, owner_pid AS pid FROM runs WHERE status IN ('queued', 'loading', 'processing')")
    .all() as { id: string; pid: number | null }[];
  const orphans = active.filter((run) => run.pid === null || run.pid === process.pid || !isAlive(run.pid));
  for (const run of orphans) endRun(db, run.id, 'failed', INTERRUPTED);
  return orphans.map((run) => run.id);
}

/** The datasets runs were reading (an interrupted run's input, to delete with it). */
export function datasetsOfRuns(db: Database, runIds: readonly string[]): string[] {
  const of = db.prepare('SELECT dataset_id FROM runs WHERE id = ? AND dataset_id IS NOT NULL').pluck();
  return runIds.flatMap((id) => of.all(id) as string[]);
}

/** A run's rejects as the contract names their fields. */
const REJECT_FIELDS = 'row_number AS row, column_name AS "column", value, reason';

/** A page of a run's rejects in row order. */
export function rejectsPage(db: Database, runId: string, offset: number, limit: number): Page<RunReject> {
  const total = db.prepare('SELECT COUNT(*) FROM run_rejects WHERE run_id = ?').pluck().get(runId) as number;
  const items = db
    .prepare(`SELECT ${REJECT_FIELDS} FROM run_rejects WHERE run_id = ? ORDER BY row_number LIMIT ? OFFSET ?`)
    .all(runId, limit, offset) as RunReject[];
  return { offset, total, items };
}

/** A reject with the whole row as the file had it (null for rejects recorded before rows were kept). */
export interface RejectWithRow extends RunReject {
  cells: string[] | null;
}

/** Up to `limit` rejects of a run after a row number, in row order (its primary key's order), with their rows. */
export function rejectsAfter(db: Database, runId: string, afterRow: number, limit: number): RejectWithRow[] {
  const rows = db
    .prepare(
      `SELECT ${REJECT_FIELDS}, row_cells AS cells FROM run_rejects WHERE run_id = ? AND row_number > ? ORDER BY row_number LIMIT ?`,
    )
    .all(runId, afterRow, limit) as (RunReject & { cells: string | null })[];
  return rows.map((row) => ({
    ...row,
    cells: row.cells === null ? null : (JSON.parse(row.cells) as string[]),
  }));
}

/** The run's source columns (the names of a rejected row's cells), once processing started. */
export function runSourceColumns(db: Database, runId: string): string[] | null {
  const text = db.prepare('SELECT source_columns FROM runs WHERE id = ?').pluck().get(runId) as
    string | null | undefined;
  return text ? (JSON.parse(text) as string[]) : null;
}

/** Keeps the columns the run's rows have, for its rejects CSV. */
export function setRunSourceColumns(db: Database, runId: string, columns: readonly string[]): void {
  db.prepare('UPDATE runs SET source_columns = ? WHERE id = ?').run(JSON.stringify(columns), runId);
}
