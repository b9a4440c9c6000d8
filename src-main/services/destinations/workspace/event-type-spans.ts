import type { Database, Statement } from 'better-sqlite3';

type Micros = number | bigint;

/**
 * The first and last timestamp of an event type (event_type_spans), widened by the events a run
 * inserts: events_by_type indexes arrival, not time, so the overview reads them here instead of
 * scanning every event. Saved once per batch; removing events recomputes them (recomputeSpans).
 */
export class EventTypeSpans {
  private first: Micros | null = null;
  private last: Micros | null = null;
  private readonly widen: Statement<[string, Micros, Micros]>;

  constructor(
    db: Database,
    private readonly eventType: string,
  ) {
    this.widen = db.prepare(
      `INSERT INTO event_type_spans (event_type, first_us, last_us) VALUES (?, ?, ?)
       ON CONFLICT (event_type) DO UPDATE SET
         first_us = MIN(first_us, excluded.first_us), last_us = MAX(last_us, excluded.last_us)`,
    );
  }

  include(micros: Micros): void {
    if (this.first === null || micros < this.first) this.first = micros;
    if (this.last === null || micros > this.last) this.last = micros;
  }

  save(): void {
    if (this.first === null || this.last === null) return;
    this.widen.run(this.eventType, this.first, this.last);
    this.first = this.last = null;
  }
}

/** Recomputes every type's span from the events, after events were deleted. */
export function recomputeSpans(db: Database): void {
  db.exec(`
    DELETE FROM event_type_spans;
    INSERT INTO event_type_spans
      SELECT event_type, MIN(timestamp_us), MAX(timestamp_us) FROM events GROUP BY event_type;
  `);
}
