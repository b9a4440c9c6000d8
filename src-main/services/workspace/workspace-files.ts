/** File name of the workspace's data database (what imports write) inside the workspace folder. */
export const DATABASE_FILE = 'workspace.sqlite';

/**
 * File name of the workspace's control database: settings, sources, datasets, import definitions,
 * runs and their rejects. It is a file of its own so that a run, which holds the data database's
 * write lock for its one transaction, never makes the app's own writes (a setting, a dropped file,
 * a run's progress) wait for it.
 */
export const CONTROL_FILE = 'control.sqlite';

/** The schema name the control database is attached under on every workspace connection. */
export const CONTROL_SCHEMA = 'control';
