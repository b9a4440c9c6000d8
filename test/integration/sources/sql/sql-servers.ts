import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { ConnectionSettings } from '../../../../src-shared/model/connection';
import type { Engine } from './typed-table';

// The servers test/servers/sql-setup.mjs started, as the SQL source tests use them: the reader's
// settings, and what only an administrator can see or do (count sessions, hold a lock, read the
// statement log, count rows a refused statement would have changed).

/** A database server under test, or `available: false` when the setup did not start it. */
export interface SqlServerUnderTest {
  engine: Engine;
  label: string;
  available: boolean;
  reader: { settings: ConnectionSettings; password: string };
  admin: { settings: ConnectionSettings; password: string };
  /** The server's log of every statement it received. */
  statementLog(): string;
  /** Rows as arrays, as the administrator, on a connection of its own. */
  adminQuery(sql: string): Promise<unknown[][]>;
  /** Holds the lock that the last row of `lockedRowsQuery(n)` waits for, until released. */
  holdLock(): Promise<{ release(): Promise<void> }>;
  /** `n` rows of (i, state); the last one waits for the lock, then says 'unlocked'. */
  lockedRowsQuery(n: number): string;
  /** Sessions the reader has open now. */
  readerSessions(): Promise<number>;
  /** A SELECT of a table the reader may not read. */
  forbiddenQuery: string;
  /** SELECTs that write through a function the reader may call. */
  writingSelects: string[];
  /** What those writes would change, as text. */
  writeState(): Promise<string>;
}

const LOCK_KEY = 4242;

export function postgresUnderTest(): SqlServerUnderTest {
  const env = process.env;
  const port = Number(env.INTAKE_TEST_PG_PORT ?? 0);
  const host = env.INTAKE_TEST_PG_HOST ?? '127.0.0.1';
  const settings = (user: string): ConnectionSettings => ({
    kind: 'postgres',
    host,
    port,
    user,
    database: env.INTAKE_TEST_PG_DATABASE ?? 'intake',
  });
  const adminQuery = async (sql: string) => {
    const client = new pg.Client(adminConfig());
    await client.connect();
    try {
      return (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
    } finally {
      await client.end();
    }
  };
  const adminConfig = () => ({
    host,
    port,
    user: env.INTAKE_TEST_PG_ADMIN_USER,
    password: env.INTAKE_TEST_PG_ADMIN_PASSWORD,
    database: env.INTAKE_TEST_PG_DATABASE,
  });
  return {
    engine: 'postgres',
    label: 'PostgreSQL',
    available: port > 0,
    reader: {
      settings: settings(env.INTAKE_TEST_PG_USER ?? 'reader'),
      password: env.INTAKE_TEST_PG_PASSWORD ?? '',
    },
    admin: {
      settings: settings(env.INTAKE_TEST_PG_ADMIN_USER ?? 'postgres'),
      password: env.INTAKE_TEST_PG_ADMIN_PASSWORD ?? '',
    },
    statementLog: () => readFileSync(env.INTAKE_TEST_PG_LOG!, 'utf8'),
    adminQuery,
    async holdLock() {
      const client = new pg.Client(adminConfig());
      await client.connect();
      await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
      return {
        release: async () => {
          await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
          await client.end();
        },
      };
    },
    lockedRowsQuery: (n) =>
      `SELECT i, CASE WHEN i < ${n} THEN 'streamed' ELSE 'unlocked' || pg_advisory_xact_lock_shared(${LOCK_KEY})::text END AS state FROM generate_series(1, ${n}) AS i`,
    readerSessions: async () =>
      Number((await adminQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = 'reader'"))[0]![0]),
    forbiddenQuery: 'SELECT * FROM secret',
    writingSelects: ["SELECT nextval('counter')", 'SELECT record_visit()'],
    writeState: async () =>
      JSON.stringify(await adminQuery('SELECT (SELECT count(*) FROM visits), is_called FROM counter')),
  };
}

export function mariadbUnderTest(): SqlServerUnderTest {
  const env = process.env;
  const port = Number(env.INTAKE_TEST_MYSQL_PORT ?? 0);
  const host = env.INTAKE_TEST_MYSQL_HOST ?? '127.0.0.1';
  const settings = (user: string): ConnectionSettings => ({
    kind: 'mysql',
    host,
    port,
    user,
    database: env.INTAKE_TEST_MYSQL_DATABASE ?? 'intake',
  });
  const connect = () =>
    mysql.createConnection({
      host,
      port,
      user: env.INTAKE_TEST_MYSQL_ADMIN_USER,
      password: env.INTAKE_TEST_MYSQL_ADMIN_PASSWORD,
      database: env.INTAKE_TEST_MYSQL_DATABASE,
    });
  const adminQuery = async (sql: string) => {
    const connection = await connect();
    try {
      return (await connection.query({ sql, rowsAsArray: true }))[0] as unknown[][];
    } finally {
      await connection.end();
    }
  };
  return {
    engine: 'mysql',
    label: 'MariaDB',
    available: port > 0,
    reader: {
      settings: settings(env.INTAKE_TEST_MYSQL_USER ?? 'reader'),
      password: env.INTAKE_TEST_MYSQL_PASSWORD ?? '',
    },
    admin: {
      settings: settings(env.INTAKE_TEST_MYSQL_ADMIN_USER ?? 'admin'),
      password: env.INTAKE_TEST_MYSQL_ADMIN_PASSWORD ?? '',
    },
    statementLog: () => readFileSync(env.INTAKE_TEST_MYSQL_LOG!, 'utf8'),
    adminQuery,
    async holdLock() {
      const connection = await connect();
      await connection.query(`SELECT GET_LOCK('intake-${LOCK_KEY}', 10)`);
      return {
        release: async () => {
          await connection.query(`SELECT RELEASE_LOCK('intake-${LOCK_KEY}')`);
          await connection.end();
        },
      };
    },
    // MariaDB's Sequence engine: a recursive CTE stops silently at max_recursive_iterations (1,000).
    lockedRowsQuery: (n) =>
      `SELECT seq AS i, IF(seq < ${n}, 'streamed', CONCAT('unlocked', LEFT(GET_LOCK('intake-${LOCK_KEY}', 60), 0))) AS state FROM seq_1_to_${n}`,
    readerSessions: async () =>
      Number(
        (
          await adminQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'reader'")
        )[0]![0],
      ),
    forbiddenQuery: 'SELECT * FROM vault.secret',
    writingSelects: ['SELECT record_visit()'],
    writeState: async () => JSON.stringify(await adminQuery('SELECT COUNT(*) FROM visits')),
  };
}

/**
 * A server that accepts connections and never says a word (a database behind a broken proxy):
 * a client waits for its greeting until its connect timeout.
 */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (the OS gave it out and took it back). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
