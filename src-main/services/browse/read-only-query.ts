import { existsSync } from 'node:fs';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { leadingKeyword, skipLeadingComments } from './leading-keyword';

/** Rows a query returns unless told otherwise: enough to read in a terminal, not a whole table. */
export const DEFAULT_MAX_ROWS = 1000;

export interface ReadOnlyQueryOptions {
  /** Path of a better-sqlite3 binary built for another ABI (the Electron shell's). */
  nativeBinding?: string;
  /** Rows to return at most; more set `truncated`. */
  maxRows?: number;
}

/** What a query returned: column names, rows as arrays in column order, and whether rows were cut. */
export interface QueryRows {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

const ALLOWED_KEYWORDS = new Set(['SELECT', 'WITH']);
const SNIPPET_LENGTH = 40;

/**
 * Runs one SELECT (or WITH … SELECT) on a workspace database, for `intake workspace query`. Three
 * guards, each catching what another lets through: the connection is read-only (SQLite
 * itself refuses writes, ATTACH of a new file included); the first keyword must be SELECT or WITH
 * (refusing PRAGMA and the like, which may read but also set); and SQLite's own view of the
 * prepared statement must be a reader that is read-only (catching WITH … DELETE). better-sqlite3
 * refuses a second statement in the text. SQLite's errors come back as VALIDATION with its message.
 */
export function runReadOnlyQuery(
  databasePath: string,
  sql: string,
  options: ReadOnlyQueryOptions = {},
): QueryRows {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1) {
    throw new IntakeError(
      'VALIDATION',
      `The row limit must be a whole number of at least 1; got ${maxRows}.`,
    );
  }
  if (!ALLOWED_KEYWORDS.has(leadingKeyword(sql))) throw refusal(describe(sql));
  if (!existsSync(databasePath)) {
    throw new IntakeError('NOT_FOUND', `No workspace database at ${databasePath}.`, { path: databasePath });
  }
  const db = openReadOnly(databasePath, options.nativeBinding);
  try {
    const statement = prepareSelect(db, sql);
    return collectRows(statement, maxRows);
  } catch (error) {
    throw asValidation(error);
  } finally {
    db.close();
  }
}

function openReadOnly(databasePath: string, nativeBinding: string | undefined): Database {
  try {
    return new BetterSqlite3(databasePath, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    if (!(error instanceof BetterSqlite3.SqliteError)) throw error;
    throw new IntakeError('IO', `Cannot open the workspace database ${databasePath}: ${error.message}`, {
      path: databasePath,
      sqliteCode: error.code,
    });
  }
}

function prepareSelect(db: Database, sql: string): Statement {
  const statement = db.prepare(sql);
  if (!statement.reader || !statement.readonly) throw refusal(describe(sql));
  return statement;
}

function collectRows(statement: Statement, maxRows: number): QueryRows {
  const columns = statement.columns().map((column) => column.name);
  const rows: unknown[][] = [];
  let truncated = false;
  for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
    if (rows.length === maxRows) {
      // Leaving the loop ends the iteration, which resets the statement.
      truncated = true;
      break;
    }
    rows.push(row);
  }
  return { columns, rows, truncated };
}

function refusal(what: string): IntakeError {
  return new IntakeError(
    'VALIDATION',
    `Only a single SELECT statement can be run on the workspace; got ${what}`,
  );
}

/** The statement's start, on one line, for a refusal: "INSERT INTO customers (id, created_at)…". */
function describe(sql: string): string {
  const text = skipLeadingComments(sql).replace(/\s+/g, ' ').trim();
  if (text === '') return 'no statement';
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}

/** SQLite's and better-sqlite3's refusals (syntax, no such table, a second statement) as VALIDATION. */
function asValidation(error: unknown): unknown {
  if (error instanceof IntakeError) return error;
  if (error instanceof RangeError && /more than one statement/.test(error.message)) {
    return refusal('more than one statement');
  }
  if (error instanceof RangeError && /parameter values/.test(error.message)) {
    return new IntakeError('VALIDATION', 'The query has parameters (? or :name); write the values into it.');
  }
  if (error instanceof BetterSqlite3.SqliteError) {
    return new IntakeError('VALIDATION', error.message, { sqliteCode: error.code });
  }
  return error;
}
