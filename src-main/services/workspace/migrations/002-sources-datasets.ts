import type { Migration } from '../migration';

/**
 * Sources (files, pastes, uploads) and the datasets staged from them. A dataset's rows live in
 * their own SQLite file under datasets/ (a disposable cache, written without a journal);
 * the workspace keeps only what describes them.
 */
export const sourcesDatasetsMigration: Migration = {
  version: 2,
  name: 'sources-datasets',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('file', 'paste', 'upload')),
        name       TEXT NOT NULL,
        path       TEXT NOT NULL,
        size       INTEGER NOT NULL,
        owned      INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE datasets (
        id          TEXT PRIMARY KEY,
        source_id   TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        status      TEXT NOT NULL CHECK (status IN ('staging', 'ready', 'failed', 'cancelled')),
        format      TEXT NOT NULL,
        dialect     TEXT NOT NULL,
        columns     TEXT NOT NULL,
        xml_path    TEXT,
        row_count   INTEGER NOT NULL DEFAULT 0,
        bytes_read  INTEGER NOT NULL DEFAULT 0,
        bytes_total INTEGER NOT NULL,
        issues      TEXT NOT NULL DEFAULT '[]',
        error       TEXT,
        created_at  TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX datasets_by_source ON datasets (source_id);
    `);
  },
};
