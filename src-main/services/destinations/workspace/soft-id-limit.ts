import type { Database, Statement } from 'better-sqlite3';

/** The platforms keep at most this many soft IDs of one type per customer (REFERENCE). */
export const SOFT_IDS_PER_TYPE = 64;

/**
 * Keeps a customer at SOFT_IDS_PER_TYPE soft IDs of a type: before one more is linked, the least
 * recently linked one goes. "Used" is linking: a row that adds or moves an ID stamps it; rows that
 * only look an ID up do not, since that would be a write per event.
 */
export class SoftIdLimit {
  private readonly count: Statement<[number, string], number>;
  private readonly dropOldest: Statement<[number, string], string>;

  constructor(db: Database) {
    this.count = db
      .prepare<[number, string], number>(
        'SELECT COUNT(*) FROM customer_ids WHERE customer_id = ? AND id_type = ?',
      )
      .pluck();
    this.dropOldest = db
      .prepare<[number, string], string>(
        `DELETE FROM customer_ids WHERE (id_type, value) = (
           SELECT id_type, value FROM customer_ids WHERE customer_id = ? AND id_type = ?
           ORDER BY linked_us, value LIMIT 1)
         RETURNING value`,
      )
      .pluck();
  }

  /** Makes room for one more ID of `idType` on the customer; returns the value dropped, if any. */
  makeRoom(customerId: number, idType: string): string | undefined {
    if (this.count.get(customerId, idType)! < SOFT_IDS_PER_TYPE) return undefined;
    return this.dropOldest.get(customerId, idType);
  }
}
