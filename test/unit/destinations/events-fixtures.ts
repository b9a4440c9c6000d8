import type { Database } from 'better-sqlite3';
import { isoOfMicros } from '../../support/iso-of-micros';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';
import { rows } from './support';

// The events mapping and the views of the events table the EventsApplier tests share.

export const mapping = mappingOf(
  'events',
  [
    idCol('registered'),
    idCol('cookie'),
    roleCol('ts', 'timestamp'),
    col('price', { type: 'number' }),
    col('code'),
  ],
  { eventType: 'purchase' },
);

/** registered, cookie, ts, price, code */
export const row = (
  registered: string,
  cookie: string,
  ts = '2024-03-01T10:00:00Z',
  price = '10.5',
  code = 'A',
) => [registered, cookie, ts, price, code];

export const MARCH_1_US = 1709251200000000;
export const MARCH_1_10H_US = MARCH_1_US + 10 * 3_600_000_000;

/** Each event's processing time (its run's), in arrival order. */
export const processedTimes = (db: Database) =>
  rows(
    db,
    `SELECT ${isoOfMicros('r.processed_us')} AS processed_at FROM events e JOIN event_runs r ON r.number = e.run_number ORDER BY e.id`,
  );

/** Events with their attribute types text (an inner join: a dangling types_id loses the row). */
export const events = (db: Database) =>
  rows(
    db,
    `SELECT e.customer_id, e.event_type, e.timestamp_us, e.attributes, t.types, r.run_id,
            ${isoOfMicros('r.processed_us')} AS processed_at
     FROM events e JOIN event_attribute_types t ON t.id = e.types_id JOIN event_runs r ON r.number = e.run_number
     ORDER BY e.id`,
  );
/** The dedup memory each event carries, in arrival order. */
export const memories = (db: Database) =>
  rows(db, `SELECT customer_id, ${isoOfMicros('dedup_until_us')} AS dedup_until FROM events ORDER BY id`) as {
    customer_id: number;
    dedup_until: string;
  }[];
export const dedup = memories;
export const eventCount = (db: Database) => db.prepare('SELECT COUNT(*) FROM events').pluck().get();
export const attributesAndTypes = (db: Database) =>
  rows(
    db,
    'SELECT e.attributes, t.types FROM events e JOIN event_attribute_types t ON t.id = e.types_id ORDER BY e.id',
  );
export const typesRows = (db: Database) => rows(db, 'SELECT types FROM event_attribute_types ORDER BY id');
export const spans = (db: Database) =>
  rows(db, 'SELECT event_type, first_us, last_us FROM event_type_spans ORDER BY event_type');
