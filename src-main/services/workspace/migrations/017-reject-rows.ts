import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Rejected rows keep the whole row as the file had it (JSON array of its cells), and a run keeps its
 * source's column names, so the rejects CSV can be fixed and imported again as it is. Older runs'
 * rejects have neither: their CSV has only row, column, value and reason.
 */
export const rejectRowsMigration: Migration = {
  version: 17,
  name: 'reject-rows',
  transaction: 'own',
  up(db) {
    if (!hasColumn(db, 'run_rejects', 'row_cells'))
      db.exec('ALTER TABLE control.run_rejects ADD COLUMN row_cells TEXT');
    if (!hasColumn(db, 'runs', 'source_columns'))
      db.exec('ALTER TABLE control.runs ADD COLUMN source_columns TEXT');
  },
};

function hasColumn(db: Database, table: string, column: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM pragma_table_info(?, 'control') WHERE name = ?`).get(table, column) !==
    undefined
  );
}
