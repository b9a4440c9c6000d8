import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * The files a storage run read, with the rows each gave (the run history and `--json`'s "files"),
 * kept on the run as JSON text.
 */
export const runFilesMigration: Migration = {
  version: 13,
  name: 'run-files',
  transaction: 'own',
  up(db) {
    if (hasColumn(db, 'runs', 'files')) return;
    db.exec("ALTER TABLE control.runs ADD COLUMN files TEXT NOT NULL DEFAULT '[]'");
  },
};

function hasColumn(db: Database, table: string, column: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM pragma_table_info(?, 'control') WHERE name = ?`).get(table, column) !==
    undefined
  );
}
