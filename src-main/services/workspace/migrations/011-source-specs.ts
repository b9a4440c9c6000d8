import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';

// Frozen: this migration imports nothing live.

/**
 * Sources become specs: a kind plus that kind's settings (a file's path, a query…) instead of a
 * required path, so sources that are not files (a workspace query, and later feeds, databases and
 * storage) can be registered, previewed and staged. A source's size and a dataset's byte total may
 * be unknown (a query). Import definitions keep their source's spec themselves, so an import
 * still knows what to read after its registered source is gone; runs record where they wrote
 * (their destination). Existing file, paste and upload sources keep their ids and paths.
 */
export const sourceSpecsMigration: Migration = {
  version: 11,
  name: 'source-specs',
  transaction: 'own',
  up(db) {
    if (hasColumn(db, 'sources', 'spec')) return;
    db.transaction(() => {
      db.exec(`
        CREATE TABLE control.sources_v11 (
          id         TEXT PRIMARY KEY,
          kind       TEXT NOT NULL,
          name       TEXT NOT NULL,
          spec       TEXT NOT NULL,
          size       INTEGER,
          owned      INTEGER NOT NULL,
          created_at TEXT NOT NULL
        ) STRICT;
        INSERT INTO control.sources_v11 (id, kind, name, spec, size, owned, created_at)
          SELECT id, kind, name,
            CASE kind WHEN 'upload' THEN json_object('kind', kind, 'path', path, 'name', name)
                      ELSE json_object('kind', kind, 'path', path) END,
            size, owned, created_at
          FROM control.sources;
        DROP TABLE control.sources;
        ALTER TABLE control.sources_v11 RENAME TO sources;

        CREATE TABLE control.datasets_v11 (
          id          TEXT PRIMARY KEY,
          source_id   TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
          status      TEXT NOT NULL CHECK (status IN ('staging', 'ready', 'failed', 'cancelled')),
          format      TEXT NOT NULL,
          dialect     TEXT NOT NULL,
          columns     TEXT NOT NULL,
          xml_path    TEXT,
          row_count   INTEGER NOT NULL DEFAULT 0,
          bytes_read  INTEGER NOT NULL DEFAULT 0,
          bytes_total INTEGER,
          issues      TEXT NOT NULL DEFAULT '[]',
          error       TEXT,
          created_at  TEXT NOT NULL,
          finished_at TEXT,
          owner_pid   INTEGER
        ) STRICT;
        INSERT INTO control.datasets_v11
          SELECT id, source_id, status, format, dialect, columns, xml_path, row_count, bytes_read,
            bytes_total, issues, error, created_at, finished_at, owner_pid
          FROM control.datasets;
        DROP TABLE control.datasets;
        ALTER TABLE control.datasets_v11 RENAME TO datasets;
        CREATE INDEX control.datasets_by_source ON datasets (source_id);

        ALTER TABLE control.imports ADD COLUMN source_spec TEXT;
        UPDATE control.imports SET source_spec = (SELECT spec FROM control.sources s WHERE s.id = imports.source_id);

        ALTER TABLE control.runs ADD COLUMN destination TEXT NOT NULL DEFAULT '{"kind":"workspace"}';
      `);
      const broken = db.prepare('PRAGMA control.foreign_key_check').all();
      if (broken.length > 0) throw new Error(`source-specs left ${broken.length} broken references`);
    })();
  },
};

function hasColumn(db: Database, table: string, column: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM pragma_table_info(?, 'control') WHERE name = ?`).get(table, column) !==
    undefined
  );
}
