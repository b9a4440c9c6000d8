import type { Database, Statement } from 'better-sqlite3';

/** A stored event's identity, as a duplicate must match it. */
export interface EventIdentity {
  customerId: number;
  micros: number | bigint;
  eventType: string;
  /** Its attribute types' id in event_attribute_types. */
  typesId: number;
  /** Its attributes text (canonical: equal values, equal text). */
  values: string;
}

/**
 * The dedup memory stored events carry: found one event at a time (a seek into events_by_customer
 * at the customer's microsecond, then the event type, attribute types and attributes text
 * compared), extended a batch at a time (one UPDATE for all of a batch's duplicates). A bulk lookup
 * through json_each measured slower than the seeks: re-applying 200,000 duplicates took 1.02 s with
 * it, 0.83 s with seeks.
 *
 * The texts are compared as they are: a hash of them (the dedup key until schema 19) cost the
 * thread that prepares the rows a third of its time, and the row is read by the seek anyway.
 */
export class EventMemory {
  private readonly live: Statement<[number, number | bigint, string, number, string, number], number>;
  private readonly extendAll: Statement<[number, string]>;

  constructor(db: Database) {
    this.live = db
      .prepare<[number, number | bigint, string, number, string, number], number>(
        `SELECT id FROM events
         WHERE customer_id = ? AND timestamp_us = ? AND event_type = ? AND types_id = ? AND attributes = ?
           AND dedup_until_us > ?
         LIMIT 1`,
      )
      .pluck();
    this.extendAll = db.prepare(
      'UPDATE events SET dedup_until_us = ? WHERE id IN (SELECT j.value FROM json_each(?) j)',
    );
  }

  /** The ID of a stored event equal to `event` whose memory is live at `nowUs` (epoch µs). */
  find(event: EventIdentity, nowUs: number): number | undefined {
    return this.live.get(event.customerId, event.micros, event.eventType, event.typesId, event.values, nowUs);
  }

  /** Extends the memory of these stored events to `untilUs` (epoch µs). */
  extend(eventIds: readonly number[], untilUs: number): void {
    if (eventIds.length) this.extendAll.run(untilUs, JSON.stringify(eventIds));
  }
}
