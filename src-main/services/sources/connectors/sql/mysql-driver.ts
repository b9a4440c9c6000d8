import { connect as connectSocket, type Socket } from 'node:net';
import mysql, { type Connection, type FieldPacket } from 'mysql2';
import type { ColumnType } from '../../../../../src-shared/model/column-type';
import type { ConnectionSettings } from '../../../../../src-shared/model/connection';
import type { TableInfo } from '../../../../../src-shared/model/schema';
import { reachError } from '../../connections/connection-errors';
import type { ResolvedConnection } from '../../connections/resolved-connection';
import type { ConnectorContext, SinceCondition } from '../connector';
import type { SqlDriver } from '../sql';
import {
  connectTimedOut,
  connectTimeoutMs,
  readableBatches,
  serverError,
  serverTarget,
  sourceRows,
  type ServerTarget,
} from './driver-support';
import { incrementalQuery, sinceValue, type SinceType } from './incremental-query';
import { checkReadOnlySelect, statementBody } from './select-guard';

type MysqlSettings = Extract<ConnectionSettings, { kind: 'mysql' }>;

/** Rows buffered between the socket and the reader; past it the socket is paused (back-pressure). */
const BUFFERED_ROWS = 2000;

/** The protocol's column types (MYSQL_TYPE_*). */
const TYPE = {
  decimal: 0,
  tiny: 1,
  short: 2,
  long: 3,
  float: 4,
  double: 5,
  timestamp: 7,
  longlong: 8,
  int24: 9,
  date: 10,
  datetime: 12,
  year: 13,
  newdate: 14,
  bit: 16,
  json: 245,
  newdecimal: 246,
} as const;

const NUMBER_TYPES = new Set<number>([
  TYPE.decimal,
  TYPE.tiny,
  TYPE.short,
  TYPE.long,
  TYPE.float,
  TYPE.double,
  TYPE.longlong,
  TYPE.int24,
  TYPE.year,
  TYPE.newdecimal,
]);

const DATETIME_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$/;

/**
 * MySQL and MariaDB through mysql2: the text protocol's rows streamed with the socket paused
 * while the reader is behind (MySQL has no cursor for a plain query), in a READ ONLY transaction.
 */
export const mysqlDriver: SqlDriver = {
  async query(connection, settings, sql, maxRows, context) {
    checkReadOnlySelect(sql, 'mysql');
    const { conn, close: release, where } = await connect(connection, settings, context);
    try {
      // TIMESTAMP values in UTC (written with Z); DATETIME has no zone and keeps none.
      await run(conn, "SET time_zone = '+00:00'");
      await run(conn, 'START TRANSACTION READ ONLY');
      const text = context.since ? await withSince(conn, sql, context.since) : sql;
      let fields: FieldPacket[] = [];
      const stream = conn.query({ sql: text, rowsAsArray: true }).stream({ highWaterMark: BUFFERED_ROWS });
      stream.on('fields', (received: FieldPacket[]) => {
        fields = received;
      });
      const batches = readableBatches(stream);
      const first = await batches.next();
      return sourceRows({
        columns: fields.map((field) => ({ name: field.name, type: columnTypeOf(field) })),
        cursor: { batches, first },
        maxRows,
        convert: rowConverter(fields),
        mapError: (error) => mysqlError(error, where),
        release,
        signal: context.signal,
      });
    } catch (error) {
      release();
      throw mysqlError(error, where);
    }
  },

  async tables(connection, settings, context) {
    const { conn, close, where } = await connect(connection, settings, context);
    try {
      const columns = await run(conn, TABLES_SQL);
      // MariaDB's JSON is LONGTEXT with a json_valid() check; MySQL's is a type of its own.
      const checks = await run(conn, JSON_CHECKS_SQL).catch(() => []);
      const json = new Set(checks.map(([schema, table, column]) => key(schema, table, column)));
      return groupTables(columns, json);
    } catch (error) {
      throw mysqlError(error, where);
    } finally {
      close();
    }
  },

  async test(connection, settings, context) {
    const { conn, close, where } = await connect(connection, settings, context);
    try {
      await run(conn, 'SELECT 1');
    } catch (error) {
      throw mysqlError(error, where);
    } finally {
      close();
    }
  },
};

/**
 * A connected, logged-in connection within the connect timeout, how to close it at once, and how
 * errors name its server.
 * Values come as the server wrote them where JavaScript would change them: DECIMAL and BIGINT
 * digits, DATE/DATETIME/TIMESTAMP text, JSON text. The socket is ours: mysql2's destroy() only
 * half-closes it, and a paused socket of a query cut short then never drains, so the server would
 * keep the session until its write timeout.
 */
async function connect(
  connection: ResolvedConnection,
  sqlSettings: Parameters<SqlDriver['test']>[1],
  context: ConnectorContext,
): Promise<{ conn: Connection; close: () => void; where: ServerTarget }> {
  // sqlDriverOf chose this driver for these settings.
  if (sqlSettings.kind !== 'mysql') throw new Error(`The MySQL driver got ${sqlSettings.kind} settings.`);
  const settings: MysqlSettings = sqlSettings;
  const where = serverTarget('MySQL', connection, settings);
  const timeoutMs = connectTimeoutMs(context);
  const socket: Socket = connectSocket({ host: settings.host, port: settings.port });
  const conn = mysql.createConnection({
    stream: socket,
    host: settings.host,
    port: settings.port,
    user: settings.user,
    ...(connection.secret !== null ? { password: connection.secret } : {}),
    ...(settings.database ? { database: settings.database } : {}),
    connectTimeout: timeoutMs,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    jsonStrings: true,
    multipleStatements: false,
  });
  // A socket error while idle is reported to the read in progress; unhandled, it would end the worker.
  conn.on('error', () => undefined);
  const close = () => {
    conn.destroy();
    socket.destroy();
  };
  try {
    await new Promise<void>((resolve, reject) =>
      conn.connect((error) => (error ? reject(error) : resolve())),
    );
    return { conn, close, where };
  } catch (error) {
    close();
    if ((error as { code?: unknown }).code === 'ETIMEDOUT') throw connectTimedOut(where, timeoutMs);
    throw mysqlError(error, where);
  }
}

/** One statement's rows, as arrays. */
function run(conn: Connection, sql: string): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    conn.query({ sql, rowsAsArray: true }, (error, rows) =>
      error ? reject(error) : resolve(rows as unknown[][]),
    );
  });
}

/**
 * The query with an incremental run's condition, or as it is when the database cannot compare the
 * time field exactly (see SinceType; a column the query lacks, or has twice). The rows come through
 * the text protocol, whose values are what the preview showed; it has no parameters, so the cursor
 * is bound to a server-side prepared `SET` of a session variable, which the query reads: the
 * value never enters a statement's text.
 */
async function withSince(conn: Connection, sql: string, since: SinceCondition): Promise<string> {
  const body = statementBody(sql, 'mysql');
  // The columns without a row. A query MySQL cannot wrap (duplicate column names) is read whole.
  const fields = await new Promise<FieldPacket[] | null>((resolve) => {
    conn.query({ sql: `SELECT * FROM (\n${body}\n) AS intake_source LIMIT 0` }, (error, _rows, described) =>
      resolve(error ? null : (described ?? null)),
    );
  });
  const matches = fields?.filter((field) => field.name === since.column) ?? [];
  const type = matches.length === 1 ? sinceTypeOf(matches[0]!) : null;
  const value = type ? sinceValue(since, type, 'mysql') : null;
  if (!type || value === null) return sql;
  await new Promise<void>((resolve, reject) => {
    conn.execute('SET @intake_since = ?', [value], (error) => (error ? reject(error) : resolve()));
  });
  return incrementalQuery(sql, 'mysql', since.column, type, '@intake_since');
}

/** How a result column compares with an incremental run's cursor, or null: no condition. */
function sinceTypeOf(field: FieldPacket): SinceType | null {
  if (columnTypeOf(field) === 'number' && (field.columnType ?? field.type) !== TYPE.year) return 'unix';
  const type = field.columnType ?? field.type;
  return type === TYPE.timestamp ? 'instant' : type === TYPE.datetime ? 'wall' : null;
}

/**
 * The import type of a result column. TINYINT(1) is a boolean: it is what MySQL's BOOLEAN is, and
 * what MySQL's own connectors read as one; a plain TINYINT has width 4. BIT(1) too. MariaDB's JSON
 * (LONGTEXT underneath) is told by its extended metadata.
 */
function columnTypeOf(field: FieldPacket): ColumnType | null {
  const type = field.columnType ?? field.type;
  if (field.extendedFormat === 'json' || type === TYPE.json) return 'json';
  if ((type === TYPE.tiny || type === TYPE.bit) && field.columnLength === 1) return 'boolean';
  if (type === TYPE.bit) return 'number';
  if (type !== undefined && NUMBER_TYPES.has(type)) return 'number';
  if (type === TYPE.date || type === TYPE.newdate) return 'date';
  if (type === TYPE.datetime || type === TYPE.timestamp) return 'datetime';
  return null;
}

/**
 * What changes in a row so rows-as-csv writes each value as its type reads: a boolean's 0/1 as
 * false/true (any other TINYINT(1) value stays a number, to be seen, not guessed), BIT(n) bytes as
 * an integer, DATETIME as ISO 8601 without offset and TIMESTAMP (UTC here) with Z. Null when
 * nothing needs to.
 */
function rowConverter(fields: FieldPacket[]): ((row: unknown[]) => unknown[]) | null {
  const converters: [number, (value: unknown) => unknown][] = [];
  fields.forEach((field, index) => {
    const type = field.columnType ?? field.type;
    if (type === TYPE.tiny && field.columnLength === 1) converters.push([index, tinyBoolean]);
    else if (type === TYPE.bit) converters.push([index, field.columnLength === 1 ? bitBoolean : bitInteger]);
    else if (type === TYPE.datetime) converters.push([index, (value) => isoDatetime(value, '')]);
    else if (type === TYPE.timestamp) converters.push([index, (value) => isoDatetime(value, 'Z')]);
  });
  if (converters.length === 0) return null;
  return (row) => {
    for (const [index, convert] of converters) if (row[index] !== null) row[index] = convert(row[index]);
    return row;
  };
}

function tinyBoolean(value: unknown): unknown {
  return value === 1 ? true : value === 0 ? false : value;
}

function bitBoolean(value: unknown): unknown {
  return Buffer.isBuffer(value) && value.length === 1 ? value[0] !== 0 : value;
}

function bitInteger(value: unknown): unknown {
  return Buffer.isBuffer(value) ? BigInt(`0x${value.toString('hex') || '0'}`) : value;
}

/** `2024-03-31 14:05:00.500000` → `2024-03-31T14:05:00.500000` + zone; zero dates stay as written. */
function isoDatetime(value: unknown, zone: string): unknown {
  if (typeof value !== 'string' || value.startsWith('0000-')) return value;
  const match = DATETIME_TEXT.exec(value);
  return match ? `${match[1]}T${match[2]}${zone}` : value;
}

/** A mysql2 failure as a coded error naming the connection, server and user. */
function mysqlError(error: unknown, where: ServerTarget): unknown {
  if (!(error instanceof Error)) return error;
  const { code, sqlMessage } = error as { code?: unknown; sqlMessage?: unknown };
  const reason = typeof sqlMessage === 'string' ? sqlMessage : error.message;
  switch (code) {
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
    case 'ER_HOST_NOT_PRIVILEGED':
      return serverError('AUTH', where, 'The server refused the user or password', reason, code);
    case 'ER_BAD_DB_ERROR':
      return serverError(
        'NOT_FOUND',
        where,
        `The database "${String(where.details.database)}" does not exist`,
        reason,
        code,
      );
    case 'ER_DBACCESS_DENIED_ERROR':
      // MySQL answers so for a database that does not exist too, unless the user may see them all.
      return serverError(
        'PERMISSION',
        where,
        `"${String(where.details.user)}" may not use the database "${String(where.details.database)}", or it does not exist`,
        reason,
        code,
      );
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
    case 'ER_PROCACCESS_DENIED_ERROR':
      return serverError(
        'PERMISSION',
        where,
        `"${String(where.details.user)}" may not do this`,
        reason,
        code,
      );
    case 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION':
      return serverError(
        'VALIDATION',
        where,
        'The query tried to change data, and it runs read-only',
        reason,
        code,
      );
    case 'PROTOCOL_CONNECTION_LOST':
    case 'ER_CON_COUNT_ERROR':
    case 'ER_SERVER_SHUTDOWN':
      return serverError('NETWORK', where, 'The server cannot serve the connection now', reason, code);
  }
  const reached = reachError(error, where);
  if (reached) return reached;
  if (typeof code === 'string' && typeof sqlMessage === 'string') {
    return serverError('VALIDATION', where, 'The database refused the query', reason, code);
  }
  return error;
}

/** Columns of the tables and views outside the system schemas that the user can see, in order. */
const TABLES_SQL = `
SELECT c.TABLE_SCHEMA, c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.COLUMN_TYPE, c.DATA_TYPE
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION`;

/** MariaDB's JSON columns: those with a json_valid(`column`) check (MySQL has no TABLE_NAME here). */
const JSON_CHECKS_SQL = `
SELECT CONSTRAINT_SCHEMA, TABLE_NAME, SUBSTRING(CHECK_CLAUSE, 13, CHAR_LENGTH(CHECK_CLAUSE) - 14)
FROM information_schema.CHECK_CONSTRAINTS
WHERE CHECK_CLAUSE LIKE 'json\\_valid(\`%\`)'`;

function key(...parts: unknown[]): string {
  return JSON.stringify(parts.map(String));
}

function groupTables(rows: unknown[][], json: Set<string>): TableInfo[] {
  const tables: TableInfo[] = [];
  for (const [schema, name, tableType, column, columnType, dataType] of rows.map((row) => row.map(String))) {
    let table = tables.at(-1);
    if (!table || table.schema !== schema || table.name !== name) {
      table = { schema: schema!, name: name!, kind: tableType === 'VIEW' ? 'view' : 'table', columns: [] };
      tables.push(table);
    }
    table.columns.push({
      name: column!,
      databaseType: columnType!,
      type: json.has(key(schema, name, column)) ? 'json' : declaredType(dataType!, columnType!),
    });
  }
  return tables;
}

/** The import type of a declared column (information_schema's DATA_TYPE and COLUMN_TYPE). */
function declaredType(dataType: string, columnType: string): ColumnType | null {
  const type = dataType.toLowerCase();
  if (/^(?:tinyint\(1\)|bit\(1\))(?:\s|$)/i.test(columnType)) return 'boolean';
  if (
    /^(?:tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|year|bit)$/.test(
      type,
    )
  )
    return 'number';
  if (type === 'date') return 'date';
  if (type === 'datetime' || type === 'timestamp') return 'datetime';
  if (type === 'json') return 'json';
  return null;
}
