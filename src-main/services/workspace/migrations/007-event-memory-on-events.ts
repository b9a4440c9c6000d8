import { hash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  attributesTextV7 as attributesText,
  canonicalJsonV7 as canonicalJson,
  compareNamesV7 as compareNames,
  eventDedupKeyV7 as eventDedupKey,
  EventTypesIdsV7 as EventTypesIds,
  microsToIsoV7 as microsToIso,
  type FrozenJson as JsonValue,
} from './frozen/event-keys-v7';

/** A value type's name, as stored. */
type ColumnType = string;
import type { Migration } from '../migration';

/**
 * Events, smaller and with their dedup memory on the row (the benchmark's bulk import wrote ~5×
 * the file's bytes, and every byte and index entry was time):
 * - the dedup memory moves from event_dedup (a second table with two indexes, one row per event)
 *   onto the event: dedup_key (48 bits of a hash, see eventDedupKey) and dedup_until. The key
 *   covers the timestamp, so a duplicate is found among the customer's events at that microsecond
 *   through events_by_customer;
 * - attribute types, the same for every event of an import, are stored once in
 *   event_attribute_types and referenced (no foreign key: every insert would look it up);
 * - attributes are stored with their names sorted, the canonical text the key hashes;
 * - events_by_type indexes arrival (id) rather than timestamps: appended to, never inserted into
 *   at random. First and last timestamps per type live in event_type_spans, kept by the runs.
 * Existing events are rewritten with keys computed as new runs compute them, keeping the memory
 * event_dedup held for them (found by the old key's formula, frozen here).
 */
export const eventMemoryOnEventsMigration: Migration = {
  version: 7,
  name: 'event-memory-on-events',
  up(db) {
    db.exec(`
      CREATE TABLE event_attribute_types (
        id    INTEGER PRIMARY KEY,
        types TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE event_type_spans (
        event_type TEXT PRIMARY KEY,
        first_us   INTEGER NOT NULL,
        last_us    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE events_v7 (
        id           INTEGER PRIMARY KEY,
        customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        event_type   TEXT NOT NULL,
        timestamp_us INTEGER NOT NULL,
        attributes   TEXT NOT NULL,
        types_id     INTEGER NOT NULL,
        run_id       TEXT,
        processed_at TEXT NOT NULL,
        dedup_key    INTEGER NOT NULL,
        dedup_until  TEXT NOT NULL
      ) STRICT;
    `);
    copyEvents(db);
    db.exec(`
      DROP TABLE events;
      DROP TABLE event_dedup;
      ALTER TABLE events_v7 RENAME TO events;
      -- A profile's timeline, and finding a duplicate (customer, microsecond, then the key).
      CREATE INDEX events_by_customer ON events (customer_id, timestamp_us);
      -- Events of a type in arrival order, and their counts.
      CREATE INDEX events_by_type ON events (event_type, id);
      INSERT INTO event_type_spans
        SELECT event_type, MIN(timestamp_us), MAX(timestamp_us) FROM events GROUP BY event_type;
    `);
  },
};

interface OldEvent {
  id: bigint;
  customer_id: bigint;
  event_type: string;
  timestamp_us: bigint;
  attributes: string;
  attribute_types: string;
  run_id: string | null;
  processed_at: string;
}

function copyEvents(db: Database): void {
  const typesIds = new EventTypesIds(db);
  const memory = db
    .prepare<[number, string], string>(
      'SELECT expires_at FROM event_dedup WHERE customer_id = ? AND dedup_key = ?',
    )
    .pluck();
  const insert = db.prepare(
    `INSERT INTO events_v7 (id, customer_id, event_type, timestamp_us, attributes, types_id, run_id, processed_at, dedup_key, dedup_until)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const copyEvent = (event: OldEvent): void => {
    const iso = microsToIso(event.timestamp_us);
    const values = JSON.parse(event.attributes) as Record<string, JsonValue>;
    const types = JSON.parse(event.attribute_types) as Record<string, ColumnType>;
    const sorted = Object.keys(types)
      .sort(compareNames)
      .map((name) => ({ name, type: types[name]!, value: values[name] ?? null }));
    const text = attributesText(sorted);
    const customerId = Number(event.customer_id);
    // No memory left (expired and purged): it ran out when the event was processed.
    const until = memory.get(customerId, oldKey(event.event_type, iso, sorted)) ?? event.processed_at;
    insert.run(
      Number(event.id),
      customerId,
      event.event_type,
      event.timestamp_us,
      text.values,
      typesIds.idOf(text.types),
      event.run_id,
      event.processed_at,
      eventDedupKey(event.event_type, iso, text),
      until,
    );
  };
  // Pages, not iterate(): a connection cannot write while one of its statements is still reading.
  const page = db.prepare('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT 10000').safeIntegers(true);
  for (let rows = page.all(-1n) as OldEvent[]; rows.length; rows = page.all(rows.at(-1)!.id) as OldEvent[]) {
    rows.forEach(copyEvent);
  }
}

/** The dedup key of schema versions 4–6: a base64url SHA-256 of [type, iso, [[name, type, value]…]]. */
function oldKey(
  eventType: string,
  iso: string,
  sorted: readonly { name: string; type: ColumnType; value: JsonValue }[],
): string {
  const entries = sorted.map(({ name, type, value }) => {
    const json = type === 'json' ? canonicalJson(value) : JSON.stringify(value);
    return `[${JSON.stringify(name)},${JSON.stringify(type)},${json}]`;
  });
  return hash(
    'sha256',
    `[${JSON.stringify(eventType)},${JSON.stringify(iso)},[${entries.join(',')}]]`,
    'base64url',
  );
}
