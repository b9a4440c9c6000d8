import { existsSync } from 'node:fs';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { IntakeError } from '../../../../../src-shared/errors';
import type { ColumnType } from '../../../../../src-shared/model/column-type';
import type { ConnectionSettings } from '../../../../../src-shared/model/connection';
import type { TableInfo } from '../../../../../src-shared/model/schema';
import { prepareReadOnlySelect } from '../../../workspace/read-only-query';
import type { ResolvedConnection } from '../../connections/resolved-connection';
import type { ConnectorContext, SinceCondition, SourceColumn, SourceRows } from '../connector';
import type { SqlDriver } from '../sql';
import { serverError, type ServerTarget } from './driver-support';
import { incrementalQuery, sinceValue } from './incremental-query';
import { checkReadOnlySelect } from './select-guard';

type SqliteSettings = Extract<ConnectionSettings, { kind: 'sqlite' }>;

const DATETIME_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/;

/**
 * A SQLite file through better-sqlite3, guarded like a workspace query: opened read-only (SQLite
 * itself refuses writes), and the prepared statement must be a reader SQLite sees as read-only.
 * Rows step from the statement one at a time; integers come as BigInt, so none loses digits.
 */
export const sqliteDriver: SqlDriver = {
  // Synchronous underneath (better-sqlite3); async so that every failure arrives as a rejection.
  async query(connection, settings, sql, maxRows, context) {
    checkReadOnlySelect(sql, 'sqlite');
    const { db, where } = open(connection, settings, context);
    try {
      const statement = prepareReadOnlySelect(db, sql).raw(true).safeIntegers(true);
      // The columns as the query itself declares them, also when its rows come through the wrapper.
      const columns = statement
        .columns()
        .map((column) => ({ name: column.name, type: declaredType(column.type) }));
      const since = context.since ? sinceOf(columns, context.since) : null;
      if (since) {
        const wrapped = incrementalQuery(sql, 'sqlite', since.column, 'unix', '?');
        const filtered = prepareReadOnlySelect(db, wrapped).raw(true).safeIntegers(true);
        return rowSource(db, filtered, columns, maxRows, where, [since.value]);
      }
      return rowSource(db, statement, columns, maxRows, where);
    } catch (error) {
      db.close();
      throw sqliteError(error, where);
    }
  },

  async tables(connection, settings, context) {
    const { db, where } = open(connection, settings, context);
    try {
      const tables = db
        .prepare(
          "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )
        .all() as { name: string; type: 'table' | 'view' }[];
      const columnsOf = db.prepare('SELECT name, type FROM pragma_table_info(?) ORDER BY cid');
      return tables.map((table): TableInfo => ({
        schema: null,
        name: table.name,
        kind: table.type,
        columns: (columnsOf.all(table.name) as { name: string; type: string }[]).map((column) => ({
          name: column.name,
          databaseType: column.type,
          type: declaredType(column.type),
        })),
      }));
    } catch (error) {
      throw sqliteError(error, where);
    } finally {
      db.close();
    }
  },

  async test(connection, settings, context) {
    const { db, where } = open(connection, settings, context);
    try {
      // Opening succeeds on any file; reading the schema tells a database from something else.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      throw sqliteError(error, where);
    } finally {
      db.close();
    }
  },
};

/** The file, read-only (never created), and how errors name it: NOT_FOUND when it is not there. */
function open(
  connection: ResolvedConnection,
  sqlSettings: Parameters<SqlDriver['test']>[1],
  context: ConnectorContext,
): { db: Database; where: ServerTarget } {
  // sqlDriverOf chose this driver for these settings.
  if (sqlSettings.kind !== 'sqlite') throw new Error(`The SQLite driver got ${sqlSettings.kind} settings.`);
  const settings: SqliteSettings = sqlSettings;
  const where: ServerTarget = {
    connection: connection.name,
    target: `SQLite file ${settings.path}`,
    details: { connection: connection.name, path: settings.path },
  };
  if (!existsSync(settings.path)) {
    throw serverError('NOT_FOUND', where, 'The database file does not exist', settings.path);
  }
  try {
    const db = new BetterSqlite3(settings.path, {
      readonly: true,
      fileMustExist: true,
      ...(context.nativeBinding ? { nativeBinding: context.nativeBinding } : {}),
    });
    return { db, where };
  } catch (error) {
    throw sqliteError(error, where);
  }
}

/**
 * An incremental run's condition, when SQLite can compare exactly: on values stored as numbers
 * (UNIX seconds), bound as the cursor's whole second; SQLite has no timestamp type, and text in
 * the column passes the condition, to be compared by the run (see incrementalQuery).
 */
function sinceOf(columns: SourceColumn[], since: SinceCondition): { column: string; value: number } | null {
  if (columns.filter((column) => column.name === since.column).length !== 1) return null;
  const value = sinceValue(since, 'unix', 'sqlite');
  return typeof value === 'number' ? { column: since.column, value } : null;
}

/** The statement's rows, at most `maxRows`, the file closed when they end or the reader stops. */
function rowSource(
  db: Database,
  statement: Statement,
  columns: SourceColumn[],
  maxRows: number,
  where: ServerTarget,
  parameters: unknown[] = [],
): SourceRows {
  const convert = rowConverter(columns);
  let iterator: IterableIterator<unknown[]> | null = null;
  const close = () => {
    // The statement must be reset before its database closes.
    iterator?.return?.();
    if (db.open) db.close();
  };
  function* rows(): Generator<unknown[]> {
    try {
      if (maxRows < 1) return;
      iterator = statement.iterate(...parameters) as IterableIterator<unknown[]>;
      let count = 0;
      for (;;) {
        let next: IteratorResult<unknown[]>;
        try {
          next = iterator.next();
        } catch (error) {
          throw sqliteError(error, where);
        }
        if (next.done) return;
        yield convert ? convert(next.value) : next.value;
        if (++count >= maxRows) return;
      }
    } finally {
      close();
    }
  }
  return { columns, rows: rows(), close };
}

/**
 * A declared column type as SQLite's affinity rules read it, refined where the name says more:
 * BOOLEAN, DATE, DATETIME/TIMESTAMP and JSON. An expression has no declared type: detection reads
 * its values.
 */
function declaredType(declared: string | null): ColumnType | null {
  const type = declared?.toUpperCase() ?? '';
  if (/BOOL/.test(type)) return 'boolean';
  if (/DATETIME|TIMESTAMP/.test(type)) return 'datetime';
  if (/DATE/.test(type)) return 'date';
  if (/JSON/.test(type)) return 'json';
  if (/INT|REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(type)) return 'number';
  return null;
}

/** Booleans stored as 0/1 written as false/true; `YYYY-MM-DD HH:MM:SS` datetimes with a T. */
function rowConverter(columns: SourceColumn[]): ((row: unknown[]) => unknown[]) | null {
  const booleans = columns.flatMap((column, index) => (column.type === 'boolean' ? [index] : []));
  const datetimes = columns.flatMap((column, index) => (column.type === 'datetime' ? [index] : []));
  if (booleans.length === 0 && datetimes.length === 0) return null;
  return (row) => {
    for (const index of booleans) {
      const value = row[index];
      if (value === 0n || value === 1n) row[index] = value === 1n;
    }
    for (const index of datetimes) {
      const value = row[index];
      const match = typeof value === 'string' ? DATETIME_TEXT.exec(value) : null;
      if (match) row[index] = `${match[1]}T${match[2]}`;
    }
    return row;
  };
}

/** SQLite's refusals as coded errors naming the connection and the file. */
function sqliteError(error: unknown, where: ServerTarget): unknown {
  if (error instanceof IntakeError) {
    return error.code === 'VALIDATION' && !error.message.includes(where.connection)
      ? new IntakeError(error.code, `${error.message} (connection "${where.connection}", ${where.target})`, {
          ...where.details,
          ...error.details,
        })
      : error;
  }
  if (!(error instanceof BetterSqlite3.SqliteError)) return error;
  if (error.code === 'SQLITE_NOTADB') {
    return serverError('VALIDATION', where, 'The file is not a SQLite database', error.message, error.code);
  }
  if (error.code.startsWith('SQLITE_CANTOPEN')) {
    return serverError('IO', where, 'The database file cannot be opened', error.message, error.code);
  }
  if (error.code.startsWith('SQLITE_AUTH') || error.code.startsWith('SQLITE_PERM')) {
    return serverError('PERMISSION', where, 'SQLite refused access', error.message, error.code);
  }
  return serverError('VALIDATION', where, 'SQLite refused the query', error.message, error.code);
}
