import type { Migration } from '../migration';

/**
 * What runs need beyond migration 4: the import's and source's names at queue time (history
 * survives a deleted import), the staged dataset, summary warnings, rows to process, and the
 * process that owns an active run (so a second process on the same workspace never marks another
 * live process's runs "interrupted"). And provenance for "delete the import, expire its data in
 * 30 days": every row an import writes remembers the import (events through their run; no index on events.run_id, since expiry is rare and every index slows
 * the bulk insert).
 */
export const runOwnershipAndExpiryMigration: Migration = {
  version: 5,
  name: 'run-ownership-and-expiry',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN import_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE runs ADD COLUMN source_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE runs ADD COLUMN dataset_id TEXT;
      ALTER TABLE runs ADD COLUMN rows_total INTEGER;
      ALTER TABLE runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE runs ADD COLUMN owner_pid INTEGER;

      ALTER TABLE customer_attributes ADD COLUMN import_id TEXT;
      ALTER TABLE catalog_items ADD COLUMN import_id TEXT;
      ALTER TABLE identity_links ADD COLUMN import_id TEXT;
      ALTER TABLE group_memberships ADD COLUMN import_id TEXT;
      ALTER TABLE voucher_codes ADD COLUMN import_id TEXT;

      -- Deleted imports whose data the user chose to expire; purged at start-up and after runs.
      CREATE TABLE expiring_imports (
        import_id  TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
