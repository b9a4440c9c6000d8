import type { ConnectionSettings } from '../../../../src-shared/model/connection';
import type { TableInfo } from '../../../../src-shared/model/schema';
import { redactSecrets } from '../../errors/redact';
import { checkSelectText } from '../../workspace/read-only-query';
import { settingsOf, type ResolvedConnection } from '../connections/resolved-connection';
import type { ConnectorContext, RowConnector, SourceBytes, SourceRows } from './connector';

/** The connection kinds a SQL source reads. */
export const SQL_KINDS = ['postgres', 'mysql', 'sqlite'] as const;
export type SqlKind = (typeof SQL_KINDS)[number];

/** One database engine behind the SQL source. */
export interface SqlDriver {
  /**
   * The rows of one SELECT, streamed from a cursor (never loaded whole), at most `maxRows`, in a
   * read-only transaction; column types from the driver's metadata (numbers, booleans, dates,
   * timestamps, JSON kept typed). Errors are coded: AUTH, NETWORK, TIMEOUT, NOT_FOUND (database),
   * PERMISSION, VALIDATION (the database's own refusal of the query).
   */
  query(
    connection: ResolvedConnection,
    settings: Extract<ConnectionSettings, { kind: SqlKind }>,
    sql: string,
    maxRows: number,
    context: ConnectorContext,
  ): Promise<SourceRows>;
  /**
   * The whole result as CSV bytes the database writes itself (header row first; values as
   * rows-as-csv writes the cursor's rows), when the engine can: staging then never builds a row
   * object (PostgreSQL's COPY). Null when this query cannot be copied; the cursor is used then.
   */
  copyCsv?(
    connection: ResolvedConnection,
    settings: Extract<ConnectionSettings, { kind: SqlKind }>,
    sql: string,
    context: ConnectorContext,
  ): Promise<SourceBytes | null>;
  /** Schemas, tables and views with their columns, for the schema browser. */
  tables(
    connection: ResolvedConnection,
    settings: Extract<ConnectionSettings, { kind: SqlKind }>,
    context: ConnectorContext,
  ): Promise<TableInfo[]>;
  /** Connects and authenticates (a connection test); coded errors as `query`. */
  test(
    connection: ResolvedConnection,
    settings: Extract<ConnectionSettings, { kind: SqlKind }>,
    context: ConnectorContext,
  ): Promise<void>;
}

/**
 * Each driver is loaded when first used: pg and mysql2 cost every process that starts (the CLI,
 * each worker thread) tens of megabytes and most of a second otherwise, used or not.
 */
const DRIVERS: Record<SqlKind, () => Promise<SqlDriver>> = {
  postgres: async () => (await import('./sql/postgres-driver')).postgresDriver,
  mysql: async () => (await import('./sql/mysql-driver')).mysqlDriver,
  sqlite: async () => (await import('./sql/sqlite-driver')).sqliteDriver,
};

/** The driver of a SQL connection, and its settings. */
export async function sqlDriverOf(connection: ResolvedConnection | null | undefined) {
  const settings = settingsOf(connection, SQL_KINDS, 'A database query');
  return { driver: await DRIVERS[settings.kind](), settings, connection: connection! };
}

/**
 * A SELECT on a database connection (PostgreSQL, MySQL/MariaDB, SQLite). Anything but one SELECT
 * (or WITH … SELECT) is refused here, before it reaches the server; the drivers also run it in a
 * read-only transaction, and the README tells users to connect with a SELECT-only role.
 */
export const sqlConnector: RowConnector<'sql'> = {
  kind: 'sql',
  reads: 'rows',
  describe(spec) {
    const text = redactSecrets(spec.query.replace(/\s+/g, ' ').trim());
    return {
      name: 'Database query',
      detail: text.length > 80 ? `${text.slice(0, 80)}…` : text,
      changes: true,
    };
  },
  fingerprint: () => Promise.resolve(null),
  // A preview shows the query's rows as they are: never an incremental run's filtered ones.
  head: (spec, maxRows, context) => run(spec.query, maxRows, { ...context, since: undefined }),
  fetch: (spec, context) => run(spec.query, Infinity, context),
  async fetchCsv(spec, context) {
    checkSelectText(spec.query, 'a database source');
    const { driver, settings, connection } = await sqlDriverOf(context.connection);
    return driver.copyCsv ? driver.copyCsv(connection, settings, spec.query, context) : null;
  },
};

async function run(query: string, maxRows: number, context: ConnectorContext): Promise<SourceRows> {
  checkSelectText(query, 'a database source');
  const { driver, settings, connection } = await sqlDriverOf(context.connection);
  return driver.query(connection, settings, query, maxRows, context);
}
