import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ColumnType } from '../../../src-shared/model/column-type';
import type { JsonValue } from '../../../src-shared/values/json';

// Events as a version-6 Intake stored them (unsorted texts, the dedup memory in event_dedup under
// its base64url SHA-256 key), for the migration tests that start from schema 6. Written here, not
// taken from the source: the old formats are frozen history.

/** JSON with object keys sorted at every depth (written here, not taken from the source). */
function sortedJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${sortedJson(value[key]!)}`)
    .join(',')}}`;
}

/**
 * The dedup key of schema versions 4–6, as those versions computed it: a base64url SHA-256 of
 * [type, iso, [[name, type, value]…]] with the attributes sorted by name, JSON-typed values as
 * canonical JSON. Frozen here on purpose: the old memories were stored under it.
 */
function oldKey(
  eventType: string,
  iso: string,
  attributes: Record<string, JsonValue>,
  types: Record<string, ColumnType>,
): string {
  const entries = Object.keys(types)
    .sort()
    .map((name) => {
      const type = types[name]!;
      const value = attributes[name] ?? null;
      const json = type === 'json' ? sortedJson(value) : JSON.stringify(value);
      return `[${JSON.stringify(name)},${JSON.stringify(type)},${json}]`;
    });
  const text = `[${JSON.stringify(eventType)},${JSON.stringify(iso)},[${entries.join(',')}]]`;
  return createHash('sha256').update(text).digest('base64url');
}

/** One event as a version-6 Intake stored it, with the memory it had (null: expired and purged). */
interface OldEvent {
  id: number;
  customerId: number;
  eventType: string;
  timestampUs: bigint;
  iso: string;
  /** In the order the mapping listed the columns, as version 6 stored them. */
  attributes: Record<string, JsonValue>;
  types: Record<string, ColumnType>;
  runId: string | null;
  processedAt: string;
  memory: string | null;
}

export const MARCH_1_10H_US = 1_709_287_200_000_000n;

const PURCHASE = { price: 12, code: 'A' };
const PURCHASE_TYPES: Record<string, ColumnType> = { price: 'number', code: 'text' };
/** A view: a JSON value with its keys out of order at two depths, a blank, a date and a datetime. */
export const VIEW: Record<string, JsonValue> = {
  when: '2024-03-01T10:00:00.000000Z',
  meta: { z: 1, a: { d: [1, { c: 2, b: 3 }] } },
  note: null,
  day: '2024-03-01',
};
export const VIEW_TYPES: Record<string, ColumnType> = {
  when: 'datetime',
  meta: 'json',
  note: 'text',
  day: 'date',
};

export const OLD_EVENTS: OldEvent[] = [
  {
    // Processed in September; its memory expired, and the same event (5) came in again in January,
    // overwriting the one memory both events share.
    id: 1,
    customerId: 1,
    eventType: 'purchase',
    timestampUs: MARCH_1_10H_US,
    iso: '2024-03-01T10:00:00.000000Z',
    attributes: PURCHASE,
    types: PURCHASE_TYPES,
    runId: 'run-1',
    processedAt: '2025-09-01T08:00:00.000Z',
    memory: '2026-04-10T08:00:00.000Z',
  },
  {
    // The same event for another customer, whose memory of it was purged: customer 1's memory of
    // the same key must not be taken for it.
    id: 2,
    customerId: 2,
    eventType: 'purchase',
    timestampUs: MARCH_1_10H_US,
    iso: '2024-03-01T10:00:00.000000Z',
    attributes: PURCHASE,
    types: PURCHASE_TYPES,
    runId: 'run-1',
    processedAt: '2025-09-01T08:00:00.000Z',
    memory: null,
  },
  {
    id: 3,
    customerId: 1,
    eventType: 'view',
    timestampUs: MARCH_1_10H_US + 123_456n,
    iso: '2024-03-01T10:00:00.123456Z',
    attributes: VIEW,
    types: VIEW_TYPES,
    runId: null,
    processedAt: '2026-01-12T00:00:00.000Z',
    memory: '2026-04-12T00:00:00.000Z',
  },
  {
    // Renewed by a duplicate: the memory outlives the event's own processing + 90 days.
    id: 4,
    customerId: 2,
    eventType: 'purchase',
    timestampUs: MARCH_1_10H_US + 14n * 3_600_000_000n,
    iso: '2024-03-02T00:00:00.000000Z',
    attributes: { price: 3, code: 'B' },
    types: PURCHASE_TYPES,
    runId: 'run-2',
    processedAt: '2026-01-12T00:00:00.000Z',
    memory: '2026-05-01T00:00:00.000Z',
  },
  {
    id: 5,
    customerId: 1,
    eventType: 'purchase',
    timestampUs: MARCH_1_10H_US,
    iso: '2024-03-01T10:00:00.000000Z',
    attributes: PURCHASE,
    types: PURCHASE_TYPES,
    runId: 'run-3',
    processedAt: '2026-01-10T08:00:00.000Z',
    memory: '2026-04-10T08:00:00.000Z',
  },
  {
    // Past a double's exact range, without attributes.
    id: 6,
    customerId: 2,
    eventType: 'view',
    timestampUs: 253_402_300_799_999_999n,
    iso: '9999-12-31T23:59:59.999999Z',
    attributes: {},
    types: {},
    runId: null,
    processedAt: '2026-01-12T00:00:00.000Z',
    memory: null,
  },
];

export const PURCHASE_TEXT = { values: '{"code":"A","price":12}', types: '{"code":"text","price":"number"}' };
export const VIEW_TEXT = {
  values:
    '{"day":"2024-03-01","meta":{"a":{"d":[1,{"b":3,"c":2}]},"z":1},"note":null,"when":"2024-03-01T10:00:00.000000Z"}',
  types: '{"day":"date","meta":"json","note":"text","when":"datetime"}',
};
/** Each old event's stored texts once migrated: names sorted, JSON values canonical. */
export const MIGRATED_TEXT: Record<number, { values: string; types: string }> = {
  1: PURCHASE_TEXT,
  2: PURCHASE_TEXT,
  3: VIEW_TEXT,
  4: { values: '{"code":"B","price":3}', types: PURCHASE_TEXT.types },
  5: PURCHASE_TEXT,
  6: { values: '{}', types: '{}' },
};

/** Attributes texts of PURCHASE_TEXT and VIEW_TEXT as today's schema stores them (schema 20). */
export const TODAYS_TEXT = {
  purchase: '["A",12]',
  view: '["2024-03-01",{"a":{"d":[1,{"b":3,"c":2}]},"z":1},null,"2024-03-01T10:00:00.000000Z"]',
};

export function writeOldWorkspace(db: Database): void {
  db.exec(`
    INSERT INTO customers VALUES (1, '2025-09-01T08:00:00.000Z', '2025-09-01T08:00:00.000Z'),
                                 (2, '2025-09-01T08:00:00.000Z', '2025-09-01T08:00:00.000Z');
    INSERT INTO customer_ids VALUES ('registered', 'u1', 1), ('registered', 'u2', 2);
  `);
  const insert = db.prepare(
    `INSERT INTO events (id, customer_id, event_type, timestamp_us, attributes, attribute_types, run_id, processed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const remember = db.prepare(
    `INSERT INTO event_dedup (customer_id, dedup_key, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (customer_id, dedup_key) DO UPDATE SET expires_at = excluded.expires_at`,
  );
  for (const event of OLD_EVENTS) {
    insert.run(
      event.id,
      event.customerId,
      event.eventType,
      event.timestampUs,
      JSON.stringify(event.attributes),
      JSON.stringify(event.types),
      event.runId,
      event.processedAt,
    );
    if (event.memory) {
      remember.run(
        event.customerId,
        oldKey(event.eventType, event.iso, event.attributes, event.types),
        event.memory,
      );
    }
  }
  // The memory of an event no longer there (its import's data expired): dropped with the table.
  remember.run(
    1,
    oldKey('purchase', '2024-01-01T00:00:00.000000Z', PURCHASE, PURCHASE_TYPES),
    '2026-03-01T00:00:00.000Z',
  );
}
