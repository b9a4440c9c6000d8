import type { Database, Statement } from 'better-sqlite3';

/** Acknowledged requests folded into the delta's memory per transaction. */
const MERGE_ROWS = 2000;

/**
 * What a destination remembers of the records it took (the delta): per record key's hash, the
 * fingerprint last acknowledged and when, in `push_sent`. Acknowledgements are appended to
 * `push_acked` as they arrive (cheap, in arrival order) and folded into `push_sent` in key order
 * by `merge` — at the end of a run, and before a run reads the delta (what a killed run left).
 */
export class DeltaMemory {
  private readonly appendStatement: Statement;

  constructor(
    private readonly db: Database,
    private readonly destinationId: string,
  ) {
    this.appendStatement = db.prepare(
      'INSERT INTO push_acked (destination_id, sent_at, records) VALUES (?, ?, ?)',
    );
  }

  /** Appends an acknowledged request's records: key hash, fingerprint, … (in the caller's transaction). */
  append(sentAt: number, pairs: readonly number[]): void {
    this.appendStatement.run(this.destinationId, sentAt, JSON.stringify(pairs));
  }

  /**
   * Folds what was appended into `push_sent`, sorted by key hash within each transaction (a later
   * acknowledgement of the same key wins). Idempotent: a crash mid-way leaves the rest for later.
   */
  merge(): void {
    const read = this.db.prepare(
      'SELECT rowid AS id, sent_at AS sentAt, records FROM push_acked WHERE destination_id = ? ORDER BY rowid LIMIT ?',
    );
    const remember = this.db.prepare(
      `INSERT INTO push_sent (destination_id, key_hash, fingerprint, sent_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (destination_id, key_hash) DO UPDATE SET fingerprint = excluded.fingerprint, sent_at = excluded.sent_at`,
    );
    const done = this.db.prepare('DELETE FROM push_acked WHERE destination_id = ? AND rowid <= ?');
    for (;;) {
      const rows = read.all(this.destinationId, MERGE_ROWS) as {
        id: number;
        sentAt: number;
        records: string;
      }[];
      if (rows.length === 0) return;
      const entries: { key: number; fingerprint: number; sentAt: number; order: number }[] = [];
      for (const row of rows) {
        const pairs = JSON.parse(row.records) as number[];
        for (let at = 0; at + 1 < pairs.length; at += 2) {
          entries.push({
            key: pairs[at]!,
            fingerprint: pairs[at + 1]!,
            sentAt: row.sentAt,
            order: entries.length,
          });
        }
      }
      entries.sort((a, b) => a.key - b.key || a.order - b.order);
      this.db.transaction(() => {
        for (const entry of entries)
          remember.run(this.destinationId, entry.key, entry.fingerprint, entry.sentAt);
        done.run(this.destinationId, rows.at(-1)!.id);
      })();
    }
  }

  /**
   * The delta as it stood at `asOf` (ms): whether a record was acknowledged with this fingerprint
   * before then. Merge first. Acknowledgements of the asking run come later and are not seen, so a
   * run's counts do not depend on how fast the platform answers (a dry run's equal a real run's).
   * When the destination remembers nothing, no lookup is made at all.
   */
  unchangedSince(asOf: number): (keyHash: number, fingerprint: number) => boolean {
    const any = this.db
      .prepare('SELECT EXISTS (SELECT 1 FROM push_sent WHERE destination_id = ?)')
      .pluck()
      .get(this.destinationId);
    if (!any) return () => false;
    const statement = this.db
      .prepare('SELECT fingerprint FROM push_sent WHERE destination_id = ? AND key_hash = ? AND sent_at < ?')
      .pluck();
    return (keyHash, fingerprint) => statement.get(this.destinationId, keyHash, asOf) === fingerprint;
  }
}
