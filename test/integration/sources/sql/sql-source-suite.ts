import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import { createRuntime } from '../../../../src-main/host/runtime';
import { createKeyringStore } from '../../../../src-main/services/secrets/keyring-store';
import type { ResolvedConnection } from '../../../../src-main/services/sources/connections/resolved-connection';
import { sqlConnector } from '../../../../src-main/services/sources/connectors/sql';
import { LIMITS } from '../../../../src-shared/limits';
import type { ConnectionSettings, ConnectionSummary } from '../../../../src-shared/model/connection';
import type { Dataset, RowsPage } from '../../../../src-shared/model/dataset';
import type { Preview } from '../../../../src-shared/model/preview';
import type { TableInfo } from '../../../../src-shared/model/schema';
import type { SourceRef } from '../../../../src-shared/model/source';
import type { AppError } from '../../../../src-shared/result';
import { importAndWait, rows } from '../../../support/import-run';
import { makeTempDir } from '../../../support/temp-dir';
import { quick } from '../../runs/run-helpers';
import { closedPort, eventually, startSilentServer, type SqlServerUnderTest } from './sql-servers';
import { storedValue, typedCells, typedColumns } from './typed-table';

// One suite for each network database (PostgreSQL, MariaDB), run against the real server the
// SQL setup started: preview, streaming, exact values through staging and an import, the schema
// browser, and every bad input with its code. Connections are made as the app makes them
// (connections:create, the secret in the test run's keychain).

const TYPED_ROWS = Number(process.env.INTAKE_TEST_SQL_TYPED_ROWS ?? 1000);
const STREAMED_ROWS = 100_000;

/** The tests of a SQL source reading from `server`. */
export function describeSqlSource(
  server: SqlServerUnderTest,
  expectedTables: [string | null, string, string][],
) {
  // Skipped when the global setup could not start this server (its apt package missing), and off Linux (the keychain).
  describe.skipIf(!server.available || process.platform !== 'linux')(`a ${server.label} source`, () => {
    const temp = makeTempDir();
    const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
    const runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined, secrets });
    let connectionId = '';
    afterAll(async () => {
      await runtime.close();
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
    const connect = (name: string, settings: ConnectionSettings, secret: string) =>
      call<ConnectionSummary>('connections:create', { name, settings, secret });
    const addQuery = (query: string, connection = connectionId) =>
      call<SourceRef>('sources:add', { kind: 'sql', connectionId: connection, query });
    const resolved = (): ResolvedConnection => ({
      id: connectionId,
      name: 'Warehouse',
      settings: server.reader.settings,
      secret: server.reader.password,
    });
    /** Message checks every coded error passes: names the connection, server and user, never the secret. */
    const expectNamed = (
      error: { message: string },
      connection: string,
      settings = server.reader.settings,
    ) => {
      expect(error.message).toContain(`"${connection}"`);
      if ('host' in settings) {
        expect(error.message).toContain(`${settings.host}:${settings.port}`);
        expect(error.message).toContain(`"${settings.user}"`);
      }
      expect(error.message).not.toContain(server.reader.password);
      expect(error.message).not.toContain(server.admin.password);
    };

    beforeAll(async () => {
      connectionId = (await connect('Warehouse', server.reader.settings, server.reader.password)).id;
    });

    it('tests a connection: connects, logs in, runs SELECT 1', async () => {
      const tested = await call<ConnectionSummary>('connections:test', { id: connectionId });
      expect(tested.lastTest).toMatchObject({ ok: true, code: null });
    });

    it('previews a SELECT with types from the driver, reading only the head of the result', async () => {
      const source = await addQuery('SELECT * FROM typed ORDER BY id');
      const preview = await call<Preview>('sources:preview', { sourceId: source.id });
      const columns = typedColumns(server.engine);
      expect(preview.header).toEqual(columns.map(([name]) => name));
      // Declared types are kept; the rest are detected from the text (label has line breaks).
      expect(preview.columns.map((column) => [column.name, column.type])).toEqual(
        columns.map(([name, type]) => [name, type ?? (name === 'label' ? 'long_text' : 'text')]),
      );
      expect(preview.dialectFixed).toBe(true);
      expect(preview.rows).toHaveLength(LIMITS.previewRows);
      expect(preview.rows).toEqual(
        Array.from({ length: LIMITS.previewRows }, (_, index) => typedCells(server.engine, index + 1)),
      );

      // A query whose last row waits for a lock held here: the preview still comes back, so it
      // stopped reading long before the end, and its cursor and session are let go.
      const lock = await server.holdLock();
      try {
        const locked = await addQuery(server.lockedRowsQuery(STREAMED_ROWS));
        const head = await call<Preview>('sources:preview', { sourceId: locked.id });
        expect(head.truncated).toBe(true);
        expect(head.rows.slice(0, 2)).toEqual([
          ['1', 'streamed'],
          ['2', 'streamed'],
        ]);
      } finally {
        await lock.release();
      }
      // MySQL has no cursor: its server may still be sending when the reader hangs up, and notices
      // once the lock lets the last row go.
      await eventually(async () => (await server.readerSessions()) === 0, 'the preview closing its session');
    });

    it(`streams a full SELECT of ${STREAMED_ROWS.toLocaleString('en')} rows: they arrive while the query is still running`, async () => {
      // The last row waits for a lock held here; it is let go only once 90% of the rows have come
      // through. A driver that loaded the result whole would never hand over a row.
      const lock = await server.holdLock();
      let released = false;
      try {
        const source = await sqlConnector.fetch(
          { kind: 'sql', connectionId, query: server.lockedRowsQuery(STREAMED_ROWS) },
          { workspaceDir: temp.dir, connection: resolved() },
        );
        expect(source.columns).toEqual([
          { name: 'i', type: 'number' },
          { name: 'state', type: null },
        ]);
        let count = 0;
        let last: unknown[] = [];
        for await (const row of source.rows) {
          count++;
          last = row;
          if (count === STREAMED_ROWS * 0.9) {
            expect(await server.readerSessions()).toBe(1);
            await lock.release();
            released = true;
          }
        }
        expect(count).toBe(STREAMED_ROWS);
        expect(last.map(String)).toEqual([String(STREAMED_ROWS), 'unlocked']);
        await eventually(async () => (await server.readerSessions()) === 0, 'the session closing');
      } finally {
        if (!released) await lock.release();
      }
    });

    it('stages every type exactly as the database holds it, and imports it with its type', async () => {
      const source = await addQuery('SELECT * FROM typed ORDER BY id');
      const staged = await call<Dataset>('datasets:stage', { sourceId: source.id });
      const dataset = await runtime.staging.settled(staged.id);
      expect(dataset).toMatchObject({ status: 'ready', rowCount: TYPED_ROWS });
      const page = await call<RowsPage>('datasets:rows', {
        datasetId: dataset.id,
        offset: 0,
        limit: TYPED_ROWS,
      });
      const expected = Array.from({ length: TYPED_ROWS }, (_, index) => typedCells(server.engine, index + 1));
      // Digits past 2^63, 30-digit fractions, JSON as the server wrote it, text with quotes,
      // commas, CR/LF and emoji: every cell, byte for byte.
      expect(page.rows.map((row) => row.cells)).toEqual(expected);

      const run = await importAndWait(runtime, {
        source: { kind: 'sql', connectionId, query: 'SELECT * FROM typed ORDER BY id' },
        quick: quick('customers', { ids: ['id=registered'] }),
        name: `${server.label} typed`,
      });
      expect(run.status, run.error?.message).toBe('succeeded');
      expect(run.rows).toMatchObject({ read: TYPED_ROWS, rejected: 0 });
      const stored = rows<{ id: string; name: string; type: string; value: string | null }>(
        runtime,
        `SELECT i.value AS id, a.name, a.type, a.value FROM customer_attributes a
         JOIN customer_ids i ON i.customer_id = a.customer_id AND i.id_type = 'registered'`,
      );
      const byCell = new Map(stored.map((row) => [`${row.id}/${row.name}`, row]));
      const columns = typedColumns(server.engine);
      for (let id = 1; id <= TYPED_ROWS; id++) {
        const cells = typedCells(server.engine, id);
        columns.forEach(([name, declared], index) => {
          if (name === 'id') return;
          const type = declared ?? (name === 'label' ? 'long_text' : 'text');
          const row = byCell.get(`${id}/${name}`);
          expect([id, name, row?.type ?? type, row?.value ?? null]).toEqual([
            id,
            name,
            type,
            storedValue(type, cells[index]!),
          ]);
        });
      }
    });

    it('lists schemas, tables and views with their columns and types', async () => {
      const tables = await call<TableInfo[]>('sources:tables', { id: connectionId });
      expect(tables.map((table) => [table.schema, table.name, table.kind])).toEqual(expectedTables);
      const typed = tables.find((table) => table.name === 'typed')!;
      // MariaDB's JSON is LONGTEXT with a json_valid() check, visible to a reader with grants on
      // the whole database (a reader with grants on single tables sees no checks: text then).
      expect(typed.columns.map((column) => [column.name, column.type])).toEqual(typedColumns(server.engine));
      expect(typed.columns.every((column) => column.databaseType.length > 0)).toBe(true);
    });

    it('refuses anything but one SELECT before it reaches the server, and changes nothing', async () => {
      const before = JSON.stringify(await server.adminQuery('SELECT * FROM writable ORDER BY id'));
      const marker = `refused-${randomUUID()}`;
      const statements = [
        `DELETE FROM writable WHERE note <> '${marker}'`,
        server.engine === 'postgres'
          ? `WITH gone AS (DELETE FROM writable WHERE note <> '${marker}' RETURNING *) SELECT * FROM gone`
          : `WITH gone AS (SELECT id FROM writable) DELETE FROM writable WHERE note <> '${marker}'`,
        `SELECT '${marker}'; DROP TABLE writable`,
        `SELECT * INTO ${server.engine === 'postgres' ? 'copied' : "OUTFILE '/tmp/intake-refused'"} FROM writable WHERE note <> '${marker}'`,
      ];
      for (const query of statements) {
        const added = await dispatch(runtime.handlers, 'sources:add', { kind: 'sql', connectionId, query });
        // What sources:add lets through, the preview and a run refuse before connecting.
        if (added.ok) {
          const sourceId = (added.data as SourceRef).id;
          expect([query, await failure('sources:preview', { sourceId })]).toMatchObject([
            query,
            { code: 'VALIDATION', message: expect.stringMatching(/only read|one SELECT|single SELECT/) },
          ]);
          await expect(
            importAndWait(runtime, {
              source: { kind: 'sql', connectionId, query },
              quick: quick('customers', { ids: ['id=registered'] }),
            }),
          ).rejects.toThrow(/only read|one SELECT|single SELECT/);
        } else {
          expect([query, added.error.code]).toEqual([query, 'VALIDATION']);
        }
      }
      // A SELECT sent after them reaches the log; none of them did.
      const control = `control-${randomUUID()}`;
      const sent = await addQuery(`SELECT '${control}' AS control`);
      await call<Preview>('sources:preview', { sourceId: sent.id });
      await eventually(async () => server.statementLog().includes(control), 'the control SELECT in the log');
      expect(server.statementLog()).not.toContain(marker);
      expect(JSON.stringify(await server.adminQuery('SELECT * FROM writable ORDER BY id'))).toBe(before);
    });

    it('runs a SELECT in a read-only transaction: one that writes through a function fails', async () => {
      const before = await server.writeState();
      for (const query of server.writingSelects) {
        const source = await addQuery(query);
        const error = await failure('sources:preview', { sourceId: source.id });
        expect([query, error]).toMatchObject([
          query,
          { code: 'VALIDATION', message: expect.stringMatching(/read-only|READ ONLY/) },
        ]);
        expectNamed(error, 'Warehouse');
      }
      expect(await server.writeState()).toBe(before);
    });

    it("codes the database's refusals of a query: PERMISSION, and VALIDATION with its message", async () => {
      const forbidden = await addQuery(server.forbiddenQuery);
      const denied = await failure('sources:preview', { sourceId: forbidden.id });
      expect(denied).toMatchObject({ code: 'PERMISSION', message: expect.stringMatching(/denied/) });
      expectNamed(denied, 'Warehouse');
      const missing = await addQuery('SELECT * FROM no_such_table');
      expect(await failure('sources:preview', { sourceId: missing.id })).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(/no_such_table/),
      });
      const broken = await addQuery('SELECT FROM WHERE');
      expect(await failure('sources:preview', { sourceId: broken.id })).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(/syntax/),
      });
    });

    it('codes a bad connection: AUTH, NETWORK, NOT_FOUND, each naming it, never with the password', async () => {
      const cases: [string, ConnectionSettings, string, string][] = [
        ['Wrong password', server.reader.settings, `not-${server.reader.password}`, 'AUTH'],
        [
          'Refused port',
          { ...server.reader.settings, port: await closedPort() } as ConnectionSettings,
          server.reader.password,
          'NETWORK',
        ],
        [
          'Unknown host',
          { ...server.reader.settings, host: 'no-such-host.invalid' } as ConnectionSettings,
          server.reader.password,
          'NETWORK',
        ],
        // MySQL tells a missing database only to a user who may see every database.
        [
          'Missing database',
          {
            ...(server.engine === 'mysql' ? server.admin : server.reader).settings,
            database: 'no_such_db',
          } as ConnectionSettings,
          (server.engine === 'mysql' ? server.admin : server.reader).password,
          'NOT_FOUND',
        ],
      ];
      for (const [name, settings, secret, code] of cases) {
        const created = await connect(name, settings, secret);
        const tested = await call<ConnectionSummary>('connections:test', { id: created.id });
        expect([name, tested.lastTest?.code]).toEqual([name, code]);
        expectNamed(tested.lastTest!, name, settings);
        expect(tested.lastTest!.message).not.toContain(secret);
      }
    });

    it('gives up on a server that accepts and never answers after the connect timeout (TIMEOUT)', async () => {
      // The seeds' 30 s, shortened for the test through the engine's network timeouts: a
      // connection test (main thread) and a preview (worker pool) both give up after it.
      const silent = await startSilentServer();
      const quickTemp = makeTempDir();
      const impatient = createRuntime({
        workspaceDir: quickTemp.dir,
        shell: 'web',
        echo: () => undefined,
        secrets,
        networkTimeouts: { connectMs: 1000 },
      });
      try {
        const settings = { ...server.reader.settings, port: silent.port } as ConnectionSettings;
        const ask = (name: string, payload: unknown) => dispatch(impatient.handlers, name, payload);
        const created = await ask('connections:create', {
          name: 'Silent',
          settings,
          secret: server.reader.password,
        });
        const id = (created as { ok: true; data: ConnectionSummary }).data.id;
        const started = Date.now();
        const tested = (await ask('connections:test', { id })) as { ok: true; data: ConnectionSummary };
        const testMs = Date.now() - started;
        expect(tested.data.lastTest).toMatchObject({ ok: false, code: 'TIMEOUT' });
        expectNamed(tested.data.lastTest!, 'Silent', settings);
        const source = (await ask('sources:add', { kind: 'sql', connectionId: id, query: 'SELECT 1' })) as {
          ok: true;
          data: SourceRef;
        };
        expect(await ask('sources:preview', { sourceId: source.data.id })).toMatchObject({
          ok: false,
          error: { code: 'TIMEOUT', message: expect.stringContaining('"Silent"') },
        });
        // Timers here fire late rather than early (SERVERS.md: coarse ticks under load).
        expect(testMs).toBeGreaterThanOrEqual(900);
        expect(testMs).toBeLessThan(15_000);
      } finally {
        await impatient.close();
        quickTemp.remove();
        await silent.close();
      }
    });
  });
}
