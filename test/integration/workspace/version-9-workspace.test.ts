import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { createRuntime } from '../../../src-main/host/runtime';
import { quickMapping } from '../../../src-main/services/runs/quick-mapping';
import { migrate, schemaVersion } from '../../../src-main/services/workspace/migrate';
import { migrations } from '../../../src-main/services/workspace/migrations';
import { DATABASE_FILE } from '../../../src-main/services/workspace/workspace';
import { headerFingerprint } from '../../../src-shared/mapping/header-fingerprint';
import type { ImportDefinition } from '../../../src-shared/model/import-definition';
import type { SniffedColumn } from '../../../src-shared/model/preview';
import { makeTempDir } from '../../support/temp-dir';

// A workspace written by the code before the seams change (schema version 9, one database file
// holding everything, sources as file paths, import definitions pointing at a source id) must open
// with today's code — its tables split into the data and control databases, its sources become
// specs — and run its saved imports unchanged.

const temp = makeTempDir('intake-v9-');
afterAll(() => temp.remove());

const CUSTOMERS = 'email,name\nann@example.com,Ann\nbob@example.com,Bob\n';
const T = '2026-11-01T10:00:00.000Z';

/** A version-9 workspace with a saved import of a file, a paste source, settings and a run with rejects. */
function writeVersion9Workspace(dir: string): { importId: string; file: string; pasteFile: string } {
  mkdirSync(join(dir, 'workspace'), { recursive: true });
  const file = join(dir, 'customers.csv');
  writeFileSync(file, CUSTOMERS);
  const pasteFile = join(dir, 'paste.txt');
  writeFileSync(pasteFile, 'a\tb\n1\t2\n');
  const db = new BetterSqlite3(join(dir, 'workspace', DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 9));
  expect(schemaVersion(db)).toBe(9);
  const columns: SniffedColumn[] = [
    { name: 'email', type: 'text', share: 1, examplesNotFitting: [] },
    { name: 'name', type: 'text', share: 1, examplesNotFitting: [] },
  ];
  const mapping = quickMapping(
    columns,
    { type: 'customers', ids: ['email=email_id'], roles: [], statics: [], lowercaseIds: false },
    { idTypes: [{ name: 'email_id', kind: 'soft' }], attributes: [] },
  );
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"dark\"', ?)").run(T);
  const insertSource = db.prepare(
    'INSERT INTO sources (id, kind, name, path, size, owned, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insertSource.run('src-file', 'file', 'customers.csv', file, CUSTOMERS.length, 0, T);
  insertSource.run('src-paste', 'paste', 'Pasted data', pasteFile, 8, 1, T);
  db.prepare(
    `INSERT INTO datasets (id, source_id, status, format, dialect, columns, row_count, bytes_read, bytes_total, issues, created_at, finished_at, owner_pid)
     VALUES ('ds-1', 'src-file', 'ready', 'csv', '{}', '["email","name"]', 2, 40, 40, '[]', ?, ?, NULL)`,
  ).run(T, T);
  db.prepare(
    `INSERT INTO imports (id, name, source_id, import_type, dialect, header, header_fingerprint, mapping, created_at, updated_at)
     VALUES ('imp-1', 'Customers', 'src-file', 'customers', '{}', '["email","name"]', ?, ?, ?, ?)`,
  ).run(headerFingerprint(['email', 'name']), JSON.stringify(mapping), T, T);
  db.prepare(
    `INSERT INTO runs (id, import_id, import_type, status, rows_read, rows_imported, rows_rejected, bytes_read, bytes_total,
       queued_at, started_at, processing_at, finished_at, import_name, source_name, warnings, owner_pid)
     VALUES ('run-1', 'imp-1', 'customers', 'succeeded', 3, 2, 1, 40, 40, ?, ?, ?, ?, 'Customers', 'customers.csv', '[]', 1)`,
  ).run(T, T, T, T);
  db.prepare(
    "INSERT INTO run_rejects (run_id, row_number, column_name, value, reason) VALUES ('run-1', 4, 'email', '', 'No valid customer ID')",
  ).run();
  db.prepare(
    "INSERT INTO import_files (import_id, path, size, mtime, imported_at) VALUES ('imp-1', '/feeds/a.csv', 1, ?, ?)",
  ).run(T, T);
  db.close();
  return { importId: 'imp-1', file, pasteFile };
}

describe('a workspace of schema version 9', () => {
  it('opens with its tables split, its sources as specs, and runs its saved import unchanged', async () => {
    const dir = join(temp.dir, 'workspace');
    const { importId, file } = writeVersion9Workspace(temp.dir);
    const runtime = createRuntime({ workspaceDir: dir, shell: 'web', echo: () => undefined });
    try {
      const db = runtime.workspace.db;
      expect(runtime.workspace.schemaVersion()).toBe(migrations.length);
      // The app's own tables now live in control.sqlite; the data stays in workspace.sqlite.
      const tablesOf = (schema: string) =>
        db
          .prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' ORDER BY name`)
          .pluck()
          .all();
      expect(tablesOf('control')).toEqual(
        expect.arrayContaining([
          'datasets',
          'import_files',
          'imports',
          'run_rejects',
          'runs',
          'settings',
          'sources',
        ]),
      );
      expect(tablesOf('main')).not.toContain('runs');
      expect(tablesOf('main')).toEqual(expect.arrayContaining(['customers', 'events', 'run_commits']));
      expect(db.pragma('control.foreign_key_check')).toEqual([]);
      expect(db.pragma('control.integrity_check', { simple: true })).toBe('ok');

      const settings = await dispatch(runtime.handlers, 'settings:get', {});
      expect(settings).toMatchObject({ ok: true, data: { theme: 'dark' } });
      const specs = db.prepare('SELECT id, kind, spec, size FROM sources ORDER BY id').all();
      expect(specs).toEqual([
        {
          id: 'src-file',
          kind: 'file',
          spec: JSON.stringify({ kind: 'file', path: file }),
          size: CUSTOMERS.length,
        },
        {
          id: 'src-paste',
          kind: 'paste',
          spec: JSON.stringify({ kind: 'paste', path: join(temp.dir, 'paste.txt') }),
          size: 8,
        },
      ]);
      const definition = (await dispatch(runtime.handlers, 'imports:get', { importId })) as {
        ok: true;
        data: ImportDefinition;
      };
      expect(definition.data.source).toMatchObject({ id: 'src-file', kind: 'file', name: 'customers.csv' });
      expect(db.prepare("SELECT source_spec FROM imports WHERE id = 'imp-1'").pluck().get()).toBe(
        JSON.stringify({ kind: 'file', path: file }),
      );
      // History survives: the old run, its rejects, the files the import remembered.
      const history = await dispatch(runtime.handlers, 'runs:list', { importId });
      expect(history).toMatchObject({
        ok: true,
        data: [{ id: 'run-1', status: 'succeeded', destination: 'workspace' }],
      });
      expect(await dispatch(runtime.handlers, 'runs:rejects', { runId: 'run-1' })).toMatchObject({
        ok: true,
        data: { total: 1, items: [{ row: 4, reason: 'No valid customer ID' }] },
      });
      expect(db.prepare('SELECT COUNT(*) FROM import_files').pluck().get()).toBe(1);

      // The saved import runs as it is.
      const run = runtime.runs.start(importId);
      const finished = await runtime.runs.settled(run.id);
      expect(finished.status).toBe('succeeded');
      expect(finished.rows).toEqual({
        read: 2,
        imported: 2,
        updated: 0,
        deduplicated: 0,
        rejected: 0,
        skipped: 0,
      });
      expect(
        db.prepare("SELECT value FROM customer_ids WHERE id_type = 'email_id' ORDER BY value").pluck().all(),
      ).toEqual(['ann@example.com', 'bob@example.com']);
      expect(db.prepare('SELECT run_id FROM run_commits').pluck().all()).toEqual([run.id]);
    } finally {
      await runtime.close();
    }
  });

  it('finishes the split when a crash stopped it half way', async () => {
    writeVersion9Workspace(join(temp.dir, 'half-root'));
    // Simulate a crash after the copies committed but before the originals were dropped: copy one
    // table by hand, as migration 10's first transaction would, then open.
    const source = join(temp.dir, 'half-root', 'workspace');
    const db = new BetterSqlite3(join(source, DATABASE_FILE));
    db.prepare('ATTACH DATABASE ? AS control').run(join(source, 'control.sqlite'));
    db.exec(
      'CREATE TABLE control.settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT',
    );
    db.exec('INSERT INTO control.settings SELECT * FROM main.settings');
    db.close();
    const runtime = createRuntime({ workspaceDir: source, shell: 'web', echo: () => undefined });
    try {
      const reopened = runtime.workspace.db;
      expect(reopened.prepare('SELECT COUNT(*) FROM control.settings').pluck().get()).toBe(1);
      expect(
        reopened.prepare("SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'settings'").pluck().get(),
      ).toBe(0);
      expect(reopened.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(1);
    } finally {
      await runtime.close();
    }
  });
});
