// How long a connection waits for another one's write lock before SQLITE_BUSY. A module of its
// own, so the main process and the run workers share the figures without loading each other's code.

/** The app's main connection: long enough for a commit to finish, short enough not to freeze the UI. */
export const APP_BUSY_TIMEOUT_MS = 250;

/** A run (on a worker thread, no window to freeze) waits this long for another process's run to commit. */
export const RUN_BUSY_TIMEOUT_MS = 60_000;
