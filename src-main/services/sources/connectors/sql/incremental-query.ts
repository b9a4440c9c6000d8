import { formatIsoUtc } from '../../../../../src-shared/values/civil-time';
import { isUtcZone, zoneOffsets } from '../../../../../src-shared/values/time-zone';
import type { SinceCondition } from '../connector';
import { statementBody, type SqlDialect } from './select-guard';

/**
 * How an incremental run's time field compares with the cursor in the database, as the driver
 * reads the column's type; the value is always bound (a parameter, or a session setting that one
 * sets), never written into the query text:
 * - 'instant': a timestamp with a zone (PostgreSQL timestamptz; MySQL TIMESTAMP, read in UTC) is
 *   compared with the cursor's instant;
 * - 'wall': a timestamp without one (PostgreSQL timestamp, MySQL DATETIME), which the import reads
 *   as a wall-clock time in its time zone, with the cursor's wall-clock time in that zone;
 * - 'unix': a number of UNIX seconds with the cursor's whole second, and `>=`: an integer compares
 *   exactly in every engine, where a fraction bound as a double could round past a row's value
 *   (rows of that same second are read, and skipped by the run).
 * Any other column (text above all, whose values only Intake's parsing can order) gets no
 * condition: the run reads every row and skips those not after the cursor itself.
 */
export type SinceType = 'instant' | 'wall' | 'unix';

/** The alias of the wrapped query; the user's query is inside it, whole, on lines of its own. */
const ALIAS = 'intake_incremental';

/** A name as an identifier of the dialect: in its quotes, its own quote characters doubled. */
export function quoteName(name: string, dialect: SqlDialect): string {
  return dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}

/**
 * The user's query as a subquery with the incremental condition: rows whose time field is after
 * the value `placeholder` stands for, and rows where it is null (the run rejects those, naming the
 * column, rather than never seeing them). The query keeps its own text: only its trailing `;` is
 * cut (see statementBody), and a `-- comment` on its last line cannot swallow the parenthesis.
 * - PostgreSQL and SQLite keep a subquery's order under a filter; MariaDB and MySQL drop an ORDER
 *   BY inside a derived table, so there the rows are ordered by the time field, the order in which
 *   they were made — the one an incremental import applies them in anyway.
 * - SQLite has no column types to read: the condition applies only to values stored as numbers
 *   (UNIX seconds); text values all pass, to be compared by the run.
 */
export function incrementalQuery(
  sql: string,
  dialect: SqlDialect,
  column: string,
  type: SinceType,
  placeholder: string,
): string {
  const name = quoteName(column, dialect);
  const body = statementBody(sql, dialect);
  let condition: string;
  if (dialect === 'postgres') {
    const cast = type === 'instant' ? 'timestamptz' : type === 'wall' ? 'timestamp' : 'numeric';
    condition = `${name} ${type === 'unix' ? '>=' : '>'} ${placeholder}::${cast}`;
  } else if (dialect === 'mysql') {
    condition =
      type === 'unix' ? `${name} >= ${placeholder}` : `${name} > CAST(${placeholder} AS DATETIME(6))`;
  } else {
    condition = `typeof(${name}) NOT IN ('integer', 'real') OR ${name} >= ${placeholder}`;
  }
  const order = dialect === 'mysql' ? ` ORDER BY ${name}` : '';
  return `SELECT * FROM (\n${body}\n) AS ${ALIAS} WHERE ${name} IS NULL OR ${condition}${order}`;
}

/**
 * The value the cursor is bound as for a column of this type, or null when no condition can be
 * exact: a time zone Intake does not know, or UNIX numbers read as milliseconds when they have 13
 * digits (one bound value cannot compare both seconds and milliseconds).
 * - instant: PostgreSQL reads ISO 8601 with its Z; MySQL the UTC date and time its session (set to
 *   UTC) compares a TIMESTAMP in.
 * - wall: the cursor's date and time on a clock in the import's zone, the inverse of how the import
 *   read the column (exact but for times inside a daylight-saving gap, which no clock shows).
 * - unix: the whole second, as a number (as text for PostgreSQL's numeric).
 */
export function sinceValue(
  since: SinceCondition,
  type: SinceType,
  dialect: SqlDialect,
): string | number | null {
  const wholeSeconds = Date.parse(`${since.value.slice(0, 19)}Z`) / 1000;
  const microsecond = Number(since.value.slice(20, 26));
  if (!Number.isFinite(wholeSeconds) || !Number.isInteger(microsecond)) return null;
  switch (type) {
    case 'unix':
      if (since.milliseconds) return null;
      return dialect === 'postgres' ? String(wholeSeconds) : wholeSeconds;
    case 'instant':
      return dialect === 'postgres' ? since.value : dateTimeText(wholeSeconds, microsecond);
    case 'wall': {
      if (isUtcZone(since.timeZone)) return dateTimeText(wholeSeconds, microsecond);
      const offsets = zoneOffsets(since.timeZone);
      if (!offsets) return null;
      const offsetSeconds = offsets.offsetMinutes(wholeSeconds * 1000) * 60;
      return dateTimeText(wholeSeconds + offsetSeconds, microsecond);
    }
  }
}

/** `2024-03-31 14:05:00.123456`: a date and time every engine reads, without a zone. */
function dateTimeText(wholeSeconds: number, microsecond: number): string {
  return formatIsoUtc(wholeSeconds, microsecond).slice(0, 26).replace('T', ' ');
}
