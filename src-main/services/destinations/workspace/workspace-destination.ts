import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { RUN_BUSY_TIMEOUT_MS } from '../../workspace/busy-timeouts';
import { CONTROL_FILE, DATABASE_FILE } from '../../workspace/workspace-files';
import type {
  BatchResult,
  Destination,
  DestinationContext,
  DestinationSession,
  RunIdentity,
  RunInput,
  RunOutcome,
  RunSink,
} from '../destination';
import type { ApplyCounts, RecordApplier } from './apply-counts';
import { createWorkspaceApplier } from './create-applier';
import { EventsApplier } from './events-applier';
import { PreparerThread } from './prepare-pipeline';
import type { KeyOrderLimits } from './key-ordered-links';
import { runsOn } from './expire-import-data';
import { purgeExpired } from './purge-expired';

/**
 * From this many rows an events run prepares its rows on a thread of its own (see
 * prepare-pipeline): below it, starting the thread costs more than the overlap saves.
 */
export const PIPELINE_FROM_ROWS = 50_000;

/**
 * New customer IDs such a run lets wait to be written sorted by key (CustomerWrites): sets of
 * 65,536, and at most 262,144 held (about 16 MB). Measured on the realistic benchmark file (issue
 * 18): see the README's benchmarks.
 */
export const LINKS_IN_KEY_ORDER: KeyOrderLimits = { setSize: 65_536, maxHeld: 262_144 };

/**
 * The local workspace with the platforms' semantics (DESIGN §4). A session is ONE transaction on
 * the data database, from open to commit, together with the run's commit record: a cancel, an
 * error or a kill -9 leaves no row of the run (SQLite rolls back, or never commits). Upserts and
 * the dedup memory make a re-run of the same file reach the same state. The run's status and
 * rejects are the run recorder's, in the control database, so nothing here waits on them.
 */
export const workspaceDestination: Destination<'workspace'> = {
  kind: 'workspace',
  open: (_spec, run, context) => new WorkspaceSession(run, context),
};

class WorkspaceSession implements DestinationSession {
  private readonly db: Database;
  private readonly processedAt: number;

  constructor(
    private readonly run: RunIdentity,
    private readonly context: DestinationContext,
  ) {
    this.db = openWriter(context);
    try {
      this.db.exec('BEGIN IMMEDIATE');
      this.processedAt = Date.now();
      purgeExpired(this.db, this.processedAt, (importIds) => runsInControl(context, importIds));
    } catch (error) {
      this.close();
      throw error;
    }
  }

  write(input: RunInput, sink: RunSink): void {
    const context = { runId: this.run.runId, importId: this.run.importId };
    const pipelineFrom = this.context.pipelineFromRows ?? PIPELINE_FROM_ROWS;
    // A large events run prepares its rows on a second thread, which reads the input itself.
    if (input.mapping.importType === 'events' && input.rowCount >= pipelineFrom) {
      // Started first: it prepares while the applier below sets up.
      const preparer = new PreparerThread(input.portable);
      try {
        const events = new EventsApplier(this.db, input.mapping, context, {
          deferCustomerIndex: { rows: input.rowCount },
          linksInKeyOrder: LINKS_IN_KEY_ORDER,
          holdStoredIds: true,
          extendAtFinish: true,
        });
        const batches = preparer.batches(
          () => sink.checkpoint(),
          () => events.useIdleTime(),
        );
        for (const batch of batches) {
          report(sink, batch, events.applyPrepared(batch.events, this.processedAt));
        }
        // Its heap goes before the index build, the run's peak of memory.
        preparer.stop();
        events.finish();
      } finally {
        preparer.stop();
      }
      return;
    }
    const applier: RecordApplier = createWorkspaceApplier(this.db, input.mapping, context);
    for (const batch of input.batches()) report(sink, batch, applier.apply(batch.items, this.processedAt));
  }

  commit(outcome: RunOutcome): void {
    this.db
      .prepare('INSERT INTO run_commits (run_id, outcome, committed_at) VALUES (?, ?, ?)')
      .run(this.run.runId, JSON.stringify(outcome), new Date().toISOString());
    this.db.exec('COMMIT');
    this.close();
  }

  abort(): void {
    this.close();
  }

  private close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    if (this.db.open) this.db.close();
  }
}

/** Hands one batch's result to the sink: the mapping's rejects first, then the destination's. */
function report(
  sink: RunSink,
  batch: Pick<BatchResult, 'read' | 'rejects' | 'skipped' | 'newest'>,
  applied: ApplyCounts,
): void {
  sink.applied({
    read: batch.read,
    imported: applied.imported,
    updated: applied.updated,
    deduplicated: applied.deduplicated,
    rejects: applied.rejected.length === 0 ? batch.rejects : [...batch.rejects, ...applied.rejected],
    skipped: batch.skipped,
    newest: batch.newest,
    warnings: applied.warnings,
  });
  sink.checkpoint();
}

/**
 * The runs of deleted imports whose data expires, read from the control database on a read-only
 * connection of its own: the writer must not attach it, since its BEGIN IMMEDIATE would then take
 * the control database's write lock too, for the whole run.
 */
function runsInControl(context: DestinationContext, importIds: readonly string[]): string[] {
  const control = new BetterSqlite3(join(context.workspaceDir, CONTROL_FILE), {
    readonly: true,
    fileMustExist: true,
    ...(context.nativeBinding ? { nativeBinding: context.nativeBinding } : {}),
  });
  try {
    return runsOn(control)(importIds);
  } finally {
    control.close();
  }
}

/** A connection to the data database for this run only (workers cannot share main's). */
function openWriter(context: DestinationContext): Database {
  const path = join(context.workspaceDir, DATABASE_FILE);
  const db = new BetterSqlite3(
    path,
    context.nativeBinding
      ? { nativeBinding: context.nativeBinding, fileMustExist: true }
      : { fileMustExist: true },
  );
  db.pragma('synchronous = NORMAL');
  // The run's COMMIT only appends to the log: the checkpoint that copies its pages into the
  // database (1–2 s for a million events) runs after it, off the run's clock, from an idle
  // connection (checkpointWorkspace, which the run service starts once the run has ended).
  db.pragma('wal_autocheckpoint = 0');
  // No foreign-key checks on the run's writes: they cost about a quarter of its insert statements
  // (1,000,000 events, medians of 3: 29.9 → 22.9 s into 200,000 stored customers, 37.9 → 28.7 s
  // with the customers and IDs new; test/bench/fk-cost.mjs). The run guarantees its references
  // itself: the resolver writes a row's customer before the IDs, events and attributes that name
  // it, a catalog or voucher pool is created before its items or codes, and nothing a run does
  // deletes a parent row (no cascade to miss). Every test workspace ends with foreign_key_check
  // and integrity_check clean (test/support/sound-workspace.ts). The app's own connection keeps
  // them on: its deletes rely on the cascades.
  db.pragma('foreign_keys = OFF');
  // Another run of another process may be committing; wait for it rather than fail.
  db.pragma(`busy_timeout = ${context.busyTimeoutMs ?? RUN_BUSY_TIMEOUT_MS}`);
  // Bulk writes: a bigger page cache keeps the indexes being written in memory. 32 MiB: 64 MiB was
  // no faster within the noise, and the pipeline's second thread needs the memory (RSS ≤ 300 MB).
  db.pragma('cache_size = -32768');
  return db;
}
