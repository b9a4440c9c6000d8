import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import { createRuntime, type Runtime } from '../../../../src-main/host/runtime';
import { listIdTypes } from '../../../../src-main/services/attributes/id-type-repository';
import { importFile } from '../../../../src-main/services/runs/import-file';
import { quickMapping, type QuickImportFlags } from '../../../../src-main/services/runs/quick-mapping';
import { createKeyringStore } from '../../../../src-main/services/secrets/keyring-store';
import { sqlConnector } from '../../../../src-main/services/sources/connectors/sql';
import { registerFile } from '../../../../src-main/services/sources/register-file';
import { missingTimeFieldReason } from '../../../../src-shared/mapping/incremental';
import type { ConnectionSettings, ConnectionSummary } from '../../../../src-shared/model/connection';
import type { ImportRecipe } from '../../../../src-shared/model/mapping';
import type { Preview } from '../../../../src-shared/model/preview';
import type { ImportOverview, Run } from '../../../../src-shared/model/run';
import type { SourceRef } from '../../../../src-shared/model/source';
import type { AppError } from '../../../../src-shared/result';
import { rows } from '../../../support/import-run';
import { makeTempDir } from '../../../support/temp-dir';
import { countsOf, editOptions, quick, rejectsOf } from '../../runs/run-helpers';

// Incremental sync by a time field against real databases, run after run: the first run reads
// every row and leaves the cursor at the newest time; the next reads only rows after it — the
// database does the filtering, through a bound value — and rejects an empty time field naming the
// column; a reset reads everything again. Each server gets a database and a role of its own, so
// the SQL source suites running beside this one see neither.

const env = process.env;
const suffix = randomBytes(4).toString('hex');
const DATABASE = `intake_incremental_${suffix}`;
const ROLE = `incremental_${suffix}`;
const PASSWORD = randomUUID();

/** A UTC instant `seconds` after 2026-01-01T10:00:00.000001Z, as Intake writes cursors. */
const at = (seconds: number) =>
  new Date(Date.UTC(2026, 0, 1, 10, 0, seconds)).toISOString().replace('Z', '001Z');
/** The same instant as a database literal (microseconds kept). */
const literal = (seconds: number) => at(seconds).replace('T', ' ').replace('Z', '+00');

/** A runtime with a keychain of its own, the dispatch of its handlers, and its connection. */
function harness() {
  const temp = makeTempDir();
  const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
  const runtime: Runtime = createRuntime({
    workspaceDir: temp.dir,
    shell: 'web',
    echo: () => undefined,
    secrets,
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
  /** A saved incremental import of a query, and its first run. */
  async function importIncremental(
    connectionId: string,
    query: string,
    flags: QuickImportFlags,
    name: string,
  ) {
    const source = await call<SourceRef>('sources:add', { kind: 'sql', connectionId, query });
    const preview = await call<Preview>('sources:preview', { sourceId: source.id });
    const mapping = quickMapping(preview.columns, flags, {
      idTypes: listIdTypes(runtime.workspace.db),
      attributes: [],
    });
    const recipe: ImportRecipe = {
      kind: 'intake.import',
      version: 1,
      name,
      dialect: {},
      header: preview.header,
      mapping: editOptions(mapping, { incremental: true }),
    };
    const { definition, run } = await importFile(runtime, {
      source: { kind: 'sql', connectionId, query },
      recipe,
    });
    return { importId: definition.id, run: await runtime.runs.settled(run.id) };
  }
  const runAgain = async (importId: string): Promise<Run> =>
    runtime.runs.settled(runtime.runs.start(importId).id);
  const overview = async (importId: string) =>
    (await call<ImportOverview[]>('imports:overview', {})).find((entry) => entry.id === importId)!;
  const storedCursor = (importId: string) =>
    rows<{ value: string }>(runtime, 'SELECT value FROM import_cursors WHERE import_id = ?', importId)[0]
      ?.value ?? null;
  return {
    runtime,
    call,
    failure,
    importIncremental,
    runAgain,
    overview,
    storedCursor,
    async dispose() {
      await runtime.close();
      temp.remove();
    },
  };
}

const pgPort = Number(env.INTAKE_TEST_PG_PORT ?? 0);
const pgAdmin = (database: string) => ({
  host: env.INTAKE_TEST_PG_HOST ?? '127.0.0.1',
  port: pgPort,
  user: env.INTAKE_TEST_PG_ADMIN_USER,
  password: env.INTAKE_TEST_PG_ADMIN_PASSWORD,
  database,
});

/** Runs statements one by one as the administrator (CREATE and DROP DATABASE refuse a transaction). */
async function inPostgres(database: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client(pgAdmin(database));
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

// Skipped when the global setup could not start PostgreSQL (its apt package missing), and off Linux (the keychain).
describe.skipIf(pgPort === 0 || process.platform !== 'linux')('incremental sync from PostgreSQL', () => {
  const test = harness();
  let connectionId = '';
  const QUERY = 'SELECT id, user_id, created_at, amount FROM events ORDER BY id';

  beforeAll(async () => {
    await inPostgres(
      env.INTAKE_TEST_PG_DATABASE ?? 'intake',
      `CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`,
      `CREATE DATABASE ${DATABASE}`,
    );
    await inPostgres(
      DATABASE,
      `REVOKE ALL ON DATABASE ${DATABASE} FROM PUBLIC;
       GRANT CONNECT ON DATABASE ${DATABASE} TO ${ROLE};
       CREATE TABLE events (id integer PRIMARY KEY, user_id text, created_at timestamptz, amount numeric);
       GRANT SELECT ON events TO ${ROLE};
       -- Five rows; the last two share the newest time.
       INSERT INTO events VALUES
         (1, 'u1', '${literal(1)}', 10), (2, 'u2', '${literal(2)}', 20), (3, 'u3', '${literal(3)}', 30),
         (4, 'u4', '${literal(4)}', 40), (5, 'u5', '${literal(4)}', 50);`,
    );
    const settings: ConnectionSettings = {
      kind: 'postgres',
      host: env.INTAKE_TEST_PG_HOST ?? '127.0.0.1',
      port: pgPort,
      user: ROLE,
      database: DATABASE,
    };
    connectionId = (
      await test.call<ConnectionSummary>('connections:create', {
        name: 'Events DB',
        settings,
        secret: PASSWORD,
      })
    ).id;
  });

  afterAll(async () => {
    await test.dispose();
    await inPostgres(
      env.INTAKE_TEST_PG_DATABASE ?? 'intake',
      `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`,
      `DROP ROLE IF EXISTS ${ROLE}`,
    );
  });

  it('imports all rows first, then only newer ones filtered by the database, and all again after a reset', async () => {
    const flags = quick('events', {
      ids: ['user_id=registered'],
      eventType: 'purchase',
      timestamp: 'created_at',
    });
    // Run 1: every row; the cursor is the newest time, which two rows share (said in a warning).
    const first = await test.importIncremental(connectionId, QUERY, flags, 'Events since');
    expect(countsOf(first.run)).toEqual({
      read: 5,
      imported: 5,
      updated: 0,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(test.storedCursor(first.importId)).toBe(JSON.stringify(at(4)));
    expect(first.run.warnings.join('\n')).toMatch(
      /2 rows imported share the newest time in "created_at" \(2026-01-01T10:00:04\.000001Z\).*arrive later will be skipped/,
    );
    const afterFirst = await test.overview(first.importId);
    expect(afterFirst.cursor?.value).toBe(at(4));

    // New rows: three newer, one at the cursor's very time, one older, one without a time.
    await inPostgres(
      DATABASE,
      `INSERT INTO events VALUES (6, 'u6', '${literal(5)}', 60), (7, 'u7', '${literal(4)}', 70),
         (8, 'u8', '${literal(0)}', 80), (9, 'u9', NULL, 90), (10, 'u10', '${literal(6)}', 100),
         (11, 'u11', '${literal(7)}', 110);`,
    );
    const logBefore = postgresLog().length;

    // Run 2: only the three newer rows and the one without a time were read at all: the database
    // filtered (the staged dataset had 4 rows); the empty time field is rejected, naming it.
    const second = await test.runAgain(first.importId);
    expect(countsOf(second)).toEqual({
      read: 4,
      imported: 3,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(second.rowsTotal).toBe(4);
    expect(rejectsOf(test.runtime, second)).toEqual([
      { row_number: 3, column_name: 'created_at', value: '', reason: missingTimeFieldReason('created_at') },
    ]);
    expect(missingTimeFieldReason('created_at')).toMatch(
      /set it once when the row is created and never update it/,
    );
    expect(
      rows<{ n: number }>(test.runtime, "SELECT COUNT(*) AS n FROM events WHERE event_type = 'purchase'")[0]!
        .n,
    ).toBe(8);
    expect(test.storedCursor(first.importId)).toBe(JSON.stringify(at(7)));
    expect(second.warnings.join('\n')).not.toMatch(/share the newest time/);
    // The cursor reached the server as a bound value: the COPY's text reads it from a setting that
    // a parameter set; the value appears only as that parameter.
    const log = postgresLog().slice(logBefore);
    expect(log).toContain(
      `"created_at" IS NULL OR "created_at" > current_setting('intake.since')::timestamptz`,
    );
    expect(log).toMatch(/execute [^:]*: SELECT set_config\('intake\.since', \$1, true\)/);
    const withCursor = log.split('\n').filter((line) => line.includes(at(4)));
    expect(withCursor.length).toBeGreaterThan(0);
    expect(withCursor.every((line) => /parameters: \$1 = /.test(line))).toBe(true);

    // A failed run leaves the cursor where it was.
    await inPostgres(DATABASE, `REVOKE SELECT ON events FROM ${ROLE};`);
    const refused = await test.runAgain(first.importId);
    expect(refused.status).toBe('failed');
    expect(test.storedCursor(first.importId)).toBe(JSON.stringify(at(7)));
    await inPostgres(DATABASE, `GRANT SELECT ON events TO ${ROLE};`);

    // Run 3, after a reset: every row again. The events imported before are deduplicated; the one
    // at the old cursor's time and the older one were never read, and are imported now.
    expect(await test.call('imports:resetCursor', { importId: first.importId })).toEqual({ reset: true });
    expect((await test.overview(first.importId)).cursor).toBeNull();
    const third = await test.runAgain(first.importId);
    expect(countsOf(third)).toEqual({
      read: 11,
      imported: 2,
      updated: 0,
      deduplicated: 8,
      rejected: 1,
      skipped: 0,
    });
    expect(test.storedCursor(first.importId)).toBe(JSON.stringify(at(7)));
  });

  it('compares a text time field in the run instead, counting the rows not after the cursor as skipped', async () => {
    const query = `SELECT id, user_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
      FROM events ORDER BY id`;
    const flags = quick('events', {
      ids: ['user_id=registered'],
      eventType: 'visit',
      timestamp: 'created_at',
    });
    const first = await test.importIncremental(connectionId, query, flags, 'Events as text');
    expect(countsOf(first.run)).toMatchObject({ read: 11, imported: 10, rejected: 1, skipped: 0 });
    await inPostgres(DATABASE, `INSERT INTO events VALUES (12, 'u12', '${literal(8)}', 120);`);
    const second = await test.runAgain(first.importId);
    expect(countsOf(second)).toEqual({
      read: 12,
      imported: 1,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 10,
    });
    expect(test.storedCursor(first.importId)).toBe(JSON.stringify(at(8)));
  });

  it('binds the cursor on the cursor path too, and never filters a preview', async () => {
    const connection = {
      id: connectionId,
      name: 'Events DB',
      settings: {
        kind: 'postgres',
        host: env.INTAKE_TEST_PG_HOST ?? '127.0.0.1',
        port: pgPort,
        user: ROLE,
        database: DATABASE,
      } satisfies ConnectionSettings,
      secret: PASSWORD,
    };
    const spec = { kind: 'sql' as const, connectionId, query: `${QUERY};` };
    const context = {
      workspaceDir: test.runtime.workspace.dir,
      connection,
      since: { column: 'created_at', value: at(5), timeZone: 'UTC', milliseconds: false },
    };
    const idsOf = async (read: Promise<{ rows: Iterable<unknown[]> | AsyncIterable<unknown[]> }>) => {
      const ids: string[] = [];
      for await (const row of (await read).rows) ids.push(String(row[0]));
      return ids;
    };
    // After 10:00:05: rows 10–12, and row 9 without a time (to be rejected by the run).
    expect(await idsOf(sqlConnector.fetch(spec, context))).toEqual(['9', '10', '11', '12']);
    expect(await idsOf(sqlConnector.head(spec, 100, context))).toHaveLength(12);
  });

  it('refuses to save an incremental import without a time field, naming the import', async () => {
    const flags = quick('customers', { ids: ['user_id=registered'] });
    await expect(test.importIncremental(connectionId, QUERY, flags, 'Customers since')).rejects.toThrow(
      /The import "Customers since" cannot sync incrementally: no column is tagged Update timestamp/,
    );
  });
});

/** The PostgreSQL server's statement log (the SQL setup turns it on). */
function postgresLog(): string {
  return env.INTAKE_TEST_PG_LOG ? readFileSync(env.INTAKE_TEST_PG_LOG, 'utf8') : '';
}

const myPort = Number(env.INTAKE_TEST_MYSQL_PORT ?? 0);

// Skipped when the global setup could not start MariaDB (its apt package missing), and off Linux (the keychain).
describe.skipIf(myPort === 0 || process.platform !== 'linux')('incremental sync from MariaDB', () => {
  const test = harness();
  let connectionId = '';
  const inMariadb = async (sql: string) => {
    const connection = await mysql.createConnection({
      host: env.INTAKE_TEST_MYSQL_HOST ?? '127.0.0.1',
      port: myPort,
      user: env.INTAKE_TEST_MYSQL_ADMIN_USER,
      password: env.INTAKE_TEST_MYSQL_ADMIN_PASSWORD,
      multipleStatements: true,
    });
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };

  beforeAll(async () => {
    // The same times as a DATETIME read in Europe/Prague, a TIMESTAMP (UTC) and UNIX seconds (in
    // a column whose name has a backtick); one row has none.
    await inMariadb(`SET time_zone = '+00:00';
      CREATE DATABASE ${DATABASE};
      CREATE TABLE ${DATABASE}.events (id INT PRIMARY KEY, user_id TEXT, local_at DATETIME(6),
        utc_at TIMESTAMP(6) NULL, \`unix\`\`at\` BIGINT);
      INSERT INTO ${DATABASE}.events VALUES
        (1, 'u1', '2026-03-29 01:30:00', '2026-03-29 00:30:00', 1774744200),
        (2, 'u2', '2026-03-29 03:30:00', '2026-03-29 01:30:00', 1774747800),
        (3, 'u3', '2026-03-29 04:00:00', '2026-03-29 02:00:00', 1774749600),
        (4, 'u4', NULL, NULL, NULL);
      CREATE USER '${ROLE}'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}';
      GRANT SELECT ON ${DATABASE}.* TO '${ROLE}'@'127.0.0.1';`);
    const settings: ConnectionSettings = {
      kind: 'mysql',
      host: env.INTAKE_TEST_MYSQL_HOST ?? '127.0.0.1',
      port: myPort,
      user: ROLE,
      database: DATABASE,
    };
    connectionId = (
      await test.call<ConnectionSummary>('connections:create', { name: 'Maria', settings, secret: PASSWORD })
    ).id;
  });

  afterAll(async () => {
    await test.dispose();
    await inMariadb(`DROP DATABASE IF EXISTS ${DATABASE}; DROP USER IF EXISTS '${ROLE}'@'127.0.0.1';`);
  });

  it('filters a DATETIME, a TIMESTAMP and UNIX seconds in the database, the cursor bound by a prepared SET', async () => {
    const columns: [string, string][] = [
      ['local_at', 'Europe/Prague'],
      ['utc_at', 'UTC'],
      ['unix`at', 'UTC'],
    ];
    const imports: string[] = [];
    for (const [column, timeZone] of columns) {
      const query = `SELECT id, user_id, \`${column.replace('`', '``')}\` FROM events ORDER BY id`;
      const flags = quick('events', {
        ids: ['user_id=registered'],
        eventType: `by_${column.replace('`', '')}`,
        timestamp: column,
        timeZone,
      });
      const first = await test.importIncremental(connectionId, query, flags, `Maria ${column}`);
      expect([column, countsOf(first.run)]).toEqual([
        column,
        { read: 4, imported: 3, updated: 0, deduplicated: 0, rejected: 1, skipped: 0 },
      ]);
      // 01:30 in Prague is 00:30 UTC; 03:30 (after the clocks went forward) is 01:30 UTC.
      expect(test.storedCursor(first.importId)).toBe(JSON.stringify('2026-03-29T02:00:00.000000Z'));
      imports.push(first.importId);
    }
    // One row at the cursor's very time, one after it.
    await inMariadb(`SET time_zone = '+00:00';
      INSERT INTO ${DATABASE}.events VALUES
        (5, 'u5', '2026-03-29 04:00:00', '2026-03-29 02:00:00', 1774749600),
        (6, 'u6', '2026-03-29 05:00:00', '2026-03-29 03:00:00', 1774753200);`);
    const second = await Promise.all(imports.map((importId) => test.runAgain(importId)));
    // Only the newer row and the one without a time left the server; UNIX seconds are compared
    // from the cursor's whole second (>=), so both rows of that second came too, and were skipped.
    expect(second.map((run) => countsOf(run))).toEqual([
      { read: 2, imported: 1, updated: 0, deduplicated: 0, rejected: 1, skipped: 0 },
      { read: 2, imported: 1, updated: 0, deduplicated: 0, rejected: 1, skipped: 0 },
      { read: 4, imported: 1, updated: 0, deduplicated: 0, rejected: 1, skipped: 2 },
    ]);
    for (const importId of imports) {
      expect(test.storedCursor(importId)).toBe(JSON.stringify('2026-03-29T03:00:00.000000Z'));
    }
  });
});

describe('incremental sync from a SQLite file', () => {
  const test = harness();
  const temp = makeTempDir();
  const path = join(temp.dir, 'links.sqlite');
  let connectionId = '';
  afterAll(async () => {
    await test.dispose();
    temp.remove();
  });

  beforeAll(async () => {
    const db = new BetterSqlite3(path);
    // UNIX seconds as integers (compared in SQLite), one as ISO text (compared by the run).
    db.exec(`CREATE TABLE links (email TEXT, cookie TEXT, "linked ""at""" NUMERIC);
      INSERT INTO links VALUES ('a@x.cz', 'c1', 1767261600), ('b@x.cz', 'c2', 1767261660),
        ('c@x.cz', 'c3', '2026-01-01T10:02:00Z');`);
    db.close();
    connectionId = (
      await test.call<ConnectionSummary>('connections:create', {
        name: 'Links file',
        settings: { kind: 'sqlite', path },
      })
    ).id;
  });

  it('reads only numbers after the cursor from SQLite, and skips older text times in the run', async () => {
    const flags = quick('identity', {
      roles: ['email=match_key:email_id', 'cookie=identifier:cookie', 'linked "at"=timestamp'],
    });
    const first = await test.importIncremental(connectionId, 'SELECT * FROM links;', flags, 'Links since');
    expect(countsOf(first.run)).toMatchObject({ read: 3, imported: 3, skipped: 0 });
    expect(test.storedCursor(first.importId)).toBe(JSON.stringify('2026-01-01T10:02:00.000000Z'));

    const db = new BetterSqlite3(path);
    db.exec(`INSERT INTO links VALUES ('d@x.cz', 'c4', 1767261600), ('e@x.cz', 'c5', 1767261780),
      ('f@x.cz', 'c6', '2026-01-01T09:00:00Z'), ('g@x.cz', 'c7', NULL);`);
    db.close();
    const second = await test.runAgain(first.importId);
    // The older integers never left SQLite; both text times came through and the run skipped
    // them; the newer link is imported; the one without a time is rejected, naming the column.
    expect(countsOf(second)).toEqual({
      read: 4,
      imported: 1,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 2,
    });
    expect(rejectsOf(test.runtime, second)).toMatchObject([
      { column_name: 'linked "at"', reason: missingTimeFieldReason('linked "at"') },
    ]);
    expect(test.storedCursor(first.importId)).toBe(JSON.stringify('2026-01-01T10:03:00.000000Z'));
  });

  it('refuses to save incremental sync for a file source, naming the import', async () => {
    const csv = join(temp.dir, 'events.csv');
    writeFileSync(csv, 'user_id,created_at\nu1,2026-01-01T10:00:00Z\n');
    const source = await registerFile(test.runtime.workspace.db, csv);
    const preview = await test.runtime.previews.get(source, {});
    const mapping = quickMapping(
      preview.columns,
      quick('events', { ids: ['user_id=registered'], eventType: 'e', timestamp: 'created_at' }),
      { idTypes: listIdTypes(test.runtime.workspace.db), attributes: [] },
    );
    const error = await test.failure('imports:save', {
      name: 'File since',
      sourceId: source.id,
      dialect: {},
      header: preview.header,
      mapping: editOptions(mapping, { incremental: true }),
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(
      /The import "File since" cannot sync incrementally: .*database query or files in storage.*a file source/,
    );
  });
});
