import type { Database, Statement } from 'better-sqlite3';
import type { MappedId } from '../../../../src-shared/mapping/map-row';

/**
 * Who owns each customer ID, for the resolver. A batch's IDs are looked up with one query per ID
 * type (load) instead of one per ID, and the resolver keeps the answers true as it links, moves
 * and drops IDs (set), so rows later in the batch see what earlier rows did before it is written.
 * An ID not loaded is looked up on its own, after `beforeLookup` (the resolver writes what waits,
 * so the lookup sees it). load() starts each batch: answers kept from the batch before would go
 * stale.
 */
export class CustomerIdOwners {
  private readonly ownerOf: Statement<[string, string], number>;
  private readonly ownersOf: Statement<[string, string], [number, number]>;
  /** `type \0 value` → owner; undefined for an ID known to be nobody's. */
  private known = new Map<string, number | undefined>();

  constructor(
    db: Database,
    private readonly beforeLookup: () => void,
  ) {
    this.ownerOf = db
      .prepare<[string, string], number>(
        'SELECT customer_id FROM customer_ids WHERE id_type = ? AND value = ?',
      )
      .pluck();
    // Answers name the value by its index in the batch's list, not by the text read back: a value
    // SQLite cannot hold as valid UTF-8 (a lone surrogate) would not read back as the same string.
    this.ownersOf = db
      .prepare<[string, string], [number, number]>(
        `SELECT j.key, c.customer_id FROM json_each(?) j CROSS JOIN customer_ids c
         WHERE c.id_type = ? AND c.value = j.value`,
      )
      .raw();
  }

  /** Forgets what earlier batches loaded and looks up the owners of these IDs. */
  load(ids: Iterable<MappedId>): void {
    this.known = new Map();
    const valuesByType = new Map<string, string[]>();
    for (const id of ids) {
      const { idType } = id;
      const { value } = id;
      const key = keyOf(idType, value);
      if (this.known.has(key)) continue;
      this.known.set(key, undefined);
      let values = valuesByType.get(idType);
      if (!values) valuesByType.set(idType, (values = []));
      values.push(value);
    }
    for (const [idType, values] of valuesByType) {
      for (const [index, owner] of this.ownersOf.all(JSON.stringify(values), idType)) {
        this.known.set(keyOf(idType, values[index]!), owner);
      }
    }
  }

  /** The customer holding the ID, or undefined. */
  get(idType: string, value: string): number | undefined {
    const key = keyOf(idType, value);
    if (this.known.has(key)) return this.known.get(key);
    this.beforeLookup();
    return this.ownerOf.get(idType, value);
  }

  /** Records that the ID now belongs to `owner` (undefined: to nobody). */
  set(idType: string, value: string, owner: number | undefined): void {
    this.known.set(keyOf(idType, value), owner);
  }
}

function keyOf(idType: string, value: string): string {
  return `${idType}\0${value}`;
}
