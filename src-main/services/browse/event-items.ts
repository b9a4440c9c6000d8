import type { Database } from 'better-sqlite3';
import type { EventItem } from '../../../src-shared/model/browse';
import { parseJsonObject } from './json-column';
import { microsToIso } from './micros-to-iso';

/** An events row read with safe integers: timestamps in microseconds exceed a double's exact range. */
interface EventRow {
  id: bigint;
  customer_id: bigint;
  event_type: string;
  timestamp_us: bigint;
  attributes: string;
  attribute_types: string;
  run_id: string | null;
  processed_at: string;
}

/**
 * A page of events matching `where` (which names @key), newest first. Both callers filter on the
 * leading column of an index ending in timestamp_us (events_by_customer, events_by_type), and the
 * rowid ties break in that index too, so the order is walked, never sorted.
 */
export function eventPage(
  db: Database,
  where: 'customer_id = @key' | 'event_type = @key',
  key: number | string,
  offset: number,
  limit: number,
): EventItem[] {
  const rows = db
    .prepare(
      `SELECT id, customer_id, event_type, timestamp_us, attributes, attribute_types, run_id, processed_at
       FROM events WHERE ${where} ORDER BY timestamp_us DESC, id DESC LIMIT @limit OFFSET @offset`,
    )
    .safeIntegers(true)
    .all({ key, offset, limit }) as EventRow[];
  return rows.map(toEventItem);
}

/** How many events match `where` (see eventPage). */
export function eventCount(
  db: Database,
  where: 'customer_id = @key' | 'event_type = @key',
  key: number | string,
): number {
  return db.prepare(`SELECT COUNT(*) FROM events WHERE ${where}`).pluck().get({ key }) as number;
}

function toEventItem(row: EventRow): EventItem {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    eventType: row.event_type,
    timestamp: microsToIso(row.timestamp_us),
    attributes: parseJsonObject<unknown>(row.attributes),
    attributeTypes: parseJsonObject<string>(row.attribute_types),
    runId: row.run_id,
    processedAt: row.processed_at,
  };
}
