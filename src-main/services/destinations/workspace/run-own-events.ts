import type { Database, Statement } from 'better-sqlite3';
import { IntakeError } from '../../../../src-shared/errors';
import type { EventIdentity } from './event-memory';

/** Fewest slots, and the share of slots that may be taken (linear probing stays short below it). */
const MIN_SLOTS = 1 << 12;
const MAX_LOAD = 0.7;

/**
 * The events a run inserted, for a run that started with no events stored at all (see
 * EventsApplier's deferred index): without events_by_customer, a duplicate of an earlier batch's
 * event is found here. Only (customer, microsecond) is hashed, into an open-addressing table of
 * typed arrays sized once for the run's rows: 6 bytes a slot (a 16-bit tag of the hash and the
 * rowid), 8.6 MB for a million events, where a Map of them took about 50 and a table of whole
 * hashes and power-of-two size 16.8 (each MB counts against the run's 300 MB). A match is
 * confirmed by reading the event at its rowid and comparing its texts, so a tag or hash collision
 * costs one lookup and never a lost event.
 *
 * Rowids: the table was empty and this run is its only writer (its transaction holds the write
 * lock), and `events.id` is an INTEGER PRIMARY KEY without AUTOINCREMENT, so SQLite numbers the run's
 * inserts 1, 2, 3… in the order they are written, which is the order they were added.
 * `assertNumbered` checks that before the run commits.
 */
export class RunOwnEvents {
  /** The hash's top 16 bits; the slot comes from a remix of the whole hash. */
  private readonly tags: Uint16Array;
  /** The event's rowid; 0 marks an empty slot. */
  private readonly rowids: Uint32Array;
  private readonly capacity: number;
  /** The most events the table takes: the run's rows (and never more than MAX_LOAD of it). */
  private readonly limit: number;
  private count = 0;
  private readonly same: Statement<[number, number, number | bigint, string, number, string], number>;
  private readonly highest: Statement<[], number | null>;

  /** `expected`: the most events the run can insert (its rows). */
  constructor(
    db: Database,
    private readonly expected: number,
  ) {
    this.capacity = Math.max(MIN_SLOTS, Math.ceil(expected / MAX_LOAD) + 1);
    this.limit = Math.max(expected, Math.floor(MIN_SLOTS * MAX_LOAD));
    this.tags = new Uint16Array(this.capacity);
    this.rowids = new Uint32Array(this.capacity);
    this.same = db
      .prepare<[number, number, number | bigint, string, number, string], number>(
        `SELECT 1 FROM events
         WHERE id = ? AND customer_id = ? AND timestamp_us = ? AND event_type = ? AND types_id = ? AND attributes = ?`,
      )
      .pluck();
    this.highest = db.prepare<[], number | null>('SELECT MAX(id) FROM events').pluck();
  }

  /** Records the next event the run inserts (its rowid is the count of events added so far). */
  add(customerId: number, micros: number | bigint): void {
    if (this.count >= this.limit) {
      // The table is sized for the run's rows; more events than rows would be a bug upstream.
      throw new IntakeError(
        'INTERNAL',
        `The run inserted more events (${this.count + 1}) than it has rows (${this.expected}).`,
      );
    }
    this.count++;
    const hash = hashOf(customerId, micros);
    let slot = slotOf(hash, this.capacity);
    while (this.rowids[slot] !== 0) slot = slot + 1 === this.capacity ? 0 : slot + 1;
    this.tags[slot] = hash >>> 16;
    this.rowids[slot] = this.count;
  }

  /** Whether the run inserted an event equal to `event` (written already, not pending). */
  has(event: EventIdentity): boolean {
    const hash = hashOf(event.customerId, event.micros);
    const tag = hash >>> 16;
    for (
      let slot = slotOf(hash, this.capacity);
      this.rowids[slot] !== 0;
      slot = slot + 1 === this.capacity ? 0 : slot + 1
    ) {
      if (this.tags[slot] !== tag) continue;
      const { customerId, micros, eventType, typesId, values } = event;
      if (this.same.get(this.rowids[slot]!, customerId, micros, eventType, typesId, values) !== undefined)
        return true;
    }
    return false;
  }

  /** Throws unless the run's events hold rowids 1…count, as the lookups assumed. */
  assertNumbered(): void {
    const highest = this.highest.get() ?? 0;
    if (highest !== this.count) {
      throw new IntakeError(
        'INTERNAL',
        `The run's events were numbered up to ${highest}, not ${this.count}: its duplicate checks cannot be trusted.`,
      );
    }
  }
}

/** A 32-bit hash of (customer, microsecond): murmur3's finalizer over the three 32-bit words. */
function hashOf(customerId: number, micros: number | bigint): number {
  const time = Number(micros); // lossy past 2^53, which only makes equal hashes likelier
  const high = Math.floor(time / 4294967296);
  const low = time - high * 4294967296;
  let hash = Math.imul(customerId ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (low >>> 0) ^ (hash >>> 15), 0xc2b2ae35);
  hash = Math.imul(hash ^ (high | 0) ^ (hash >>> 13), 0x85ebca6b);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * The hash's slot among `capacity` (any size: the product's high bits, no modulo), from a remix so
 * the slot does not follow the tag's bits.
 */
function slotOf(hash: number, capacity: number): number {
  return Math.floor(((Math.imul(hash, 0x9e3779b1) >>> 0) / 4294967296) * capacity);
}
