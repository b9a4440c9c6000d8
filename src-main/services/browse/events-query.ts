import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import type { EventItem, EventTypeSummary, Page } from '../../../src-shared/model/browse';
import { eventCount, eventPage } from './event-items';
import { microsToIso } from './micros-to-iso';

interface EventTypeRow {
  event_type: string;
  count: bigint;
  first_us: bigint;
  last_us: bigint;
}

/**
 * Every event type with its number of events and first and last timestamps. One pass over the
 * events_by_type index (it covers type and timestamp), never over the event rows themselves.
 */
export function listEventTypes(db: Database): EventTypeSummary[] {
  const rows = db
    .prepare(
      `SELECT event_type, COUNT(*) AS count, MIN(timestamp_us) AS first_us, MAX(timestamp_us) AS last_us
       FROM events GROUP BY event_type ORDER BY event_type`,
    )
    .safeIntegers(true)
    .all() as EventTypeRow[];
  return rows.map((row) => ({
    eventType: row.event_type,
    count: Number(row.count),
    first: microsToIso(row.first_us),
    last: microsToIso(row.last_us),
  }));
}

/** A page of the events of one type, newest first; an unknown type is an empty page. */
export function listEventsOfType(
  db: Database,
  { eventType, offset, limit }: ParsedPayload<'browse:events'>,
): Page<EventItem> {
  return {
    offset,
    total: eventCount(db, 'event_type = @key', eventType),
    items: eventPage(db, 'event_type = @key', eventType, offset, limit),
  };
}
