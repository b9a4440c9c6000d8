import { quoteIdentifier as q } from './sql-columns';
import { STAGE_TABLE, type PreparedTable } from './prepare-table';
import type { TableShape } from './table-shapes';

/**
 * The statement that merges the staged batch into the table, with `$1` the run's id. It returns one
 * row: `imported`, the batch's rows that created a row (a new key). The other valid rows were
 * updates, or duplicates for the types that only add (see `addsOnly`).
 *
 * Every statement leaves a row it would not change alone (ON CONFLICT … WHERE … IS DISTINCT FROM),
 * so running the same file again changes nothing, not even the bookkeeping columns, which say
 * which run last changed a row and when (`now()`: the run's one transaction's start).
 */
export function mergeStatement(shape: TableShape, table: PreparedTable): string {
  const m = new MergeParts(shape, table);
  switch (shape.importType) {
    case 'events':
    case 'vouchers':
      return m.insertNew();
    case 'catalog':
      // The platform's bulk update replaces an item: a field the row does not carry is gone.
      return m.upsertLastWins(table.unwritten);
    case 'identity':
      return m.upsertLastWins([]);
    case 'customers':
      return m.upsertCustomers();
    case 'group':
      return m.mergeMemberships();
  }
}

/** Import types whose valid rows either add a row or are duplicates (counted deduplicated). */
export function addsOnly(shape: TableShape): boolean {
  return shape.importType === 'events' || shape.importType === 'vouchers';
}

const RUN = '_intake_run_id';
const LOADED = '_intake_loaded_at';

/** The pieces of a table's statements: its columns as written and as staged. */
class MergeParts {
  private readonly target: string;
  /** Written columns (fixed, then attributes), with the staged column each comes from. */
  private readonly written: { name: string; staged: string }[];
  private readonly keys: { name: string; staged: string }[];
  /** Staged column by the table column's name (staged-only ones too). */
  private readonly stagedOf: Map<string, string>;

  constructor(shape: TableShape, table: PreparedTable) {
    this.target = table.qualified;
    const names = [...shape.fixed, ...shape.stagedOnly, ...shape.attributes].map((column) => column.name);
    this.stagedOf = new Map(names.map((name, index) => [name, table.staged[index]!]));
    const at = (name: string) => ({ name, staged: this.stagedOf.get(name)! });
    this.written = [...shape.fixed, ...shape.attributes].map((column) => at(column.name));
    this.keys = shape.fixed.filter((column) => column.key).map((column) => at(column.name));
  }

  /**
   * Events and vouchers: a row is added unless its key is in the table or earlier in the batch —
   * inserted in file order, ON CONFLICT DO NOTHING skips a key the statement itself added (a
   * DISTINCT ON first cost a fifth more, for nothing).
   */
  insertNew(): string {
    return `WITH inserted AS (
      ${this.insert(`FROM ${STAGE_TABLE} AS s ORDER BY r`)}
      ON CONFLICT (${this.keyList()}) DO NOTHING RETURNING 1)
    SELECT count(*)::int AS imported FROM inserted`;
  }

  /**
   * Catalog items and identity links: the last row of a key in the batch wins, in file order, and
   * replaces the stored row; `clear` are columns set to NULL as it does.
   */
  upsertLastWins(clear: readonly string[]): string {
    const values = this.nonKeys();
    const set = [
      ...values.map((column) => `${q(column.name)} = excluded.${q(column.name)}`),
      ...clear.map((name) => `${q(name)} = NULL`),
    ];
    const before = [...values.map((column) => `t.${q(column.name)}`), ...clear.map((name) => `t.${q(name)}`)];
    const after = [...values.map((column) => `excluded.${q(column.name)}`), ...clear.map(() => 'NULL')];
    return `WITH ${this.lastOfKeys()}, ${this.fresh()},
    written AS (
      ${this.insert('FROM last AS s ORDER BY r')}
      ON CONFLICT (${this.keyList()}) DO UPDATE SET ${this.withBookkeeping(set)}
      WHERE ${distinct(before, after)} RETURNING 1)
    SELECT imported FROM fresh`;
  }

  /**
   * Customers, by their key ID: each key's newest row wins — its update_timestamp, else the run's
   * time, ties to the later row — and writes over a stored row that is not newer (a stored row
   * without update_timestamp is as new as the run that wrote it). The IDs of every row of the key
   * are merged into `ids`, newer or not: they say who the customer is, not what it is like.
   */
  upsertCustomers(): string {
    const ids = this.stagedOf.get('ids')!;
    const time = this.stagedOf.get('update_timestamp')!;
    const newer = `COALESCE(excluded.update_timestamp, now()) >= COALESCE(t.update_timestamp, t.${q(LOADED)}, '-infinity')`;
    const values = this.nonKeys().filter((column) => column.name !== 'ids');
    const mergedIds = `COALESCE(t.ids, '{}') || excluded.ids`;
    const set = [
      `ids = ${mergedIds}`,
      ...values.map(
        (column) =>
          `${q(column.name)} = CASE WHEN ${newer} THEN excluded.${q(column.name)} ELSE t.${q(column.name)} END`,
      ),
    ];
    const [k0, k1] = this.keys.map((key) => key.staged);
    const before = values.map((column) => `t.${q(column.name)}`);
    const after = values.map((column) => `excluded.${q(column.name)}`);
    const selected = this.written.map((column) => (column.name === 'ids' ? 'i.ids' : `s.${column.staged}`));
    return `WITH last AS (
      SELECT DISTINCT ON (${k0}, ${k1}) * FROM ${STAGE_TABLE}
      ORDER BY ${k0}, ${k1}, COALESCE(${time}, now()) DESC, r DESC),
    batch_ids AS (
      SELECT s.${k0}, s.${k1}, jsonb_object_agg(e.key, e.value ORDER BY s.r) AS ids
      FROM ${STAGE_TABLE} AS s CROSS JOIN LATERAL jsonb_each(s.${ids}) AS e GROUP BY s.${k0}, s.${k1}),
    ${this.fresh()},
    written AS (
      INSERT INTO ${this.target} AS t (${this.columnList()}, ${q(RUN)}, ${q(LOADED)})
      SELECT ${selected.join(', ')}, $1, now()
      FROM last AS s JOIN batch_ids AS i ON i.${k0} = s.${k0} AND i.${k1} = s.${k1} ORDER BY s.r
      ON CONFLICT (${this.keyList()}) DO UPDATE SET ${this.withBookkeeping(set)}
      WHERE ${mergedIds} <> COALESCE(t.ids, '{}') OR (${newer} AND ${distinct(before, after)}) RETURNING 1)
    SELECT imported FROM fresh`;
  }

  /**
   * Group memberships in file order: a key's last row decides (is_deleted removes the membership,
   * otherwise it is upserted with its cursor). Counted per row as the workspace does: an upsert of
   * an absent membership is new (absent: removed by the key's previous row in the batch, or, for
   * its first row, not in the table); removals and the rest are updates.
   */
  mergeMemberships(): string {
    const deleted = this.stagedOf.get('is_deleted')!;
    const partition = this.stagedKeys();
    const cursor = q('cursor');
    return `WITH ordered AS (
      SELECT s.*, lag(s.${deleted}) OVER (PARTITION BY ${partition} ORDER BY s.r) AS removed_before
      FROM ${STAGE_TABLE} AS s),
    counted AS (
      SELECT count(*)::int AS imported FROM ordered AS s
      WHERE NOT s.${deleted} AND COALESCE(s.removed_before, NOT EXISTS (${this.stored()}))),
    ${this.lastOfKeys()},
    removed AS (
      DELETE FROM ${this.target} AS t USING last AS s WHERE s.${deleted} AND ${this.keyMatch()} RETURNING 1),
    written AS (
      ${this.insert(`FROM last AS s WHERE NOT s.${deleted} ORDER BY r`)}
      ON CONFLICT (${this.keyList()}) DO UPDATE SET ${this.withBookkeeping([`${cursor} = excluded.${cursor}`])}
      WHERE t.${cursor} IS DISTINCT FROM excluded.${cursor} RETURNING 1)
    SELECT imported FROM counted`;
  }

  /** `INSERT INTO target (written…, bookkeeping) SELECT staged…, $1, now() <from>`. */
  private insert(from: string): string {
    const values = this.written.map((column) => `s.${column.staged}`).join(', ');
    return `INSERT INTO ${this.target} AS t (${this.columnList()}, ${q(RUN)}, ${q(LOADED)})
      SELECT ${values}, $1, now() ${from}`;
  }

  /** `last`: each key's last staged row (file order: the last occurrence wins). */
  private lastOfKeys(): string {
    return `last AS (SELECT DISTINCT ON (${this.stagedKeys()}) * FROM ${STAGE_TABLE} ORDER BY ${this.stagedKeys()}, r DESC)`;
  }

  /** `fresh`: how many of `last`'s keys the table does not hold yet (one snapshot: before this batch). */
  private fresh(): string {
    return `fresh AS (SELECT count(*)::int AS imported FROM last AS s WHERE NOT EXISTS (${this.stored()}))`;
  }

  /** The stored row of the staged row `s`'s key. */
  private stored(): string {
    return `SELECT 1 FROM ${this.target} AS t WHERE ${this.keyMatch()}`;
  }

  private keyMatch(): string {
    return this.keys.map((key) => `t.${q(key.name)} = s.${key.staged}`).join(' AND ');
  }

  private withBookkeeping(set: readonly string[]): string {
    return [...set, `${q(RUN)} = excluded.${q(RUN)}`, `${q(LOADED)} = excluded.${q(LOADED)}`].join(', ');
  }

  private nonKeys() {
    const keys = new Set(this.keys.map((key) => key.name));
    return this.written.filter((column) => !keys.has(column.name));
  }

  private columnList(): string {
    return this.written.map((column) => q(column.name)).join(', ');
  }

  private keyList(): string {
    return this.keys.map((key) => q(key.name)).join(', ');
  }

  private stagedKeys(): string {
    return this.keys.map((key) => key.staged).join(', ');
  }
}

/** `(a, b) IS DISTINCT FROM (c, d)`, or FALSE when there is nothing to compare. */
function distinct(before: readonly string[], after: readonly string[]): string {
  if (before.length === 0) return 'FALSE';
  return `ROW(${before.join(', ')}) IS DISTINCT FROM ROW(${after.join(', ')})`;
}
