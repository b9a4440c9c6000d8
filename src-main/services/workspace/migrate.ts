import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

/** The schema version a database is at (0 for a new one). */
export function schemaVersion(db: Database): number {
  ensureVersionTable(db);
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Applies every migration newer than the database, each in its own transaction with its version
 * row (or, for an 'own' migration, in its own idempotent transactions, then its version row), so a
 * crash never leaves a half-applied step. Returns the versions applied.
 */
export function migrate(db: Database, all: readonly Migration[]): number[] {
  assertOrdered(all);
  const current = schemaVersion(db);
  const newest = all.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `The workspace database is at schema version ${current}, newer than this Intake (${newest}). Update Intake.`,
    );
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of all.filter((m) => m.version > current)) {
    if (migration.transaction === 'own') {
      const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
      db.pragma('foreign_keys = OFF');
      try {
        migration.up(db);
      } finally {
        if (enforced) db.pragma('foreign_keys = ON');
      }
      record.run(migration.version, migration.name, new Date().toISOString());
    } else {
      db.transaction(() => {
        migration.up(db);
        record.run(migration.version, migration.name, new Date().toISOString());
      })();
    }
    applied.push(migration.version);
  }
  return applied;
}

function ensureVersionTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
}

function assertOrdered(all: readonly Migration[]): void {
  all.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}.`);
    }
  });
}
