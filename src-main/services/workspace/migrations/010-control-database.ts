import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';

// Frozen: this migration imports nothing live. Names and SQL are as they were at version 10.

/** The control tables, parents before children (copy order; dropped in reverse). */
const CONTROL_TABLES = [
  'settings',
  'sources',
  'datasets',
  'imports',
  'import_files',
  'import_cursors',
  'runs',
  'run_rejects',
] as const;

/**
 * Moves the app's own tables (settings, sources, datasets, imports, runs and their rejects, the
 * files and cursors imports remember) into a second database file, control.sqlite, attached as
 * `control`. A run's processing is one transaction on the data database and holds its write lock
 * throughout; with the control tables elsewhere, the app's writes (a setting, a dropped file, a
 * run's progress and rejects) never wait for it. Each table is copied with its exact schema, taken
 * from sqlite_master, in one transaction per table; the originals are dropped only after every
 * copy committed, so a crash at any point leaves either the copy or the original, and running the
 * migration again finishes the job. Also `run_commits`: the data database's record, written inside
 * a run's transaction, that tells start-up a run committed even when its status did not.
 */
export const controlDatabaseMigration: Migration = {
  version: 10,
  name: 'control-database',
  transaction: 'own',
  up(db) {
    ensureControlAttached(db);
    for (const table of CONTROL_TABLES) {
      if (exists(db, 'control', table) || !exists(db, 'main', table)) continue;
      db.transaction(() => copyTable(db, table))();
    }
    db.transaction(() => {
      for (const table of [...CONTROL_TABLES].reverse()) db.exec(`DROP TABLE IF EXISTS main.${table}`);
      db.exec(`
        CREATE TABLE IF NOT EXISTS main.run_commits (
          run_id       TEXT PRIMARY KEY,
          outcome      TEXT NOT NULL,
          committed_at TEXT NOT NULL
        ) STRICT;
      `);
    })();
  },
};

/** A connection opened on the data file alone (a test, an old tool) gets the control file beside it. */
function ensureControlAttached(db: Database): void {
  const schemas = db.pragma('database_list') as { name: string; file: string }[];
  if (schemas.some((schema) => schema.name === 'control')) return;
  const main = schemas.find((schema) => schema.name === 'main')!;
  const path = main.file === '' ? ':memory:' : main.file.replace(/[^/\\]+$/, 'control.sqlite');
  db.prepare('ATTACH DATABASE ? AS control').run(path);
  db.pragma('control.journal_mode = WAL');
}

function exists(db: Database, schema: 'main' | 'control', table: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(table) !==
    undefined
  );
}

/** Creates the table and its indexes in control with main's exact SQL, and copies its rows. */
function copyTable(db: Database, table: string): void {
  const objects = db
    .prepare(
      "SELECT type, sql FROM main.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'",
    )
    .all(table) as { type: 'table' | 'index'; sql: string }[];
  for (const { type, sql } of objects) {
    // "CREATE TABLE settings (" → "CREATE TABLE control.settings (", and likewise for indexes.
    const qualified =
      type === 'table'
        ? sql.replace(/^CREATE TABLE\s+"?(\w+)"?/i, 'CREATE TABLE control.$1')
        : sql.replace(/^CREATE (UNIQUE )?INDEX\s+"?(\w+)"?/i, 'CREATE $1INDEX control.$2');
    db.exec(qualified);
  }
  db.exec(`INSERT INTO control.${table} SELECT * FROM main.${table}`);
}
