import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src-main/services/workspace/migrate';
import type { Migration } from '../../../src-main/services/workspace/migration';
import { migrations } from '../../../src-main/services/workspace/migrations';
import { DATABASE_FILE, openWorkspace } from '../../../src-main/services/workspace/workspace';
import { makeTempDir } from '../../support/temp-dir';

describe('workspace migrations', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('run once on a new workspace and are idempotent on reopen', () => {
    const first = openWorkspace(temp.dir);
    expect(first.schemaVersion()).toBe(migrations.length);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // New workspaces use 16 KiB pages.
    expect(first.db.pragma('page_size', { simple: true })).toBe(16384);
    first.close();

    const second = openWorkspace(temp.dir);
    const rows = second.db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    expect(migrate(second.db, migrations)).toEqual([]);
    second.close();
  });

  it('leaves the page size of an existing workspace as it was', () => {
    const dir = join(temp.dir, 'older');
    mkdirSync(dir);
    const older = new BetterSqlite3(join(dir, DATABASE_FILE));
    older.pragma('page_size = 4096');
    older.pragma('journal_mode = WAL');
    migrate(older, migrations.slice(0, 6));
    older.close();
    const reopened = openWorkspace(dir);
    try {
      expect(reopened.schemaVersion()).toBe(migrations.length);
      expect(reopened.db.pragma('page_size', { simple: true })).toBe(4096);
    } finally {
      reopened.close();
    }
  });

  it('rolls back a failing migration with its version row', () => {
    const db = new BetterSqlite3(':memory:');
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') },
      {
        version: 2,
        name: 'broken',
        up: (d) => {
          d.exec('CREATE TABLE b (x INTEGER)');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'b'").all();
    expect(tables).toEqual([]);
  });

  it('refuses a database newer than this build', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, migrations);
    db.prepare("INSERT INTO schema_version VALUES (999, 'future', '2030-01-01')").run();
    expect(() => migrate(db, migrations)).toThrow(/schema version 999/);
  });

  it('refuses a migration list with a gap', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => undefined }])).toThrow(/expected 1/);
  });
});
