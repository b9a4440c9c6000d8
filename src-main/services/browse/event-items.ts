import type { Database } from 'better-sqlite3';
import type { EventItem } from '../../../src-shared/model/browse';
import { attributesByName } from '../workspace/event-attributes-text';
import { microsToIso } from './micros-to-iso';

/** An events row read with safe integers: timestamps in microseconds exceed a double's exact range. */
interface EventRow {
  id: bigint;
  customer_id: bigint;
  event_type: string;
  timestamp_us: bigint;
  attributes: string;
  attribute_types: string | null;
  run_id: string | null;
  processed_us: bigint;
}

/**
 * How each filter pages, walking an index rather than sorting: a customer's events newest first
 * (events_by_customer ends in timestamp_us), a type's events last imported first (events_by_type
 * indexes arrival, so bulk imports append to it). The rowid breaks ties inside both indexes.
 */
const ORDER = {
  'customer_id = @key': 'e.timestamp_us DESC, e.id DESC',
  'event_type = @key': 'e.id DESC',
} as const;

/** A page of events matching `where` (which names @key), in that filter's ORDER. */
export function eventPage(
  db: Database,
  where: keyof typeof ORDER,
  key: number | string,
  offset: number,
  limit: number,
): EventItem[] {
  const rows = db
    .prepare(
      `SELECT e.id, e.customer_id, e.event_type, e.timestamp_us, e.attributes, t.types AS attribute_types,
              r.run_id, r.processed_us
       FROM events e LEFT JOIN event_attribute_types t ON t.id = e.types_id
       JOIN event_runs r ON r.number = e.run_number
       WHERE e.${where} ORDER BY ${ORDER[where]} LIMIT @limit OFFSET @offset`,
    )
    .safeIntegers(true)
    .all({ key, offset, limit }) as EventRow[];
  return rows.map(toEventItem);
}

/** How many events match `where` (see eventPage). */
export function eventCount(db: Database, where: keyof typeof ORDER, key: number | string): number {
  return db.prepare(`SELECT COUNT(*) FROM events WHERE ${where}`).pluck().get({ key }) as number;
}

function toEventItem(row: EventRow): EventItem {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    eventType: row.event_type,
    timestamp: microsToIso(row.timestamp_us),
    ...attributesByName(row.attribute_types ?? '[]', row.attributes),
    runId: row.run_id,
    // Runs stamp their processing time in milliseconds (and every event has its run: a foreign key).
    processedAt: new Date(Number(row.processed_us / 1000n)).toISOString(),
  };
}
