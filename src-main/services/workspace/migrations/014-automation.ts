import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Imports that run themselves (schedules and new-file triggers) and incremental sync:
 * - `import_automations`: an import's one automation (a schedule, or a new-file trigger that polls
 *   its storage), paused or not, with the next due time that the scheduler's tick compares with
 *   the clock, and the last poll's error for a trigger.
 * - `automation_claims`: one row per due time started, inserted before the run is queued. Two
 *   processes on one workspace (the app and `intake serve`) race for the same due time; the
 *   primary key lets exactly one of them insert it.
 * - on runs: what started each (user, schedule, trigger, catch-up), how many later requests were
 *   coalesced into it while it was queued or running, and the rows an incremental run skipped as
 *   not newer than the import's cursor.
 */
export const automationMigration: Migration = {
  version: 14,
  name: 'automation',
  transaction: 'own',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS control.import_automations (
        import_id     TEXT PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
        automation    TEXT NOT NULL,
        paused        INTEGER NOT NULL DEFAULT 0,
        next_due_at   TEXT,
        last_error    TEXT,
        last_check_at TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS control.automation_claims (
        import_id  TEXT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        due_at     TEXT NOT NULL,
        claimed_by TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (import_id, due_at)
      ) STRICT, WITHOUT ROWID;
    `);
    for (const [column, definition] of [
      ['started_by', "TEXT NOT NULL DEFAULT 'user'"],
      ['coalesced', 'INTEGER NOT NULL DEFAULT 0'],
      ['rows_skipped', 'INTEGER NOT NULL DEFAULT 0'],
    ] as const) {
      if (!hasColumn(db, 'runs', column))
        db.exec(`ALTER TABLE control.runs ADD COLUMN ${column} ${definition}`);
    }
  },
};

function hasColumn(db: Database, table: string, column: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM pragma_table_info(?, 'control') WHERE name = ?`).get(table, column) !==
    undefined
  );
}
