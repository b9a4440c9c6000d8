import type pg from 'pg';
import { IntakeError } from '../../../../src-shared/errors';
import { accepts, checkName, CREATE_TYPES, quoteIdentifier as q, type SqlKind } from './sql-columns';
import { BOOKKEEPING, type TableShape } from './table-shapes';

/** The temporary table a run's batches are copied into before each merge; dropped at commit. */
export const STAGE_TABLE = 'pg_temp.intake_stage';

/** A table ready for a run's merges, and the staging table beside it. */
export interface PreparedTable {
  /** `"schema"."table"`. */
  qualified: string;
  /** The staged columns' names: c0, c1, … for fixed, staged-only and attribute columns in order. */
  staged: string[];
  /** Nullable columns the mapping does not write (a catalog item's replacement clears them). */
  unwritten: string[];
  /** What the run changed in the schema, for its summary: the table created, columns added. */
  changes: string[];
}

interface ExistingColumn {
  name: string;
  type: string;
  notNull: boolean;
}

interface WantedColumn {
  name: string;
  kind: SqlKind;
  key: boolean;
  /** How the mapping (or Intake) names what it writes, for a conflict's message. */
  wanted: string;
}

/**
 * Makes the shape's table ready inside the run's transaction: the schema and table created when
 * missing, columns the mapping added appended (ALTER TABLE … ADD COLUMN), and every existing
 * column's type checked first — a type that would change a value is refused with a VALIDATION
 * error naming the table, the column, its type and the wanted one, before anything is written.
 * Runs into one table take turns (an advisory lock held to commit): the table is created once and
 * their merges never interleave. Then the staging table, typed like the target's columns.
 */
export async function prepareTable(
  client: pg.Client,
  schema: string,
  shape: TableShape,
): Promise<PreparedTable> {
  checkName(schema, 'schema name');
  checkName(shape.table, 'table name');
  const wanted = wantedColumns(shape);
  for (const column of wanted) checkName(column.name, 'column name');
  const qualified = `${q(schema)}.${q(shape.table)}`;
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`intake:${qualified}`]);
  await ensureSchema(client, schema);
  const existing = await existingColumns(client, schema, shape.table);
  const changes: string[] = [];
  if (existing === null) {
    const definitions = wanted.map(
      (column) => `${q(column.name)} ${CREATE_TYPES[column.kind]}${column.key ? ' NOT NULL' : ''}`,
    );
    const keys = wanted.filter((column) => column.key).map((column) => q(column.name));
    await client.query(
      `CREATE TABLE ${qualified} (${definitions.join(', ')}, PRIMARY KEY (${keys.join(', ')}))`,
    );
    changes.push(`Created the table ${qualified} in PostgreSQL.`);
  } else {
    const missing = checkColumns(qualified, wanted, existing);
    await checkUniqueKey(client, qualified, wanted);
    if (missing.length > 0) {
      const additions = missing.map((column) => `ADD COLUMN ${q(column.name)} ${CREATE_TYPES[column.kind]}`);
      await client.query(`ALTER TABLE ${qualified} ${additions.join(', ')}`);
      const names = missing.map((column) => q(column.name)).join(', ');
      changes.push(`Added ${missing.length === 1 ? 'the column' : 'the columns'} ${names} to ${qualified}.`);
    }
  }
  const typeOf = new Map(existing?.map((column) => [column.name, column.type]));
  const stagedKinds: { name: string; kind: SqlKind }[] = [
    ...shape.fixed,
    ...shape.stagedOnly,
    ...shape.attributes,
  ];
  const staged = stagedKinds.map((_, index) => `c${index}`);
  const definitions = stagedKinds.map(
    (column, index) => `${staged[index]} ${typeOf.get(column.name) ?? CREATE_TYPES[column.kind]}`,
  );
  await client.query(
    `CREATE TEMPORARY TABLE intake_stage (r bigint NOT NULL, ${definitions.join(', ')}) ON COMMIT DROP`,
  );
  const written = new Set(wanted.map((column) => column.name));
  const unwritten = (existing ?? [])
    .filter((column) => !written.has(column.name) && !column.notNull)
    .map((column) => column.name);
  return { qualified, staged, unwritten, changes };
}

/** Every column the table needs: fixed ones (keys first), attributes, Intake's bookkeeping. */
function wantedColumns(shape: TableShape): WantedColumn[] {
  const fixed = (column: { name: string; kind: SqlKind; key?: boolean }): WantedColumn => ({
    name: column.name,
    kind: column.kind,
    key: column.key === true,
    wanted: `Intake writes it as ${CREATE_TYPES[column.kind]}`,
  });
  return [
    ...shape.fixed.map(fixed),
    ...shape.attributes.map((attribute) => ({
      name: attribute.name,
      kind: attribute.kind,
      key: false,
      wanted: `the mapping imports it as ${attribute.type} (${CREATE_TYPES[attribute.kind]})`,
    })),
    ...BOOKKEEPING.map(fixed),
  ];
}

/** The schema, created when missing (checked first: CREATE SCHEMA needs a right USAGE does not). */
async function ensureSchema(client: pg.Client, schema: string): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema]);
  if (found.rowCount) return;
  // Two runs into a new schema's tables would both create it: they take turns here too.
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`intake:schema:${q(schema)}`]);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
}

/** The table's columns, or null when there is no such relation; refuses a view and the like. */
async function existingColumns(
  client: pg.Client,
  schema: string,
  table: string,
): Promise<ExistingColumn[] | null> {
  const result = await client.query<{
    kind: string;
    name: string | null;
    type: string | null;
    not_null: boolean;
  }>(
    `SELECT c.relkind AS kind, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relname = $2
      ORDER BY a.attnum`,
    [schema, table],
  );
  if (result.rows.length === 0) return null;
  const kind = result.rows[0]!.kind;
  if (kind !== 'r' && kind !== 'p') {
    throw new IntakeError(
      'VALIDATION',
      `${q(schema)}.${q(table)} exists and is not a table (a view or the like); Intake loads into tables only. Rename or drop it, or choose another schema.`,
      { schema, table },
    );
  }
  return result.rows
    .filter((row) => row.name !== null)
    .map((row) => ({ name: row.name!, type: row.type!, notNull: row.not_null }));
}

/**
 * The columns the table lacks, after refusing every conflict at once: a column whose type would
 * change the values written, or a missing key column (not a table Intake's merges can key).
 */
function checkColumns(
  qualified: string,
  wanted: readonly WantedColumn[],
  existing: readonly ExistingColumn[],
): WantedColumn[] {
  const byName = new Map(existing.map((column) => [column.name, column]));
  const problems: string[] = [];
  const conflicts: { column: string; existingType: string; wantedType: string }[] = [];
  const missing: WantedColumn[] = [];
  for (const column of wanted) {
    const found = byName.get(column.name);
    if (!found) {
      if (column.key) problems.push(`it has no column "${column.name}", part of the key Intake merges by`);
      else missing.push(column);
    } else if (!accepts(column.kind, found.type)) {
      problems.push(`column "${column.name}" is ${found.type}, and ${column.wanted}`);
      conflicts.push({
        column: column.name,
        existingType: found.type,
        wantedType: CREATE_TYPES[column.kind],
      });
    }
  }
  if (problems.length > 0) {
    throw new IntakeError(
      'VALIDATION',
      `Cannot load into ${qualified}: ${problems.join('; ')}. Change the type in the mapping, or the column in PostgreSQL (ALTER TABLE … ALTER COLUMN … TYPE), and run again.`,
      { table: qualified, conflicts },
    );
  }
  return missing;
}

/** Refuses a table without a unique key on exactly the key columns: ON CONFLICT needs one. */
async function checkUniqueKey(
  client: pg.Client,
  qualified: string,
  wanted: readonly WantedColumn[],
): Promise<void> {
  const keys = wanted.filter((column) => column.key).map((column) => column.name);
  const result = await client.query<{ columns: string[] }>(
    `SELECT array_agg(a.attname::text) AS columns
       FROM pg_catalog.pg_index x
       CROSS JOIN LATERAL unnest(x.indkey) AS k(attnum)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
      WHERE x.indrelid = $1::regclass AND x.indisunique AND x.indpred IS NULL AND x.indexprs IS NULL
      GROUP BY x.indexrelid`,
    [qualified],
  );
  const sameColumns = (columns: string[]) =>
    columns.length === keys.length && keys.every((key) => columns.includes(key));
  if (!result.rows.some((row) => sameColumns(row.columns))) {
    throw new IntakeError(
      'VALIDATION',
      `Cannot load into ${qualified}: it has no unique key on (${keys.join(', ')}), which Intake merges by. Add one (ALTER TABLE … ADD PRIMARY KEY (${keys.join(', ')})) or choose another schema.`,
      { table: qualified, key: keys },
    );
  }
}
