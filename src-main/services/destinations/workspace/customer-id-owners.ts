import type { Database, Statement } from 'better-sqlite3';
import type { MappedId } from '../../../../src-shared/mapping/map-row';
import {
  IdOwnerMemory,
  NOBODY,
  PER_BATCH_LIMITS,
  UNKNOWN,
  type IdOwnerMemoryLimits,
} from './id-owner-memory';

/**
 * Who owns each customer ID, for the resolver. The owners of a batch's IDs the run has not met
 * yet are looked up with one query per ID type (load) instead of one per ID; the answers are
 * remembered for the rest of the run (IdOwnerMemory; a run that starts with no IDs stored asks
 * nothing while the memory holds all it linked), and the resolver keeps them true as it links,
 * moves and drops IDs (set), so later rows see what earlier rows did before it is written.
 * An ID not remembered is looked up on its own. Before the database is asked, `beforeLookup`
 * writes what waits (the resolver's new links may wait to be written in key order), unless the
 * memory has lost nothing since it last ran: then every link made since is remembered, so the
 * IDs asked about are none of them.
 */
export class CustomerIdOwners {
  private readonly ownerOf: Statement<[string, string], number>;
  private readonly ownersOf: Statement<[string, string], [number, number]>;
  private readonly memory: IdOwnerMemory;
  /** The memory's losses when beforeLookup last ran. */
  private lostAtLookup: number;

  /**
   * `perBatch`: forget the answers at each load(), for a reader that does not write and is not
   * inside the writers' transaction (the identity preview: a run may commit between its batches).
   * `holdStored`: for a large run, read every stored ID into the memory first when the workspace
   * is small enough (see holdStoredIds). `limits`: the memory's (tests shrink or disable it).
   */
  constructor(
    db: Database,
    private readonly beforeLookup: () => void,
    private readonly options: { perBatch?: boolean; holdStored?: boolean; limits?: IdOwnerMemoryLimits } = {},
  ) {
    this.memory = new IdOwnerMemory(options.limits ?? (options.perBatch ? PER_BATCH_LIMITS : undefined));
    if (!options.perBatch && db.prepare('SELECT 1 FROM customer_ids LIMIT 1').get() === undefined) {
      this.memory.startComplete();
    } else if (options.holdStored && !options.perBatch) {
      holdStoredIds(db, this.memory);
    }
    this.lostAtLookup = this.memory.lost;
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

  /** Looks up the owners of the batch's IDs that the run has not met yet. */
  load(ids: Iterable<MappedId>): void {
    if (this.options.perBatch) this.memory.forget();
    // A complete memory answers every ID itself (get counts the looks instead): a pass over the
    // batch's IDs here only hashed each of them a second time (0.77 s of the writer per 2,000,000).
    if (this.memory.isComplete) return;
    const valuesByType = new Map<string, string[]>();
    for (const { idType, value } of ids) {
      if (this.memory.lookup(idType, value) !== UNKNOWN) continue;
      // Nobody's until the query below says otherwise; remembering it now also skips the same ID
      // later in the batch. Nothing reads the memory before the answers are in.
      this.memory.remember(idType, value, undefined);
      let values = valuesByType.get(idType);
      if (!values) valuesByType.set(idType, (values = []));
      values.push(value);
    }
    if (valuesByType.size > 0) this.writeBeforeLookup();
    for (const [idType, values] of valuesByType) {
      for (const [index, owner] of this.ownersOf.all(JSON.stringify(values), idType)) {
        this.memory.remember(idType, values[index]!, owner);
      }
    }
  }

  /** The customer holding the ID, or undefined. */
  get(idType: string, value: string): number | undefined {
    const owner = this.memory.isComplete
      ? this.memory.lookup(idType, value)
      : this.memory.owner(idType, value);
    if (owner === NOBODY) return undefined;
    if (owner !== UNKNOWN) return owner;
    this.writeBeforeLookup();
    const stored = this.ownerOf.get(idType, value);
    this.memory.remember(idType, value, stored);
    return stored;
  }

  /** Records that the ID now belongs to `owner` (undefined: to nobody). */
  set(idType: string, value: string, owner: number | undefined): void {
    this.memory.remember(idType, value, owner);
  }

  /** Has what waits written when the memory may have lost a link it made (see the class comment). */
  private writeBeforeLookup(): void {
    if (this.memory.lost === this.lostAtLookup) return;
    this.beforeLookup();
    this.lostAtLookup = this.memory.lost;
  }

  /**
   * Records that the soft-ID limit dropped the ID, as SQLite returned its value. When that value
   * may have held a lone surrogate it names another ID: then the memory forgets everything rather
   * than keep the real one's old owner.
   */
  dropped(idType: string, valueReadBack: string): void {
    if (mayHaveHeldLoneSurrogate(valueReadBack)) this.memory.forget();
    else this.memory.remember(idType, valueReadBack, undefined);
  }
}

/** Workspaces of up to this many customers have their IDs read in whole (16 MiB holds ~600,000 IDs). */
const HOLD_STORED_UP_TO_CUSTOMERS = 250_000;

/**
 * Reads every stored ID into the memory, one pass over `customer_ids` in key order, so the run
 * looks none of them up one by one (the realistic file's re-import looked up its 400,000 IDs in
 * 2.3 s of the writer) and the memory is complete from the start. Not for a workspace with more
 * customers than HOLD_STORED_UP_TO_CUSTOMERS (their IDs would not fit: reading them would be
 * wasted), nor for one holding a type or value that may have held a lone surrogate: the memory
 * would hold it under another text and take the file's ID for nobody's.
 */
function holdStoredIds(db: Database, memory: IdOwnerMemory): void {
  const customers = db.prepare('SELECT coalesce(max(id), 0) FROM customers').pluck().get() as number;
  if (customers > HOLD_STORED_UP_TO_CUSTOMERS) return;
  const read = db.prepare<[], [string, string, number]>(
    'SELECT id_type, value, customer_id FROM customer_ids',
  );
  let replaced = false;
  memory.holdAll(
    // Started only if the memory takes them: an iterator left open keeps the connection busy.
    (function* () {
      for (const row of read.raw().iterate()) {
        if (mayHaveHeldLoneSurrogate(row[0]) || mayHaveHeldLoneSurrogate(row[1])) {
          replaced = true;
          return;
        }
        yield row;
      }
    })(),
  );
  if (replaced) memory.forget();
}

/**
 * Whether text read back from SQLite may have been written with a lone surrogate: SQLite keeps the
 * surrogate's bytes, which are not UTF-8, and hands them back as U+FFFD, so the text names another
 * ID than the one stored.
 */
function mayHaveHeldLoneSurrogate(textReadBack: string): boolean {
  return textReadBack.includes('\ufffd');
}
