import BetterSqlite3, { type Database } from 'better-sqlite3';
import { createRowMapper, type MappedRecord, type RowReject } from '../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { RunCounts } from '../../../src-shared/model/run';
import { createWorkspaceApplier } from '../destinations/workspace/create-applier';
import { purgeExpired } from '../destinations/workspace/purge-expired';
import { DatasetReader } from '../stage/dataset-reader';
import { markSucceeded } from './run-repository';

/** What processing a run needs; plain data, so it can be posted to a worker thread. */
export interface ProcessTask {
  runId: string;
  importId: string;
  databasePath: string;
  datasetPath: string;
  /** The import's mapping fitted to the dataset's columns. */
  mapping: ImportMapping;
  /** Warnings loading already found (new columns…), stored with the run's summary. */
  warnings: string[];
  nativeBinding?: string;
}

export interface ProcessOutcome {
  counts: RunCounts;
  warnings: string[];
}

/** How processing talks back: rows done, and whether it should stop. */
export interface ProcessHooks {
  progress(rows: number): void;
  /** Throws CANCELLED when the run was cancelled; called between batches. */
  checkpoint(): void;
}

/** Records applied per call: big enough to amortize the call, small enough to cancel promptly. */
const BATCH = 2_000;

/**
 * Maps every staged row and applies the records to the workspace in ONE transaction, together with
 * the run's rejects and its "succeeded" status: a cancel, an error or a kill -9 leaves no row of the
 * run behind (SQLite rolls the transaction back, or never commits it). Upserts and the dedup
 * memory make a re-run of the same file reach the same state.
 */
export function processRun(task: ProcessTask, hooks: ProcessHooks): ProcessOutcome {
  const db = openWriter(task);
  let reader: DatasetReader | null = null;
  try {
    reader = new DatasetReader(task.datasetPath, task.nativeBinding);
    db.exec('BEGIN IMMEDIATE');
    const processedAt = Date.now();
    purgeExpired(db, processedAt);
    const applier = createWorkspaceApplier(db, task.mapping, { runId: task.runId, importId: task.importId });
    const mapRow = createRowMapper(task.mapping);
    const insertReject = db.prepare(
      'INSERT INTO run_rejects (run_id, row_number, column_name, value, reason) VALUES (?, ?, ?, ?, ?)',
    );
    const counts: RunCounts = { read: 0, imported: 0, updated: 0, deduplicated: 0, rejected: 0 };
    const warnings = new Set(task.warnings);
    const reject = (row: RowReject) => {
      insertReject.run(task.runId, row.rowNumber, row.column, row.value, row.reason);
      counts.rejected++;
    };
    let batch: MappedRecord[] = [];
    const flush = () => {
      const applied = applier.apply(batch, processedAt);
      counts.imported += applied.imported;
      counts.updated += applied.updated;
      counts.deduplicated += applied.deduplicated;
      applied.rejected.forEach(reject);
      applied.warnings.forEach((warning) => warnings.add(warning));
      batch = [];
      hooks.checkpoint();
      hooks.progress(counts.read);
    };
    const firstRowNumber = reader.meta.firstRowNumber;
    for (const { index, cells } of reader.all()) {
      counts.read++;
      const outcome = mapRow(cells, index + firstRowNumber);
      if (outcome.ok) batch.push(outcome.record);
      else reject(outcome.reject);
      if (batch.length >= BATCH || counts.read % (BATCH * 4) === 0) flush();
    }
    flush();
    markSucceeded(db, task.runId, counts, [...warnings]);
    db.exec('COMMIT');
    return { counts, warnings: [...warnings] };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    reader?.close();
    db.close();
  }
}

/** A second connection to the workspace, for this run only (workers cannot share main's). */
function openWriter(task: ProcessTask): Database {
  const db = new BetterSqlite3(
    task.databasePath,
    task.nativeBinding ? { nativeBinding: task.nativeBinding, fileMustExist: true } : { fileMustExist: true },
  );
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another run of another process may be committing; wait for it rather than fail.
  db.pragma('busy_timeout = 60000');
  // Bulk writes: a bigger page cache keeps the indexes being written in memory.
  db.pragma('cache_size = -65536');
  return db;
}
