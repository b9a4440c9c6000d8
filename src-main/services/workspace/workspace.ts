import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { APP_BUSY_TIMEOUT_MS } from './busy-timeouts';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';

/** An open workspace: its folder and its SQLite database, migrated to the current schema. */
export interface Workspace {
  dir: string;
  databasePath: string;
  db: Database;
  schemaVersion(): number;
  close(): void;
}

export interface OpenWorkspaceOptions {
  /** Path of a better-sqlite3 binary built for another ABI (the Electron shell's). */
  nativeBinding?: string;
  /**
   * How long a write waits for another connection's write lock before SQLITE_BUSY. Short by
   * default (APP_BUSY_TIMEOUT_MS): a run holds the lock for its whole processing, and the app's
   * main thread must not freeze waiting for it; its requests that meet SQLITE_BUSY wait on the
   * in-process write lock and retry. A command-line import has no window to keep alive.
   */
  busyTimeoutMs?: number;
}

/** File name of the workspace database inside the workspace folder. */
export const DATABASE_FILE = 'workspace.sqlite';

/** Opens (creating if needed) the workspace in `dir`, in WAL mode, and runs pending migrations. */
export function openWorkspace(dir: string, options: OpenWorkspaceOptions = {}): Workspace {
  mkdirSync(dir, { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? APP_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new RangeError(
      `busyTimeoutMs must be a whole number of milliseconds, 0 or more; got ${busyTimeoutMs}`,
    );
  }
  const databasePath = join(dir, DATABASE_FILE);
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
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    dir,
    databasePath,
    db,
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
