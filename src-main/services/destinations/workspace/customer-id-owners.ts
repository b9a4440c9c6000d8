import type { Database, Statement } from 'better-sqlite3';
import type { MappedId } from '../../../../src-shared/mapping/map-row';

/**
 * Who owns each customer ID, for the resolver. A batch's IDs are looked up with one query per ID
 * type (load) instead of one per ID, and the resolver keeps the answers true as it links, moves
 * and drops IDs (set), so rows later in the batch see what earlier rows did before it is written.
 * An ID not loaded is looked up on its own.
 */
export class CustomerIdOwners {
  private readonly ownerOf: Statement<[string, string], number>;
  private readonly ownersOf: Statement<[string, string], [string, number]>;
  /** `type \0 value` → owner; undefined for an ID known to be nobody's. */
  private known = new Map<string, number | undefined>();

  constructor(db: Database) {
    this.ownerOf = db
      .prepare<[string, string], number>(
        'SELECT customer_id FROM customer_ids WHERE id_type = ? AND value = ?',
      )
      .pluck();
    this.ownersOf = db
      .prepare<[string, string], [string, number]>(
        `SELECT value, customer_id FROM customer_ids
         WHERE id_type = ? AND value IN (SELECT j.value FROM json_each(?) j)`,
      )
      .raw();
  }

  /** Forgets what earlier batches loaded and looks up the owners of these IDs. */
  load(ids: Iterable<MappedId>): void {
    this.known = new Map();
    const valuesByType = new Map<string, string[]>();
    for (const { idType, value } of ids) {
      const key = keyOf(idType, value);
      if (this.known.has(key)) continue;
      this.known.set(key, undefined);
      let values = valuesByType.get(idType);
      if (!values) valuesByType.set(idType, (values = []));
      values.push(value);
    }
    for (const [idType, values] of valuesByType) {
      for (const [value, owner] of this.ownersOf.all(idType, JSON.stringify(values))) {
        this.known.set(keyOf(idType, value), owner);
      }
    }
  }

  /** The customer holding the ID, or undefined. */
  get(idType: string, value: string): number | undefined {
    const key = keyOf(idType, value);
    return this.known.has(key) ? this.known.get(key) : this.ownerOf.get(idType, value);
  }

  /** Records that the ID now belongs to `owner` (undefined: to nobody). */
  set(idType: string, value: string, owner: number | undefined): void {
    this.known.set(keyOf(idType, value), owner);
  }
}

function keyOf(idType: string, value: string): string {
  return `${idType}\0${value}`;
}
