import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { RowReject } from '../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { RunCounts } from '../../../src-shared/model/run';
import type { ApplyCounts, RecordApplier } from '../destinations/workspace/apply-counts';
import { createWorkspaceApplier } from '../destinations/workspace/create-applier';
import { EventsApplier } from '../destinations/workspace/events-applier';
import { purgeExpired } from '../destinations/workspace/purge-expired';
import { DatasetReader } from '../stage/dataset-reader';
import { mappedBatches } from './mapped-batches';
import { preparedBatches } from './prepare-pipeline';
import { RUN_BUSY_TIMEOUT_MS } from '../workspace/busy-timeouts';
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
  /** Events runs of this many rows or more prepare on a second thread; default PIPELINE_FROM_ROWS. */
  pipelineFromRows?: number;
  /** How long the run waits for another process's write lock to begin; RUN_BUSY_TIMEOUT_MS by default. */
  busyTimeoutMs?: number;
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

/**
 * From this many rows an events run prepares its rows on a thread of its own (see
 * prepare-pipeline): below it, starting the thread costs more than the overlap saves.
 */
export const PIPELINE_FROM_ROWS = 50_000;

/** One batch, either mapped here or prepared on the pipeline's thread. */
interface Batch {
  read: number;
  rejects: RowReject[];
  apply(processedAt: number): ApplyCounts;
}

/**
 * Maps every staged row and applies the records to the workspace in ONE transaction, together with
 * the run's rejects and its "succeeded" status: a cancel, an error or a kill -9 leaves no row of the
 * run behind (SQLite rolls the transaction back, or never commits it). Upserts and the dedup
 * memory make a re-run of the same file reach the same state.
 */
export function processRun(task: ProcessTask, hooks: ProcessHooks): ProcessOutcome {
  const db = openWriter(task);
  try {
    db.exec('BEGIN IMMEDIATE');
    const processedAt = Date.now();
    purgeExpired(db, processedAt);
    const applier = createWorkspaceApplier(db, task.mapping, { runId: task.runId, importId: task.importId });
    const insertReject = db.prepare(
      'INSERT INTO run_rejects (run_id, row_number, column_name, value, reason) VALUES (?, ?, ?, ?, ?)',
    );
    const counts: RunCounts = { read: 0, imported: 0, updated: 0, deduplicated: 0, rejected: 0 };
    const warnings = new Set(task.warnings);
    const reject = (row: RowReject) => {
      insertReject.run(task.runId, row.rowNumber, row.column, row.value, row.reason);
      counts.rejected++;
    };
    for (const batch of batchesOf(task, applier, hooks)) {
      counts.read += batch.read;
      batch.rejects.forEach(reject);
      const applied = batch.apply(processedAt);
      counts.imported += applied.imported;
      counts.updated += applied.updated;
      counts.deduplicated += applied.deduplicated;
      applied.rejected.forEach(reject);
      applied.warnings.forEach((warning) => warnings.add(warning));
      hooks.checkpoint();
      hooks.progress(counts.read);
    }
    markSucceeded(db, task.runId, counts, [...warnings]);
    db.exec('COMMIT');
    return { counts, warnings: [...warnings] };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
}

/**
 * The run's batches in file order: mapped here, or, for an events run of PIPELINE_FROM_ROWS rows or
 * more, prepared on the pipeline's thread, which reads the dataset itself.
 */
function* batchesOf(task: ProcessTask, applier: RecordApplier, hooks: ProcessHooks): Generator<Batch> {
  const events = applier instanceof EventsApplier ? applier : null;
  const reader = new DatasetReader(task.datasetPath, task.nativeBinding);
  try {
    if (!events || reader.meta.rowCount < (task.pipelineFromRows ?? PIPELINE_FROM_ROWS)) {
      for (const batch of mappedBatches(reader, task.mapping)) {
        yield { ...batch, apply: (at) => applier.apply(batch.items, at) };
      }
      return;
    }
  } finally {
    reader.close();
  }
  const { datasetPath, mapping, nativeBinding } = task;
  const prepared = preparedBatches(
    { datasetPath, mapping, ...(nativeBinding ? { nativeBinding } : {}) },
    () => hooks.checkpoint(),
  );
  for (const batch of prepared) yield { ...batch, apply: (at) => events.applyPrepared(batch.events, at) };
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
  db.pragma(`busy_timeout = ${task.busyTimeoutMs ?? RUN_BUSY_TIMEOUT_MS}`);
  // Bulk writes: a bigger page cache keeps the indexes being written in memory. 32 MiB: 64 MiB was
  // no faster within the noise, and the pipeline's second thread needs the memory (RSS ≤ 300 MB).
  db.pragma('cache_size = -32768');
  return db;
}
