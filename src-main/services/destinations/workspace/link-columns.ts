import { IntakeError } from '../../../../src-shared/errors';

/** Links a column store starts with room for; it doubles up to its capacity. */
const FIRST_ROOM = 4096;
/** UTF-8 bytes a UTF-16 code unit takes at most. */
const MAX_UTF8_PER_UNIT = 3;

/**
 * New customer links (ID type, value, customer, time) held in typed arrays, values as UTF-8 in one
 * byte store: about 40 bytes a link for the realistic file's IDs. As JavaScript strings and number
 * arrays they cost ~190 bytes each in the writing thread's heap, counting the garbage each sorted
 * set left until a full GC: with 262,144 held, the run's peak RSS went from 270 to 297 MB (issue 18).
 *
 * Values are kept and sorted as UTF-8 bytes: that is the order SQLite's index on (id_type, value)
 * keeps them in. A value with a lone surrogate is also kept as the string itself: UTF-8 has no
 * byte for it (Buffer writes U+FFFD), and binding the string stores what V8 writes for it, which
 * the link must store too.
 */
export class LinkColumns {
  /** Index into the run's ID type names (KeyOrderedLinks keeps them). */
  types = new Uint16Array(0);
  customers = new Float64Array(0);
  stamps = new Float64Array(0);
  /** Where each value's bytes end; a value starts where the one before it ends. */
  ends = new Uint32Array(0);
  bytes: Buffer = Buffer.alloc(0);
  count = 0;
  /** The values that are not well-formed UTF-16, by index (none, almost always). */
  private malformed: Map<number, string> | null = null;

  /** `capacity`: the most links it takes (the set size). */
  constructor(private readonly capacity: number) {}

  get full(): boolean {
    return this.count >= this.capacity;
  }

  add(type: number, value: string, customerId: number, linkedUs: number): void {
    if (this.count === this.types.length) this.grow();
    const start = this.count === 0 ? 0 : this.ends[this.count - 1]!;
    const most = start + value.length * MAX_UTF8_PER_UNIT;
    if (most > this.bytes.length)
      this.bytes = copied(this.bytes, start, Math.max(this.bytes.length * 2, most));
    const at = this.count++;
    this.types[at] = type;
    this.customers[at] = customerId;
    this.stamps[at] = linkedUs;
    this.ends[at] = start + this.bytes.write(value, start, 'utf8');
    if (!value.isWellFormed()) (this.malformed ??= new Map()).set(at, value);
  }

  /** The value of the link at `at`, as a string again. */
  value(at: number): string {
    const malformed = this.malformed?.get(at);
    if (malformed !== undefined) return malformed;
    return this.bytes.toString('utf8', at === 0 ? 0 : this.ends[at - 1], this.ends[at]);
  }

  /**
   * The links' indexes sorted by type (in `typeRank` order), then by value bytes. 65,536 links of
   * the realistic file sort in about 30 ms (as strings: 50).
   */
  sortedOrder(typeRank: Uint16Array): Uint32Array {
    const { types, ends, bytes } = this;
    const order = new Uint32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => {
      const byType = typeRank[types[a]!]! - typeRank[types[b]!]!;
      if (byType !== 0) return byType;
      let i = a === 0 ? 0 : ends[a - 1]!;
      let j = b === 0 ? 0 : ends[b - 1]!;
      const endA = ends[a]!;
      const endB = ends[b]!;
      for (; i < endA && j < endB; i++, j++) {
        const byByte = bytes[i]! - bytes[j]!;
        if (byByte !== 0) return byByte;
      }
      return endA - i - (endB - j);
    });
  }

  /** A copy of the links, each array cut to its length; this store is emptied for reuse. */
  takeExact(): LinkColumns {
    const taken = new LinkColumns(this.count);
    const used = this.count === 0 ? 0 : this.ends[this.count - 1]!;
    taken.types = this.types.slice(0, this.count);
    taken.customers = this.customers.slice(0, this.count);
    taken.stamps = this.stamps.slice(0, this.count);
    taken.ends = this.ends.slice(0, this.count);
    taken.bytes = copied(this.bytes, used, used);
    taken.count = this.count;
    taken.malformed = this.malformed;
    this.count = 0;
    this.malformed = null;
    return taken;
  }

  private grow(): void {
    const room = Math.min(this.capacity, Math.max(FIRST_ROOM, this.types.length * 2));
    // The owner takes the links (takeExact) once full; a typed array would drop what it cannot hold.
    if (room <= this.types.length)
      throw new IntakeError('INTERNAL', `More than ${this.capacity} links were held in one set.`);
    this.types = grown(this.types, new Uint16Array(room));
    this.customers = grown(this.customers, new Float64Array(room));
    this.stamps = grown(this.stamps, new Float64Array(room));
    this.ends = grown(this.ends, new Uint32Array(room));
  }
}

function grown<T extends Uint16Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** The first `used` bytes of `bytes` in a new store of `size` bytes. */
function copied(bytes: Buffer, used: number, size: number): Buffer {
  const store = Buffer.allocUnsafe(size);
  bytes.copy(store, 0, 0, used);
  return store;
}
