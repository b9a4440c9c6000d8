import { PassThrough, type Readable } from 'node:stream';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import type { ColumnType } from '../../../../../src-shared/model/column-type';
import type { ConnectionSettings } from '../../../../../src-shared/model/connection';
import type { TableInfo } from '../../../../../src-shared/model/schema';
import { reachError } from '../../connections/connection-errors';
import type { ResolvedConnection } from '../../connections/resolved-connection';
import type { ConnectorContext, SinceCondition, SourceBytes } from '../connector';
import type { SqlDriver } from '../sql';
import {
  connectTimedOut,
  connectTimeoutMs,
  serverError,
  serverTarget,
  sourceRows,
  type ServerTarget,
} from './driver-support';
import { incrementalQuery, sinceValue, type SinceType } from './incremental-query';
import { copyStatement } from './postgres-copy';
import { checkReadOnlySelect, statementBody } from './select-guard';

type PostgresSettings = Extract<ConnectionSettings, { kind: 'postgres' }>;

/** Rows fetched from the portal per round trip: few enough to stay small, many enough to be quick. */
const BATCH_ROWS = 2000;

/**
 * Session settings that fix how values are written: timestamps with a zone in UTC, ISO dates,
 * floats exact. `default_transaction_read_only` is the read-only guard's first layer (user SQL
 * could override it, hence the READ ONLY transaction too, and the README's SELECT-only role); only
 * the PostgreSQL destination, which writes, connects without it.
 */
const WRITABLE_SESSION_OPTIONS = [
  'TimeZone=UTC',
  'DateStyle=ISO,YMD',
  'IntervalStyle=iso_8601',
  'extra_float_digits=3',
]
  .map((setting) => `-c ${setting}`)
  .join(' ');
const SESSION_OPTIONS = `-c default_transaction_read_only=on ${WRITABLE_SESSION_OPTIONS}`;

const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  jsonb: 3802,
} as const;

/** The import type of a PostgreSQL type (by OID), when it has one. */
const COLUMN_TYPES = new Map<number, ColumnType>([
  [OID.int2, 'number'],
  [OID.int4, 'number'],
  [OID.int8, 'number'],
  [OID.oid, 'number'],
  [OID.float4, 'number'],
  [OID.float8, 'number'],
  [OID.numeric, 'number'],
  [OID.bool, 'boolean'],
  [OID.date, 'date'],
  [OID.timestamp, 'datetime'],
  [OID.timestamptz, 'datetime'],
  [OID.json, 'json'],
  [OID.jsonb, 'json'],
]);

/** One-dimensional or nested arrays written as JSON lists: numbers and booleans bare, the rest strings. */
const ARRAY_ELEMENTS = new Map<number, 'number' | 'boolean' | 'text'>([
  [1000, 'boolean'],
  [1005, 'number'],
  [1007, 'number'],
  [1016, 'number'],
  [1021, 'number'],
  [1022, 'number'],
  [1231, 'number'],
  [1009, 'text'],
  [1014, 'text'],
  [1015, 'text'],
  [2951, 'text'],
]);

/** node-postgres's parser by OID (its typings list only the scalar types' OIDs). */
const builtinParser = pg.types.getTypeParser as (oid: number) => (text: string) => unknown;
/** The parser of text[]: any array's text as nested strings and nulls. */
const parseTextArray = builtinParser(1009);

const TIMESTAMP_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-])(\d\d)(?::(\d\d))?)?$/;

/**
 * Values as rows-as-csv must write them to keep them exact and typed: the server's own text for
 * numbers (numeric and bigint digits kept), dates and JSON; booleans as true/false; bytea as bytes
 * (written as base64); timestamps as ISO 8601 — with a zone in UTC ending in Z, without a zone
 * with no offset (the import's time zone then applies). Anything else stays the server's text.
 */
const PARSERS = new Map<number, (text: string) => unknown>([
  [OID.bool, (text) => text === 't'],
  [OID.bytea, builtinParser(OID.bytea)],
  [OID.timestamp, isoTimestamp],
  [OID.timestamptz, isoTimestamp],
]);

const asText = (text: string) => text;

const TYPES = {
  getTypeParser(oid: number): (text: string) => unknown {
    const parser = PARSERS.get(oid);
    if (parser) return parser;
    const element = ARRAY_ELEMENTS.get(oid);
    return element ? (text) => arrayAsJson(text, element) : asText;
  },
};

/** PostgreSQL through node-postgres: a cursor (pg-query-stream) in a READ ONLY transaction. */
export const postgresDriver: SqlDriver = {
  async query(connection, settings, sql, maxRows, context) {
    checkReadOnlySelect(sql, 'postgres');
    const { client, where } = await connectPostgres(connection, settings, context);
    const release = () => void client.end().catch(() => undefined);
    try {
      await client.query('BEGIN TRANSACTION READ ONLY');
      const since = context.since
        ? sinceOf(await describe(client, statementBody(sql, 'postgres')), context.since)
        : null;
      const text = since ? incrementalQuery(sql, 'postgres', since.column, since.type, '$1') : sql;
      const batch = Math.max(1, Math.min(maxRows, BATCH_ROWS));
      const stream = client.query(
        new QueryStream(text, since ? [since.value] : [], {
          rowMode: 'array',
          types: TYPES,
          batchSize: batch,
        }),
      );
      const batches = portalBatches(stream.cursor as PortalCursor, batch, maxRows);
      const first = await batches.next();
      // The row description came before the first batch.
      const fields = (stream._result as { fields: pg.FieldDef[] }).fields;
      return sourceRows({
        columns: fields.map((field) => ({
          name: field.name,
          type: COLUMN_TYPES.get(field.dataTypeID) ?? null,
        })),
        cursor: { batches, first },
        maxRows,
        convert: null,
        mapError: (error) => postgresError(error, where),
        release,
        signal: context.signal,
      });
    } catch (error) {
      release();
      throw postgresError(error, where);
    }
  },

  async copyCsv(connection, settings, sql, context) {
    checkReadOnlySelect(sql, 'postgres');
    const { client, where } = await connectPostgres(connection, settings, context);
    const release = () => void client.end().catch(() => undefined);
    try {
      await client.query('BEGIN TRANSACTION READ ONLY');
      const query = statementBody(sql, 'postgres');
      const fields = await describe(client, query);
      const since = context.since ? sinceOf(fields, context.since) : null;
      let source = query;
      if (since) {
        // COPY takes no parameters. The cursor is bound to set_config's parameter instead, as a
        // setting of this transaction only, and the COPY's query reads it back with
        // current_setting(): the value never enters a statement's text, and COPY stays the way
        // rows are read (an index on the column still serves the comparison).
        await client.query({ text: "SELECT set_config('intake.since', $1, true)", values: [since.value] });
        source = incrementalQuery(
          query,
          'postgres',
          since.column,
          since.type,
          "current_setting('intake.since')",
        );
      }
      const statement = copyStatement(source, fields, JSON_ARRAY_TYPES);
      if (statement === null) {
        release();
        return null;
      }
      const copy = client.query(copyTo(statement));
      return csvStream(copy, (error) => postgresError(error, where), release, context.signal);
    } catch (error) {
      release();
      throw postgresError(error, where);
    }
  },

  async tables(connection, settings, context) {
    const { client, where } = await connectPostgres(connection, settings, context);
    try {
      const result = await client.query<TableColumnRow>(TABLES_SQL);
      return groupTables(result.rows);
    } catch (error) {
      throw postgresError(error, where);
    } finally {
      await client.end().catch(() => undefined);
    }
  },

  async test(connection, settings, context) {
    const { client, where } = await connectPostgres(connection, settings, context);
    try {
      await client.query('SELECT 1');
    } catch (error) {
      throw postgresError(error, where);
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};

/** The columns (names and types) of a query without a row: planned, not run. */
async function describe(client: pg.Client, query: string): Promise<pg.FieldDef[]> {
  const described = await client.query({
    text: `SELECT * FROM (\n${query}\n) AS intake_source LIMIT 0`,
    rowMode: 'array',
  });
  return described.fields;
}

/** How a PostgreSQL type compares with an incremental run's cursor (see SinceType). */
const SINCE_TYPES = new Map<number, SinceType>([
  [OID.timestamptz, 'instant'],
  [OID.timestamp, 'wall'],
  [OID.int2, 'unix'],
  [OID.int4, 'unix'],
  [OID.int8, 'unix'],
  [OID.float4, 'unix'],
  [OID.float8, 'unix'],
  [OID.numeric, 'unix'],
]);

/**
 * The condition of an incremental run on this query's columns: the time field's type and the
 * cursor's bound value, or null when the database cannot compare it exactly (a text column, a
 * name the query has twice or not at all): the run then reads every row and skips the older ones.
 */
function sinceOf(
  fields: readonly pg.FieldDef[],
  since: SinceCondition,
): { column: string; type: SinceType; value: string } | null {
  const matches = fields.filter((field) => field.name === since.column);
  const type = matches.length === 1 ? SINCE_TYPES.get(matches[0]!.dataTypeID) : undefined;
  const value = type ? sinceValue(since, type, 'postgres') : null;
  return type && value !== null ? { column: since.column, type, value: String(value) } : null;
}

/** Array types COPY writes as JSON lists, as the cursor path's parsers do. */
const JSON_ARRAY_TYPES: ReadonlySet<number> = new Set(ARRAY_ELEMENTS.keys());

/**
 * COPY's CSV (its header row first) as one stream of bytes: its errors coded, the connection ended
 * when the stream ends, fails, is destroyed (a run read enough) or the run is cancelled.
 */
function csvStream(
  copy: Readable,
  mapError: (error: unknown) => unknown,
  release: () => void,
  signal: AbortSignal | undefined,
): SourceBytes {
  let bytesRead = 0;
  const out = new PassThrough();
  copy.on('data', (chunk: Buffer) => (bytesRead += chunk.length));
  copy.on('error', (error) => out.destroy(mapError(error) as Error));
  copy.pipe(out);
  const abort = () => out.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  out.on('close', () => {
    signal?.removeEventListener('abort', abort);
    copy.destroy();
    release();
  });
  return { stream: out, size: null, bytesRead: () => bytesRead };
}

/** What the driver uses of pg-cursor, the portal under pg-query-stream. */
interface PortalCursor {
  read(rows: number): Promise<unknown[][]>;
}

/**
 * A portal's rows, `batch` at a time, read straight from the cursor under pg-query-stream (its
 * per-row Readable costs more than the rows' parsing). The next batch is asked for before this
 * one is handed over, so the server computes it while the reader works: waiting for batches was a
 * fifth of a staging's time. Never more than `maxRows` are asked for.
 */
async function* portalBatches(
  cursor: PortalCursor,
  batch: number,
  maxRows: number,
): AsyncGenerator<unknown[][]> {
  let asked = batch;
  let pending = cursor.read(batch);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) return;
    const more = rows.length === batch && asked < maxRows;
    if (more) {
      asked += batch;
      pending = cursor.read(batch);
      // A reader that stops early leaves this read behind: its failure is nobody's to hear.
      pending.catch(() => undefined);
    }
    yield rows;
    if (!more) return;
  }
}

/**
 * A connected, logged-in client within the connect timeout, and how errors name its server;
 * coded errors otherwise. Sessions are read-only unless `writable` (the PostgreSQL destination).
 */
export async function connectPostgres(
  connection: ResolvedConnection,
  sqlSettings: Parameters<SqlDriver['test']>[1],
  context: ConnectorContext,
  { writable = false } = {},
): Promise<{ client: pg.Client; where: ServerTarget }> {
  // sqlDriverOf chose this driver for these settings.
  if (sqlSettings.kind !== 'postgres')
    throw new Error(`The PostgreSQL driver got ${sqlSettings.kind} settings.`);
  const settings: PostgresSettings = sqlSettings;
  const where = serverTarget('PostgreSQL', connection, settings);
  const timeoutMs = connectTimeoutMs(context);
  const client = new pg.Client({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    // PostgreSQL's own default: the database named like the user.
    database: settings.database || settings.user,
    ...(connection.secret !== null ? { password: connection.secret } : {}),
    connectionTimeoutMillis: timeoutMs,
    options: writable ? WRITABLE_SESSION_OPTIONS : SESSION_OPTIONS,
    application_name: 'Intake',
    keepAlive: true,
  });
  // A socket error while idle is reported to the read in progress; unhandled, it would end the worker.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { client, where };
  } catch (error) {
    void client.end().catch(() => undefined);
    if (error instanceof Error && /timeout expired|connection timeout/i.test(error.message)) {
      throw connectTimedOut(where, timeoutMs);
    }
    throw postgresError(error, where);
  }
}

/** A node-postgres failure as a coded error naming the connection, server and user. */
export function postgresError(error: unknown, where: ServerTarget): unknown {
  const reached = reachError(error, where);
  if (reached) return reached;
  if (!(error instanceof Error)) return error;
  const { code, position } = error as { code?: unknown; position?: unknown };
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) {
    if (/password must be a string|password authentication/i.test(error.message)) {
      return serverError(
        'AUTH',
        where,
        'The server asks for a password this connection does not have',
        error.message,
      );
    }
    if (/Connection terminated/i.test(error.message)) {
      return serverError('NETWORK', where, 'The server closed the connection', error.message);
    }
    return error;
  }
  const reason = typeof position === 'string' ? `${error.message} (at character ${position})` : error.message;
  if (code.startsWith('28')) {
    return serverError('AUTH', where, 'The server refused the user or password', reason, code);
  }
  if (code === '3D000') {
    return serverError(
      'NOT_FOUND',
      where,
      `The database "${String(where.details.database)}" does not exist`,
      reason,
      code,
    );
  }
  if (code === '42501') {
    return serverError('PERMISSION', where, `"${String(where.details.user)}" may not do this`, reason, code);
  }
  if (code === '25006') {
    return serverError(
      'VALIDATION',
      where,
      'The query tried to change data, and it runs read-only',
      reason,
      code,
    );
  }
  if (code.startsWith('08') || code.startsWith('53') || code.startsWith('57P')) {
    return serverError('NETWORK', where, 'The server cannot serve the connection now', reason, code);
  }
  return serverError('VALIDATION', where, 'The database refused the query', reason, code);
}

/** `2024-03-31 14:05:00.5+00` → `2024-03-31T14:05:00.5Z`; BC dates and infinity stay as written. */
function isoTimestamp(text: string): string {
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return text;
  const [, date, time, sign, hours, minutes] = match;
  if (!sign) return `${date}T${time}`;
  if (hours === '00' && (minutes ?? '00') === '00') return `${date}T${time}Z`;
  return `${date}T${time}${sign}${hours}:${minutes ?? '00'}`;
}

/** An array's text (`{1,2}`, `{"a b",NULL}`) as a JSON list, numbers written exactly as the server did. */
function arrayAsJson(text: string, element: 'number' | 'boolean' | 'text'): string {
  const parsed = parseTextArray(text) as unknown;
  const write = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
    if (value === null) return 'null';
    const entry = String(value);
    if (element === 'boolean') return entry === 't' ? 'true' : 'false';
    if (element === 'number' && /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(entry)) return entry;
    return JSON.stringify(entry);
  };
  return write(parsed);
}

interface TableColumnRow {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  column_name: string;
  database_type: string;
  type_oid: number;
}

/**
 * Tables, partitioned tables, views, materialized views and foreign tables outside the system
 * schemas, with their columns in order; a domain maps as its base type. From pg_catalog rather than
 * information_schema, which hides tables the user has no privilege on: the browser shows them, and
 * reading one then says PERMISSION.
 */
const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name,
       CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS kind,
       a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS database_type,
       (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END)::int AS type_oid
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
ORDER BY n.nspname, c.relname, a.attnum`;

function groupTables(rows: TableColumnRow[]): TableInfo[] {
  const tables: TableInfo[] = [];
  for (const row of rows) {
    let table = tables.at(-1);
    if (!table || table.schema !== row.schema || table.name !== row.name) {
      table = { schema: row.schema, name: row.name, kind: row.kind, columns: [] };
      tables.push(table);
    }
    table.columns.push({
      name: row.column_name,
      databaseType: row.database_type,
      type: COLUMN_TYPES.get(row.type_oid) ?? null,
    });
  }
  return tables;
}
