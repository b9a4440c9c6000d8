import type { Migration } from '../migration';

/**
 * Saved connections (DESIGN §3): a kind, its settings and a reference to its secret in the OS
 * keychain — never the secret itself — and the result of the last connection test. Names are
 * unique regardless of case, since users and the CLI name connections by them.
 */
export const connectionsMigration: Migration = {
  version: 12,
  name: 'connections',
  transaction: 'own',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS control.connections (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
        kind       TEXT NOT NULL,
        settings   TEXT NOT NULL,
        secret_ref TEXT,
        last_test  TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
