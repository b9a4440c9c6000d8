import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import { sqlConnector } from '../../../../src-main/services/sources/connectors/sql';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { ConnectionSummary } from '../../../../src-shared/model/connection';
import type { Dataset, RowsPage } from '../../../../src-shared/model/dataset';
import type { Preview } from '../../../../src-shared/model/preview';
import type { TableInfo } from '../../../../src-shared/model/schema';
import type { SourceRef } from '../../../../src-shared/model/source';
import type { AppError } from '../../../../src-shared/result';
import { importAndWait, rows } from '../../../support/import-run';
import { makeTestRuntime } from '../../../support/runtime';
import { makeTempDir } from '../../../support/temp-dir';
import { quick } from '../../runs/run-helpers';
import { storedValue } from './typed-table';

// A SQLite file as a SQL source: opened read-only, rows stepped from the statement, integers as
// BigInt (no digit lost), declared types kept, and the same refusals as the network databases.

const ROWS = 500;
const INT64_MAX = 2n ** 63n - 1n;
const COLUMNS: [string, string, ColumnType | null][] = [
  ['id', 'INTEGER', 'number'],
  ['big', 'INTEGER', 'number'],
  ['ratio', 'REAL', 'number'],
  ['flag', 'BOOLEAN', 'boolean'],
  ['day', 'DATE', 'date'],
  ['at', 'DATETIME', 'datetime'],
  ['doc', 'JSON', 'json'],
  ['label', 'TEXT', null],
  ['raw', 'BLOB', null],
];

/** Row `i` as CSV cells: NULL ('') in one column per row, by i % 10. */
function cells(i: number): string[] {
  const nullIf = (remainder: number, value: string) => (i % 10 === remainder ? '' : value);
  return [
    String(i),
    nullIf(1, String(i % 2 === 0 ? INT64_MAX - BigInt(i) : -INT64_MAX - 1n + BigInt(i))),
    nullIf(3, String(i / 8 - 60)),
    nullIf(4, String(i % 3 === 0)),
    nullIf(5, new Date(Date.UTC(1999, 11, 31) + i * 7 * 86_400_000).toISOString().slice(0, 10)),
    nullIf(
      6,
      `${new Date(Date.UTC(2024, 1, 28, 23, 59, 59) + i * 3_601_500).toISOString().slice(0, 19)}.123`,
    ),
    nullIf(8, `{"i": ${i}, "tags": ["a", "b,c"], "q": "say \\"hi\\""}`),
    nullIf(
      9,
      `Row ${i}: "quoted", commas, and\na newline; Žluťoučký kůň 🐎 ☃${i % 4 === 0 ? '\r\nCRLF' : ''}`,
    ),
    nullIf(9, Buffer.from(`bytes ${i}`).toString('base64')),
  ];
}

function createDatabase(path: string): void {
  const db = new BetterSqlite3(path);
  db.exec(`CREATE TABLE typed (${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')});
    CREATE TABLE writable (id INTEGER PRIMARY KEY, note TEXT NOT NULL);
    INSERT INTO writable VALUES (1, 'note 1'), (2, 'note 2');
    CREATE VIEW typed_labels AS SELECT id, label FROM typed;`);
  const insert = db.prepare(`INSERT INTO typed VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) {
      const row = cells(i);
      insert.run(
        i,
        row[1] === '' ? null : BigInt(row[1]!),
        row[2] === '' ? null : Number(row[2]),
        row[3] === '' ? null : row[3] === 'true' ? 1 : 0,
        row[4] || null,
        row[5] === '' ? null : row[5]!.replace('T', ' '),
        row[6] || null,
        row[7] || null,
        row[8] === '' ? null : Buffer.from(row[8]!, 'base64'),
      );
    }
  })();
  db.close();
}

describe('a SQLite source', () => {
  const temp = makeTempDir();
  const runtime = makeTestRuntime();
  const path = join(temp.dir, 'warehouse.sqlite');
  let connectionId = '';
  afterAll(async () => {
    await runtime.dispose();
    temp.remove();
  });

  async function call<T>(name: string, payload: unknown): Promise<T> {
    const result = await dispatch(runtime.handlers, name, payload, runtime.log);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  }
  async function failure(name: string, payload: unknown): Promise<AppError> {
    const result = await dispatch(runtime.handlers, name, payload, runtime.log);
    if (result.ok) throw new Error(`${name} succeeded; expected it to fail`);
    return result.error;
  }
  const addQuery = (query: string, connection = connectionId) =>
    call<SourceRef>('sources:add', { kind: 'sql', connectionId: connection, query });
  const sqliteConnection = (name: string, file: string) =>
    call<ConnectionSummary>('connections:create', { name, settings: { kind: 'sqlite', path: file } });

  beforeAll(async () => {
    createDatabase(path);
    connectionId = (await sqliteConnection('Local file', path)).id;
  });

  it('previews a SELECT with the declared types, and stages every value exactly', async () => {
    expect((await call<ConnectionSummary>('connections:test', { id: connectionId })).lastTest).toMatchObject({
      ok: true,
    });
    const source = await addQuery('SELECT * FROM typed ORDER BY id');
    const preview = await call<Preview>('sources:preview', { sourceId: source.id });
    expect(preview.columns.map((column) => [column.name, column.type])).toEqual(
      COLUMNS.map(([name, , type]) => [name, type ?? (name === 'label' ? 'long_text' : 'text')]),
    );
    expect(preview.rows.slice(0, 3)).toEqual([cells(1), cells(2), cells(3)]);

    const staged = await call<Dataset>('datasets:stage', { sourceId: source.id });
    const dataset = await runtime.staging.settled(staged.id);
    const page = await call<RowsPage>('datasets:rows', { datasetId: dataset.id, offset: 0, limit: ROWS });
    expect(page.rows.map((row) => row.cells)).toEqual(
      Array.from({ length: ROWS }, (_, index) => cells(index + 1)),
    );
  });

  it('imports the rows with their types', async () => {
    const run = await importAndWait(runtime, {
      source: { kind: 'sql', connectionId, query: 'SELECT * FROM typed ORDER BY id' },
      quick: quick('customers', { ids: ['id=registered'] }),
      name: 'sqlite typed',
    });
    expect(run.status, run.error?.message).toBe('succeeded');
    const stored = rows<{ id: string; name: string; value: string | null }>(
      runtime,
      `SELECT i.value AS id, a.name, a.value FROM customer_attributes a
       JOIN customer_ids i ON i.customer_id = a.customer_id AND i.id_type = 'registered'`,
    );
    const byCell = new Map(stored.map((row) => [`${row.id}/${row.name}`, row.value]));
    for (let i = 1; i <= ROWS; i++) {
      cells(i).forEach((cell, index) => {
        const [name, , declared] = COLUMNS[index]!;
        if (name === 'id') return;
        const type = declared ?? (name === 'label' ? 'long_text' : 'text');
        expect([i, name, byCell.get(`${i}/${name}`) ?? null]).toEqual([i, name, storedValue(type, cell)]);
      });
    }
  });

  it('steps through a huge SELECT without loading it, and lets the file go when closed', async () => {
    const source = await sqlConnector.fetch(
      {
        kind: 'sql',
        connectionId,
        // 125,000,000 rows: loaded whole, they would not fit in memory; read from the file, so a
        // statement left open keeps its lock on it.
        query: 'SELECT a.id, b.id, c.id FROM typed a, typed b, typed c',
      },
      {
        workspaceDir: temp.dir,
        connection: {
          id: connectionId,
          name: 'Local file',
          settings: { kind: 'sqlite', path },
          secret: null,
        },
      },
    );
    let count = 0;
    for await (const row of source.rows) {
      if (++count === 100_000) {
        expect(row).toEqual([1n, 200n, 500n]);
        break;
      }
    }
    // A reader still inside its statement would keep a writer from taking the file exclusively.
    const writer = new BetterSqlite3(path, { timeout: 0 });
    try {
      writer.exec('BEGIN EXCLUSIVE; COMMIT;');
    } finally {
      writer.close();
    }
  });

  it('lists its tables and views with their columns', async () => {
    const tables = await call<TableInfo[]>('sources:tables', { id: connectionId });
    expect(tables.map((table) => [table.schema, table.name, table.kind])).toEqual([
      [null, 'typed', 'table'],
      [null, 'typed_labels', 'view'],
      [null, 'writable', 'table'],
    ]);
    expect(tables[0]!.columns).toEqual(
      COLUMNS.map(([name, databaseType, type]) => ({ name, databaseType, type })),
    );
  });

  it('refuses anything but one read-only SELECT, and the file is unchanged', async () => {
    const before = readFileSync(path);
    for (const query of [
      'DELETE FROM writable',
      'WITH x AS (SELECT 1) DELETE FROM writable',
      'SELECT 1; DROP TABLE writable',
      'SELECT * INTO copied FROM writable',
    ]) {
      const added = await dispatch(runtime.handlers, 'sources:add', { kind: 'sql', connectionId, query });
      if (!added.ok) {
        expect([query, added.error.code]).toEqual([query, 'VALIDATION']);
        continue;
      }
      expect([
        query,
        await failure('sources:preview', { sourceId: (added.data as SourceRef).id }),
      ]).toMatchObject([query, { code: 'VALIDATION' }]);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('codes a missing file (NOT_FOUND), a file that is not a database and a bad query (VALIDATION)', async () => {
    const missing = await sqliteConnection('Gone', join(temp.dir, `missing-${randomUUID()}.sqlite`));
    const tested = await call<ConnectionSummary>('connections:test', { id: missing.id });
    expect(tested.lastTest).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: expect.stringContaining('"Gone"'),
    });

    const text = join(temp.dir, 'notes.txt');
    writeFileSync(text, 'not a database, just words '.repeat(100));
    const notDatabase = await sqliteConnection('Notes', text);
    expect(
      (await call<ConnectionSummary>('connections:test', { id: notDatabase.id })).lastTest,
    ).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: expect.stringMatching(/not a SQLite database.*"Notes"|"Notes".*not a database/s),
    });

    for (const [query, message] of [
      ['SELECT * FROM no_such_table', /no such table: no_such_table/],
      ['SELECT FROM WHERE', /syntax error/],
    ] as const) {
      const source = await addQuery(query);
      expect(await failure('sources:preview', { sourceId: source.id })).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(message),
      });
    }
  });
});
