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
  /** Extensions held for finish(), when deferred: the events' IDs and the time they extend to. */
  private pending: { ids: number[]; untilUs: number } | null = null;

  /**
   * `deferExtensions`: a run that calls finish() before its commit may hold the extensions until
   * then (see extend).
   */
  constructor(
    db: Database,
    private readonly deferExtensions = false,
  ) {
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

  /**
   * Extends the memory of these stored events to `untilUs` (epoch µs): at once, or, when deferred,
   * at finish() (or once MAX_PENDING wait), sorted by ID. Written between the duplicate checks,
   * each batch's extensions made the next batch's checks slower (300,000 re-imported events: the
   * checks 1.7 → 2.8 µs each, 3.45 µs per event in all; extending them all at the end, 2.6 µs).
   * Deferring changes no answer: a run checks liveness at its one processing time, and extending
   * only moves a live memory's end further out.
   */
  extend(eventIds: readonly number[], untilUs: number): void {
    if (eventIds.length === 0) return;
    if (!this.deferExtensions) {
      this.extendAll.run(untilUs, JSON.stringify(eventIds));
      return;
    }
    if (this.pending && this.pending.untilUs !== untilUs) this.finish();
    this.pending ??= { ids: [], untilUs };
    for (const id of eventIds) this.pending.ids.push(id);
    if (this.pending.ids.length >= MAX_PENDING) this.finish();
  }

  /** Writes the extensions held back (a deferring caller calls it before the run commits). */
  finish(): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    // In ID order, so the updates walk the table's pages in order (a typed array sorts by number).
    const ids = Float64Array.from(pending.ids).sort();
    for (let from = 0; from < ids.length; from += EXTEND_CHUNK) {
      this.extendAll.run(
        pending.untilUs,
        JSON.stringify(Array.from(ids.subarray(from, from + EXTEND_CHUNK))),
      );
    }
  }
}

/** Deferred extensions held at most (8 bytes each), and written per statement. */
const MAX_PENDING = 1 << 21;
const EXTEND_CHUNK = 65_536;
