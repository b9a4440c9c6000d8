import type { Database, Statement } from 'better-sqlite3';

/**
 * The run events name by number (event_runs, schema 20): one row per run that inserts events,
 * added with its first event inside the run's transaction, so a run that rolls back leaves none.
 * An event carries the number (a byte or two) instead of the run's 36-character id and a
 * processing time per row; expiry and the Data page find the run and the time through it.
 */
export class EventRuns {
  private number: number | null = null;
  private readonly add: Statement<[string | null, number]>;

  constructor(db: Database) {
    this.add = db.prepare('INSERT INTO event_runs (run_id, processed_us) VALUES (?, ?)');
  }

  /** The number of this applier's run, added at `processedUs` (epoch µs) on first use. */
  numberOf(runId: string | null, processedUs: number): number {
    this.number ??= Number(this.add.run(runId, processedUs).lastInsertRowid);
    return this.number;
  }
}
