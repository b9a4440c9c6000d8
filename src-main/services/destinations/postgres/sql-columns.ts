import { IntakeError } from '../../../../src-shared/errors';
import type { ColumnType } from '../../../../src-shared/model/column-type';

/** How a column is typed in PostgreSQL: the mapping's types, plus the dedup key's bigint. */
export type SqlKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'json' | 'bigint';

/**
 * The type Intake creates a column with. Numbers are double precision: a parsed number is an IEEE
 * double, which double precision holds exactly and COPY's text round-trips bit for bit (JavaScript
 * writes the shortest exact digits), as the platforms' JSON numbers do; numeric would promise
 * decimal digits Intake never had, and loads and sums slower. Lists and JSON are jsonb: queryable,
 * and compared by content.
 */
export const CREATE_TYPES: Record<SqlKind, string> = {
  text: 'text',
  number: 'double precision',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamp with time zone',
  json: 'jsonb',
  bigint: 'bigint',
};

/**
 * Existing column types (as format_type writes them) a kind is loaded into without changing a
 * value: numeric (exact decimal of the double's digits) but not integer or real (rounded); varchar
 * (a value too long fails the run with the server's message). A timestamp without time zone is
 * refused (Intake's datetimes are instants), and so is json: it has no equality, which the merges
 * need to leave unchanged rows alone.
 */
const ACCEPTED: Record<SqlKind, (type: string) => boolean> = {
  text: (type) => type === 'text' || /^character varying(\(\d+\))?$/.test(type),
  number: (type) => type === 'double precision' || type === 'numeric',
  boolean: (type) => type === 'boolean',
  date: (type) => type === 'date',
  datetime: (type) => type === 'timestamp with time zone',
  json: (type) => type === 'jsonb',
  bigint: (type) => type === 'bigint',
};

/** Whether an existing column of `type` can take values of `kind` unchanged. */
export function accepts(kind: SqlKind, type: string): boolean {
  return ACCEPTED[kind](type);
}

/** The SQL kind of a mapping's column type. */
export function kindOf(type: ColumnType): SqlKind {
  switch (type) {
    case 'text':
    case 'long_text':
      return 'text';
    case 'list':
    case 'json':
      return 'json';
    default:
      return type;
  }
}

/** A name as a quoted identifier: any name is safe, case and all. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** PostgreSQL keeps 63 bytes of a name (NAMEDATALEN − 1) and silently cuts the rest. */
const MAX_NAME_BYTES = 63;

/**
 * Refuses a name PostgreSQL would not keep as given: over 63 bytes it would be cut silently (two
 * long attributes could then meet in one column), and a NUL cannot be in a name at all.
 */
export function checkName(name: string, what: string): void {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_NAME_BYTES) {
    throw new IntakeError(
      'VALIDATION',
      `The ${what} "${name}" is ${bytes} bytes long; PostgreSQL keeps names of at most ${MAX_NAME_BYTES} bytes. Shorten it in the mapping.`,
      { name, bytes, limit: MAX_NAME_BYTES },
    );
  }
  if (name.length === 0 || name.includes('\0')) {
    throw new IntakeError(
      'VALIDATION',
      `The ${what} ${JSON.stringify(name)} is not a valid PostgreSQL name.`,
      {
        name,
      },
    );
  }
}
