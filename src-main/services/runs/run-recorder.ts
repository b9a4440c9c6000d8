import { join } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { RowReject } from '../../../src-shared/mapping/map-row';
import type { RunOutcome } from '../destinations/destination';
import { CONTROL_FILE } from '../workspace/workspace-files';
import { markSucceeded } from './run-repository';

/** Rejects written per transaction: few commits, short enough never to keep the app waiting. */
const REJECTS_PER_WRITE = 2_000;
/** The app's own control writes are short; wait for one rather than fail the run. */
const RECORDER_BUSY_TIMEOUT_MS = 10_000;

/**
 * Records a run as it processes, in the control database and in short transactions of its own:
 * its rejects as they come, and its success once its destination committed. It never shares a
 * transaction with a destination, so a destination that holds the data database's write lock (the
 * workspace) or waits on a network never makes the app's writes wait for it. A run that fails or
 * is cancelled discards the rejects it recorded: nothing of it was imported.
 */
export class RunRecorder {
  private readonly db: Database;
  private readonly insertReject: Statement;
  private pending: RowReject[] = [];

  constructor(
    workspaceDir: string,
    private readonly runId: string,
    nativeBinding?: string,
  ) {
    this.db = new BetterSqlite3(
      join(workspaceDir, CONTROL_FILE),
      nativeBinding ? { nativeBinding, fileMustExist: true } : { fileMustExist: true },
    );
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${RECORDER_BUSY_TIMEOUT_MS}`);
    this.insertReject = this.db.prepare(
      'INSERT INTO run_rejects (run_id, row_number, column_name, value, reason, row_cells) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Keeps rejected rows; they are written a few thousand at a time. */
  rejects(rows: readonly RowReject[]): void {
    for (const row of rows) this.pending.push(row);
    if (this.pending.length >= REJECTS_PER_WRITE) this.db.transaction(() => this.flush())();
  }

  /**
   * The run succeeded (its destination committed): its last rejects, counts and status, and an
   * incremental import's new cursor, together.
   */
  succeeded(outcome: RunOutcome): void {
    this.db.transaction(() => {
      this.flush();
      markSucceeded(this.db, this.runId, outcome.counts, outcome.warnings, outcome.files, outcome.cursor);
    })();
  }

  /** The run did not succeed: forget the rejects recorded so far. */
  discard(): void {
    this.pending = [];
    this.db.prepare('DELETE FROM run_rejects WHERE run_id = ?').run(this.runId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private flush(): void {
    for (const row of this.pending) {
      this.insertReject.run(
        this.runId,
        row.rowNumber,
        row.column,
        row.value,
        row.reason,
        row.cells ? JSON.stringify(row.cells) : null,
      );
    }
    this.pending = [];
  }
}
