import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { leadingKeyword, skipLeadingComments } from './leading-keyword';
import { CONTROL_FILE, CONTROL_SCHEMA } from './workspace-files';

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
  checkSelectText(sql);
  const db = openReadOnlyWorkspace(databasePath, options.nativeBinding);
  try {
    return collectRows(prepareReadOnlySelect(db, sql), maxRows);
  } finally {
    db.close();
  }
}

/**
 * The first guard, before anything is opened: the text must start with SELECT or WITH. `where`
 * names what it would run on in the refusal ("the workspace", "the database").
 */
export function checkSelectText(sql: string, where = 'the workspace'): void {
  if (!ALLOWED_KEYWORDS.has(leadingKeyword(sql))) throw refusal(describe(sql), where);
}

/**
 * A read-only connection to a workspace database, with the control database (runs, imports…)
 * attached read-only as well when it exists, so a query can read both as one workspace.
 */
export function openReadOnlyWorkspace(databasePath: string, nativeBinding?: string): Database {
  if (!existsSync(databasePath)) {
    throw new IntakeError('NOT_FOUND', `No workspace database at ${databasePath}.`, { path: databasePath });
  }
  let db: Database | null = null;
  try {
    db = new BetterSqlite3(databasePath, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    const controlPath = join(dirname(databasePath), CONTROL_FILE);
    // A connection opened read-only attaches read-only too: SQLite refuses writes to either file.
    if (existsSync(controlPath)) db.prepare(`ATTACH DATABASE ? AS ${CONTROL_SCHEMA}`).run(controlPath);
    return db;
  } catch (error) {
    db?.close();
    if (!(error instanceof BetterSqlite3.SqliteError)) throw error;
    throw new IntakeError('IO', `Cannot open the workspace database ${databasePath}: ${error.message}`, {
      path: databasePath,
      sqliteCode: error.code,
    });
  }
}

/**
 * The other two guards, on a read-only connection: the statement must prepare (one statement, no
 * parameters) and SQLite must see it as a reader that is read-only (catching WITH … DELETE).
 * SQLite's refusals come back as VALIDATION with its message.
 */
export function prepareReadOnlySelect(db: Database, sql: string): Statement {
  checkSelectText(sql);
  try {
    const statement = db.prepare(sql);
    if (!statement.reader || !statement.readonly) throw refusal(describe(sql));
    return statement;
  } catch (error) {
    throw asValidation(error);
  }
}

function collectRows(statement: Statement, maxRows: number): QueryRows {
  const columns = statement.columns().map((column) => column.name);
  const rows: unknown[][] = [];
  let truncated = false;
  try {
    for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
      if (rows.length === maxRows) {
        // Leaving the loop ends the iteration, which resets the statement.
        truncated = true;
        break;
      }
      rows.push(row);
    }
  } catch (error) {
    throw asValidation(error);
  }
  return { columns, rows, truncated };
}

function refusal(what: string, where = 'the workspace'): IntakeError {
  return new IntakeError('VALIDATION', `Only a single SELECT statement can be run on ${where}; got ${what}`);
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
