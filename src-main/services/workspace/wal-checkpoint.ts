import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { isBusyError } from '../errors/to-app-error';
import { CHECKPOINT_BUSY_TIMEOUT_MS } from './busy-timeouts';
import { DATABASE_FILE } from './workspace-files';

/** What a checkpoint of the data database's write-ahead log did. */
export interface CheckpointResult {
  /**
   * True when a reader or another process's writer kept it from finishing within its wait: it
   * copied what no older snapshot still needs (as a PASSIVE checkpoint does) and left the log's
   * file in place; the next checkpoint truncates it.
   */
  busy: boolean;
  /** Frames (pages) the log holds after it: 0 once it was truncated. */
  walFrames: number;
  /** Of those, frames copied into the database (all of them when only the truncation waited). */
  checkpointed: number;
  /** How long it took. */
  ms: number;
}

/**
 * Copies the data database's write-ahead log into the database file and truncates the log to zero
 * bytes: `PRAGMA wal_checkpoint(TRUNCATE)` on `db`. TRUNCATE rather than PASSIVE: a run writes its
 * whole transaction into the log (hundreds of MB for a million events), and a PASSIVE checkpoint copies it
 * but leaves the file that large on disk until a later writer reuses it; TRUNCATE gives the space
 * back and starts the next run's log from an empty file. It waits (the connection's busy timeout)
 * for readers of older snapshots and for another process's writer; when either outlasts the wait,
 * SQLite finishes it as a PASSIVE checkpoint and reports busy. A reader is never blocked by it:
 * readers that start during it read the log and the database as of the last commit.
 */
export function checkpointWal(db: Database): CheckpointResult {
  const started = performance.now();
  const [row] = db.pragma('main.wal_checkpoint(TRUNCATE)') as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return {
    busy: row!.busy !== 0,
    walFrames: Math.max(0, row!.log),
    checkpointed: Math.max(0, row!.checkpointed),
    ms: performance.now() - started,
  };
}

/**
 * The checkpoint after a run's commit, off the run's clock: on a connection of its own that has
 * done nothing else (an idle one: no snapshot of its own to keep), on a pool thread, so the app's
 * main thread never waits for the copy (1–2 s for a million events). The run's writer does not
 * checkpoint (wal_autocheckpoint = 0): its COMMIT only appends to the log.
 */
export function checkpointWorkspace(workspaceDir: string, nativeBinding?: string): CheckpointResult {
  const db = new BetterSqlite3(
    join(workspaceDir, DATABASE_FILE),
    nativeBinding ? { nativeBinding, fileMustExist: true } : { fileMustExist: true },
  );
  try {
    db.pragma(`busy_timeout = ${CHECKPOINT_BUSY_TIMEOUT_MS}`);
    return checkpointWal(db);
  } finally {
    db.close();
  }
}

/**
 * The checkpoint at start-up, on the app's connection: what a process killed between a run's commit
 * and its checkpoint left in the log is copied now, so the log never carries over from one life of
 * the app to the next. It never waits: with another process writing or reading, it copies what it
 * can (or nothing) and that process's own checkpoint does the rest.
 */
export function checkpointAtStart(db: Database): CheckpointResult | null {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return checkpointWal(db);
  } catch (error) {
    if (isBusyError(error)) return null;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
