import type { Database, Statement } from 'better-sqlite3';

/** The delta of a destination that remembers nothing: every record is new. */
export const NOTHING_REMEMBERED = (): boolean => false;

/** Records folded into `push_sent` per transaction: other writers of the control database wait at most one. */
const MERGE_RECORDS = 100_000;

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

  /** Appends an acknowledged request's records as `[[key hash, fingerprint], …]` (in the caller's transaction). */
  append(sentAt: number, records: readonly (readonly [number, number])[]): void {
    this.appendStatement.run(this.destinationId, sentAt, JSON.stringify(records));
  }

  /**
   * Folds what was appended into `push_sent`: sorted once by key hash (a later acknowledgement of
   * the same key after an earlier one) into a temporary table, then upserted in key order in
   * transactions of MERGE_RECORDS — each page of `push_sent` is written once, where upserting in
   * arrival order wrote one per record. Idempotent: a crash mid-way leaves `push_acked` to fold
   * again, with the same result.
   */
  merge(): void {
    const last = this.db
      .prepare('SELECT MAX(rowid) FROM push_acked WHERE destination_id = ?')
      .pluck()
      .get(this.destinationId) as number | null;
    if (last === null) return;
    this.db.exec('DROP TABLE IF EXISTS temp.push_merge');
    this.db
      .prepare(
        `CREATE TEMP TABLE push_merge AS
         SELECT json_extract(p.value, '$[0]') AS key_hash, json_extract(p.value, '$[1]') AS fingerprint, a.sent_at
         FROM push_acked a, json_each(a.records) p
         WHERE a.destination_id = ? AND a.rowid <= ?
         ORDER BY 1, a.rowid, p.key`,
      )
      .run(this.destinationId, last);
    const count = this.db.prepare('SELECT MAX(rowid) FROM temp.push_merge').pluck().get() as number | null;
    const fold = this.db.prepare(
      `INSERT INTO push_sent (destination_id, key_hash, fingerprint, sent_at)
       SELECT ?, key_hash, fingerprint, sent_at FROM temp.push_merge WHERE rowid BETWEEN ? AND ? ORDER BY rowid
       ON CONFLICT (destination_id, key_hash) DO UPDATE SET fingerprint = excluded.fingerprint, sent_at = excluded.sent_at`,
    );
    const total = count ?? 0;
    for (let from = 1; from <= Math.max(total, 1); from += MERGE_RECORDS) {
      this.db.transaction(() => {
        if (total > 0) fold.run(this.destinationId, from, from + MERGE_RECORDS - 1);
        if (from + MERGE_RECORDS > total) {
          this.db
            .prepare('DELETE FROM push_acked WHERE destination_id = ? AND rowid <= ?')
            .run(this.destinationId, last);
        }
      })();
    }
    this.db.exec('DROP TABLE temp.push_merge');
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
    if (!any) return NOTHING_REMEMBERED;
    const statement = this.db
      .prepare('SELECT fingerprint FROM push_sent WHERE destination_id = ? AND key_hash = ? AND sent_at < ?')
      .pluck();
    return (keyHash, fingerprint) => statement.get(this.destinationId, keyHash, asOf) === fingerprint;
  }
}
