// How long a connection waits for another one's write lock before SQLITE_BUSY. A module of its
// own, so the main process and the run workers share the figures without loading each other's code.

/** The app's main connection: long enough for a commit to finish, short enough not to freeze the UI. */
export const APP_BUSY_TIMEOUT_MS = 250;

/** A run (on a worker thread, no window to freeze) waits this long for another process's run to commit. */
export const RUN_BUSY_TIMEOUT_MS = 60_000;

/**
 * The checkpoint after a run (on a pool thread) waits this long for readers of older snapshots
 * (a page of the data browser, a workspace query) before it settles for copying what it can: long
 * enough for the app's reads, short enough that the next run, which waits for it, barely notices.
 */
export const CHECKPOINT_BUSY_TIMEOUT_MS = 5_000;
