import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Pushing to a platform's API (issue 15), all in the control database:
 * - `push_outbox`: each request a run will send, exactly as it will be sent (its body and the
 *   keys and fingerprints of its records), written before the network is touched. A request is
 *   marked `sending` before it leaves and deleted, in one transaction with its acknowledgement's
 *   effects, once the platform answered. What a killed run leaves here is sent by the next run of
 *   the same import and destination before anything new.
 * - `push_fingerprints`: per destination, the fingerprint of each record (by its key: customer
 *   IDs, event dedup key, item_id) the platform acknowledged; a run sends only new and changed ones.
 * - `push_quarantine`: records the platform refused in a 200 answer, with its reason, until retried.
 * - on runs: the push's figures (sent, skipped, quarantined, requests, retried, 429 waits).
 * - on imports: where its runs write (JSON of a destination spec; null: the workspace).
 */
export const pushMigration: Migration = {
  version: 15,
  name: 'push',
  transaction: 'own',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS control.push_outbox (
        run_id         TEXT NOT NULL,
        seq            INTEGER NOT NULL,
        import_id      TEXT,
        destination_id TEXT NOT NULL,
        request_id     TEXT NOT NULL,
        body           TEXT NOT NULL,
        records        TEXT NOT NULL,
        state          TEXT NOT NULL DEFAULT 'pending',
        attempts       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS control.push_outbox_by_destination ON push_outbox (destination_id, import_id);
      CREATE TABLE IF NOT EXISTS control.push_fingerprints (
        destination_id TEXT NOT NULL,
        record_key     TEXT NOT NULL,
        fingerprint    TEXT NOT NULL,
        sent_at        TEXT NOT NULL,
        PRIMARY KEY (destination_id, record_key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS control.push_quarantine (
        destination_id TEXT NOT NULL,
        import_id      TEXT,
        record_key     TEXT NOT NULL,
        run_id         TEXT NOT NULL,
        row_number     INTEGER NOT NULL,
        command        TEXT NOT NULL,
        fingerprint    TEXT NOT NULL,
        reason         TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        PRIMARY KEY (destination_id, record_key)
      ) STRICT, WITHOUT ROWID;
    `);
    if (!hasColumn(db, 'runs', 'push')) db.exec('ALTER TABLE control.runs ADD COLUMN push TEXT');
    if (!hasColumn(db, 'imports', 'destination'))
      db.exec('ALTER TABLE control.imports ADD COLUMN destination TEXT');
  },
};

function hasColumn(db: Database, table: string, column: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM pragma_table_info(?, 'control') WHERE name = ?`).get(table, column) !==
    undefined
  );
}
