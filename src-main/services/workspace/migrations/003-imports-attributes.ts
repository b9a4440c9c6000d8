import type { Migration } from '../migration';

/**
 * What the mapping step offers and saves: the workspace's ID types (hard IDs win over soft ones),
 * the attributes that already exist per import type and scope (an event type, a catalog), and
 * import definitions (name, source, dialect, mapping; runs and schedules attach to them later).
 * A new workspace knows the platforms' usual ID types and standard customer and product attributes.
 */
export const importsAttributesMigration: Migration = {
  version: 3,
  name: 'imports-attributes',
  up(db) {
    db.exec(`
      CREATE TABLE id_types (
        name       TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE attributes (
        import_type TEXT NOT NULL,
        scope       TEXT NOT NULL DEFAULT '',
        name        TEXT NOT NULL,
        data_type   TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (import_type, scope, name)
      ) STRICT;

      CREATE TABLE imports (
        id                 TEXT PRIMARY KEY,
        name               TEXT NOT NULL,
        source_id          TEXT REFERENCES sources (id) ON DELETE SET NULL,
        import_type        TEXT NOT NULL,
        dialect            TEXT NOT NULL,
        header             TEXT NOT NULL,
        header_fingerprint TEXT NOT NULL,
        mapping            TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX imports_by_fingerprint ON imports (header_fingerprint);
    `);
    const now = new Date().toISOString();
    const idType = db.prepare('INSERT INTO id_types (name, kind, created_at) VALUES (?, ?, ?)');
    for (const [name, kind] of [
      ['registered', 'hard'],
      ['cookie', 'soft'],
      ['email_id', 'soft'],
    ])
      idType.run(name, kind, now);
    const attribute = db.prepare(
      'INSERT INTO attributes (import_type, scope, name, data_type, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    const standard: [string, string, string][] = [
      ['customers', 'email', 'text'],
      ['customers', 'phone', 'text'],
      ['customers', 'first_name', 'text'],
      ['customers', 'last_name', 'text'],
      ['customers', 'birthday', 'date'],
      ['customers', 'city', 'text'],
      ['customers', 'country', 'text'],
      ['catalog', 'title', 'text'],
      ['catalog', 'price', 'number'],
      ['catalog', 'active', 'boolean'],
      ['catalog', 'category_ids', 'list'],
      ['catalog', 'url', 'text'],
      ['catalog', 'image', 'text'],
      ['catalog', 'brand', 'text'],
    ];
    for (const [importType, name, type] of standard) attribute.run(importType, '', name, type, now);
  },
};
