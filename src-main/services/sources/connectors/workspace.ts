import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import { openReadOnlyWorkspace, prepareReadOnlySelect } from '../../workspace/read-only-query';
import { DATABASE_FILE } from '../../workspace/workspace-files';
import type { ConnectorContext, RowConnector, SourceColumn, SourceRows } from './connector';

/** The query's start shown as the source's detail. */
const DETAIL_CHARS = 80;

/**
 * A read-only SELECT over the workspace's own data (the seed's "data from your analyses"), guarded
 * exactly like `intake workspace query`: the text must start with SELECT or WITH, the connection is
 * read-only, and SQLite must see the prepared statement as a read-only reader. Rows stream from
 * the statement; a preview stops after its rows instead of running the query to its end.
 */
export const workspaceQueryConnector: RowConnector<'workspace'> = {
  kind: 'workspace',
  reads: 'rows',
  describe(spec) {
    const text = spec.query.replace(/\s+/g, ' ').trim();
    return {
      name: 'Workspace query',
      detail: text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS)}…` : text,
      changes: true,
    };
  },
  // The data changes with every run; nothing cheap tells, so previews are read afresh.
  fingerprint: () => Promise.resolve(null),
  head: (spec, maxRows, context) => Promise.resolve(queryRows(spec.query, context, maxRows)),
  fetch: (spec, context) => Promise.resolve(queryRows(spec.query, context, Infinity)),
};

/** The query's rows (at most `maxRows`), from a read-only connection closed with them. */
function queryRows(query: string, context: ConnectorContext, maxRows: number): SourceRows {
  const db = openReadOnlyWorkspace(join(context.workspaceDir, DATABASE_FILE), context.nativeBinding);
  try {
    const statement = prepareReadOnlySelect(db, query);
    return {
      columns: columnsOf(statement),
      rows: rowsOf(db, statement, maxRows),
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function* rowsOf(db: Database, statement: Statement, maxRows: number): Generator<unknown[]> {
  let count = 0;
  try {
    for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
      if (count++ >= maxRows) return;
      yield row;
    }
  } finally {
    if (db.open) db.close();
  }
}

/**
 * Column names, and a type where SQLite declares one for a table's column (INTEGER, REAL): an
 * expression's values are typed by what they hold, which detection reads from the text.
 */
function columnsOf(statement: Statement): SourceColumn[] {
  return statement.columns().map((column) => ({ name: column.name, type: declaredType(column.type) }));
}

function declaredType(declared: string | null): ColumnType | null {
  const type = declared?.toUpperCase() ?? '';
  if (/INT|REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(type)) return 'number';
  if (/BOOL/.test(type)) return 'boolean';
  return null;
}
