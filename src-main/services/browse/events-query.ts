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
 * Every event type with its number of events (one pass over the events_by_type index, never over
 * the event rows) and its first and last timestamps (event_type_spans, kept by the runs; a type
 * without a span, which only deleting customers could leave, is scanned instead).
 */
export function listEventTypes(db: Database): EventTypeSummary[] {
  const rows = db
    .prepare(
      `SELECT c.event_type, c.count,
              COALESCE(s.first_us, (SELECT MIN(timestamp_us) FROM events WHERE event_type = c.event_type)) AS first_us,
              COALESCE(s.last_us, (SELECT MAX(timestamp_us) FROM events WHERE event_type = c.event_type)) AS last_us
       FROM (SELECT event_type, COUNT(*) AS count FROM events GROUP BY event_type) c
       LEFT JOIN event_type_spans s ON s.event_type = c.event_type
       ORDER BY c.event_type`,
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

/** A page of the events of one type, last imported first; an unknown type is an empty page. */
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
