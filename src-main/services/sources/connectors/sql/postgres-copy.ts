/**
 * The COPY statement that has PostgreSQL write a query's rows as CSV itself, with each value
 * written exactly as the cursor path's rows-as-csv writes it (so a preview, read through the
 * cursor, and a run, read through COPY, see the same text):
 * - booleans as `true`/`false` (COPY writes `t`/`f`);
 * - bytea as base64 without line breaks (COPY writes `\x…` hex; `encode` breaks lines at 76);
 * - timestamps as ISO 8601 — `2024-03-31T14:05:00.5Z` with a zone (the session is in UTC),
 *   without a zone no offset — while BC dates, years past 9999 and infinity stay as written;
 * - arrays of numbers, booleans and text as JSON lists (`to_json` writes the server's digits);
 * - everything else as the server's own text, which is what the cursor path keeps too.
 * Columns are renamed by position (`AS q(c1, c2, …)`), so duplicate or odd names in the user's
 * query cannot make the wrapping ambiguous, and given their real names back for COPY's header row.
 */

const BOOL = 16;
const BYTEA = 17;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** The statement, or null when the query has no columns to select. */
export function copyStatement(
  sql: string,
  fields: readonly { name: string; dataTypeID: number }[],
  jsonArrayTypes: ReadonlySet<number>,
): string | null {
  if (fields.length === 0) return null;
  const names = fields.map((_, index) => `c${index + 1}`);
  const values = fields.map(
    (field, index) =>
      `${valueExpression(`q.${names[index]}`, field.dataTypeID, jsonArrayTypes)} AS ${quoteIdentifier(field.name)}`,
  );
  // The query on lines of its own: a trailing `-- comment` cannot swallow the closing parenthesis.
  return `COPY (SELECT ${values.join(', ')} FROM (\n${sql}\n) AS q(${names.join(', ')})) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}

function valueExpression(column: string, type: number, jsonArrayTypes: ReadonlySet<number>): string {
  switch (type) {
    case BOOL:
      return `CASE WHEN ${column} THEN 'true' WHEN NOT ${column} THEN 'false' END`;
    case BYTEA:
      return `translate(encode(${column}, 'base64'), E'\\n', '')`;
    case TIMESTAMPTZ:
      return `CASE WHEN ${column} >= '0001-01-01 00:00:00+00' AND ${column} < '10000-01-01 00:00:00+00' AND isfinite(${column}) THEN replace(replace(${column}::text, ' ', 'T'), '+00', 'Z') ELSE ${column}::text END`;
    case TIMESTAMP:
      return `CASE WHEN ${column} >= '0001-01-01' AND ${column} < '10000-01-01' AND isfinite(${column}) THEN replace(${column}::text, ' ', 'T') ELSE ${column}::text END`;
    default:
      return jsonArrayTypes.has(type) ? `to_json(${column})::text` : column;
  }
}

/** A name as a PostgreSQL identifier: in double quotes, its own double quotes doubled. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
