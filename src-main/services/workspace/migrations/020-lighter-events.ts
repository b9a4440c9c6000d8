import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';
import { canonicalJsonV7, compareNamesV7, type FrozenJson } from './frozen/event-keys-v7';

// Frozen: this migration imports nothing live. Names and formats are as they were at version 20.

/**
 * Lighter event rows (issue 18: the realistic file's events were about 300 bytes a row, of which
 * the attribute names repeated in every row, a 36-character run id and two 24-character ISO times
 * were more than half):
 * - attributes are a JSON array of the values, in the order of the row's attribute-types set;
 *   event_attribute_types.types becomes that ordered set, `[["name","type"],…]` sorted by name
 *   (the order the values were already sorted in), so position i of one is position i of the other;
 * - the run and the processing time move to event_runs, a row per run, which events name by its
 *   integer number (a byte or two). Rows migrated from schema 19 get one per distinct (run,
 *   processing time): their batches keep their own times;
 * - dedup_until becomes dedup_until_us, epoch microseconds like the data's own times;
 * - the event_attributes view gives each event's attributes by name for `workspace query`.
 * Texts are rewritten exactly as runs write them from now on (a value's canonical JSON), so an
 * event imported before the migration is still found as a duplicate after it.
 *
 * Its own transactions ('own'): the rewrite in one, then a VACUUM, which cannot run inside one.
 * The rewrite frees more than half of the events' pages (1,000,000 events of the realistic
 * benchmark file: 307 → 133 MB); without the VACUUM an upgraded workspace file would grow by that
 * much (406 → 565 MB) and stay so until later imports fill the free pages. 12 s of rewrite and 1.5 s
 * of VACUUM for those 1,000,000 events, once. A crash between the two finds the rewrite done and
 * only vacuums.
 */
export const lighterEventsMigration: Migration = {
  version: 20,
  name: 'lighter-events',
  transaction: 'own',
  up(db) {
    const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all();
    if (!columns.includes('run_number')) db.transaction(() => rewrite(db))();
    db.exec('VACUUM main');
  },
};

/** Rewrites the events, their runs and attribute-types sets, and adds the view (one transaction). */
function rewrite(db: Database): void {
  const convert = new Converter(db);
  db.function('intake_v20_values', { deterministic: true }, (typesId, values) =>
    convert.values(Number(typesId), String(values)),
  );
  db.function('intake_v20_micros', { deterministic: true }, (iso) => isoMicros(String(iso)));
  db.exec(`
      CREATE TABLE event_runs (
        number       INTEGER PRIMARY KEY,
        run_id       TEXT,
        processed_us INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX event_runs_by_run ON event_runs (run_id);
      INSERT INTO event_runs (run_id, processed_us)
        SELECT run_id, intake_v20_micros(processed_at) FROM events
        GROUP BY run_id, processed_at ORDER BY MIN(id);
    `);
  const numbers = new Map<string, number>();
  const runs = db.prepare('SELECT number, run_id, processed_us FROM event_runs').all() as {
    number: number;
    run_id: string | null;
    processed_us: number;
  }[];
  for (const run of runs) numbers.set(`${run.run_id ?? ''}\n${run.processed_us}`, run.number);
  db.function('intake_v20_run_number', { deterministic: true }, (runId, processedAt) => {
    const number = numbers.get(`${runId === null ? '' : String(runId)}\n${isoMicros(String(processedAt))}`);
    if (number === undefined) throw new Error(`No event run for ${String(runId)} at ${String(processedAt)}`);
    return number;
  });
  db.exec(`
      CREATE TABLE events_v20 (
        id             INTEGER PRIMARY KEY,
        customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        event_type     TEXT NOT NULL,
        timestamp_us   INTEGER NOT NULL,
        attributes     TEXT NOT NULL,
        types_id       INTEGER NOT NULL,
        run_number     INTEGER NOT NULL REFERENCES event_runs (number),
        dedup_until_us INTEGER NOT NULL
      ) STRICT;
      INSERT INTO events_v20
        SELECT id, customer_id, event_type, timestamp_us, intake_v20_values(types_id, attributes), types_id,
               intake_v20_run_number(run_id, processed_at), intake_v20_micros(dedup_until)
        FROM events ORDER BY id;
      DROP TABLE events;
      ALTER TABLE events_v20 RENAME TO events;
      CREATE INDEX events_by_customer ON events (customer_id, timestamp_us);
      CREATE INDEX events_by_type ON events (event_type, id);
    `);
  const types = db.prepare('SELECT id, types FROM event_attribute_types').all() as {
    id: number;
    types: string;
  }[];
  const update = db.prepare('UPDATE event_attribute_types SET types = ? WHERE id = ?');
  for (const row of types) update.run(pairsText(sortedTypes(row.types)), row.id);
  db.exec(`
      CREATE VIEW event_attributes AS
        SELECT e.id AS event_id, n.value ->> 0 AS name, n.value ->> 1 AS type, a.value AS value
        FROM events e
        JOIN event_attribute_types t ON t.id = e.types_id
        JOIN json_each(t.types) n
        JOIN json_each(e.attributes) a ON a.key = n.key;
    `);
}

/** The names and types of an attribute-types text of schema 19 (`{"name":"type",…}`), sorted by name. */
function sortedTypes(text: string): [name: string, type: string][] {
  const types = JSON.parse(text) as Record<string, string>;
  // Sorted again: JSON.parse puts names like "10" and "9" first, in numeric order.
  return Object.keys(types)
    .sort(compareNamesV7)
    .map((name) => [name, types[name]!]);
}

function pairsText(pairs: readonly [string, string][]): string {
  return `[${pairs.map(([name, type]) => `[${JSON.stringify(name)},${JSON.stringify(type)}]`).join(',')}]`;
}

/** Epoch microseconds of a bookkeeping time of schema 19 (ISO text with milliseconds). */
function isoMicros(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not a time: ${iso}`);
  return ms * 1000;
}

/**
 * Attributes texts of schema 19 (`{"name":value,…}`) as arrays in the order of their types set.
 * The sets are read up front: a SQL function cannot run a statement of its own while the INSERT
 * that calls it is running.
 */
class Converter {
  private readonly names = new Map<number, string[]>();

  constructor(db: Database) {
    const types = db.prepare('SELECT id, types FROM event_attribute_types').all() as {
      id: number;
      types: string;
    }[];
    for (const row of types)
      this.names.set(
        row.id,
        sortedTypes(row.types).map(([name]) => name),
      );
  }

  values(typesId: number, text: string): string {
    const names = this.names.get(typesId);
    if (!names) throw new Error(`Event attribute types ${typesId} are missing`);
    const values = JSON.parse(text) as Record<string, FrozenJson>;
    // canonicalJson is JSON.stringify for every value but objects, whose keys it sorts: the text a
    // run writes (valueJson), and the same text schema 19 stored inside the object.
    return `[${names.map((name) => canonicalJsonV7(values[name] ?? null)).join(',')}]`;
  }
}
