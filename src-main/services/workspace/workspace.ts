import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { APP_BUSY_TIMEOUT_MS } from './busy-timeouts';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';
import { checkpointAtStart } from './wal-checkpoint';
import { CONTROL_FILE, CONTROL_SCHEMA, DATABASE_FILE } from './workspace-files';

export { DATABASE_FILE } from './workspace-files';

/**
 * An open workspace: its folder and one connection to its two databases, migrated to the current
 * schema. The data database (workspace.sqlite: what imports write) is the connection's main schema,
 * the control database (control.sqlite: settings, sources, imports, runs) is attached as `control`;
 * table names are unique across both, so queries name tables without a schema.
 */
export interface Workspace {
  dir: string;
  databasePath: string;
  controlPath: string;
  db: Database;
  schemaVersion(): number;
  close(): void;
}

export interface OpenWorkspaceOptions {
  /** Path of a better-sqlite3 binary built for another ABI (the Electron shell's). */
  nativeBinding?: string;
  /**
   * How long a write waits for another connection's write lock before SQLITE_BUSY. Short by
   * default (APP_BUSY_TIMEOUT_MS): a run holds the data database's lock for its whole processing,
   * and the app's main thread must not freeze waiting for it; its writes of data tables that meet
   * SQLITE_BUSY wait on the in-process write lock and retry the transaction. A command-line
   * import has no window to keep alive.
   */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the workspace in `dir`, in WAL mode, runs pending migrations and
 * checkpoints what the data database's log still holds.
 */
export function openWorkspace(dir: string, options: OpenWorkspaceOptions = {}): Workspace {
  mkdirSync(dir, { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? APP_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new RangeError(
      `busyTimeoutMs must be a whole number of milliseconds, 0 or more; got ${busyTimeoutMs}`,
    );
  }
  const databasePath = join(dir, DATABASE_FILE);
  const controlPath = join(dir, CONTROL_FILE);
  const db = new BetterSqlite3(
    databasePath,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    // A new workspace only (an existing one keeps its size): 16 KiB pages hold more of the wide
    // event rows per page, so bulk imports split and write fewer pages. Must precede WAL mode.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    attachControl(db, controlPath);
    migrate(db, migrations);
    // A run's commit leaves its pages in the log for a checkpoint after it (see wal-checkpoint); a
    // process killed in between left them there: copy them now.
    checkpointAtStart(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    dir,
    databasePath,
    controlPath,
    db,
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}

/** Attaches the control database (creating it) to a workspace connection, in WAL mode. */
export function attachControl(db: Database, controlPath: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${CONTROL_SCHEMA}`).run(controlPath);
  db.pragma(`${CONTROL_SCHEMA}.journal_mode = WAL`);
  db.pragma(`${CONTROL_SCHEMA}.synchronous = NORMAL`);
}
