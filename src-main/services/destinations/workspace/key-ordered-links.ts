import type { MultiRowInsert } from './multi-row-insert';

/** A link row as customer_ids takes it: id_type, value, customer_id, linked_us. */
type LinkRow = [idType: string, value: string, customerId: number, linkedUs: number];

/**
 * New customer IDs waiting to be written in key order (issue 18, item 2). A file's IDs come in
 * random order, and each inserted alone lands on a random page of `customer_ids`; sorted, the
 * inserts walk its pages in order. Once `capacity` links wait, they are sorted into a set that is
 * written a slice at a time, one slice at each batch's end (writeSlice), while new links wait
 * again: each slice is a run of neighbouring keys, so the pages stay in order, and the writer
 * never stops for long. Written whole, a set of 65,536 took the writer 200–290 ms, and the
 * preparing thread, at most a few batches (~40 ms) ahead, stood still through each of them: six
 * stalls, 1.6 s of a 12 s run of the realistic file.
 */
export class KeyOrderedLinks {
  private waiting = new Map<string, LinkColumns>();
  private waitingCount = 0;
  /** The sorted set being written, and the next row of it to write. */
  private sorted: LinkRow[] = [];
  private next = 0;
  private readonly sliceRows: number;

  constructor(private readonly capacity: number) {
    this.sliceRows = Math.max(1, Math.ceil(capacity / SLICES));
  }

  /** Whether the waiting links fill a set: call startSet (after writing their customers). */
  get full(): boolean {
    return this.waitingCount >= this.capacity;
  }

  add(idType: string, value: string, customerId: number, linkedUs: number): void {
    let links = this.waiting.get(idType);
    if (!links) this.waiting.set(idType, (links = { values: [], customers: [], stamps: [] }));
    links.values.push(value);
    links.customers.push(customerId);
    links.stamps.push(linkedUs);
    this.waitingCount++;
  }

  /** Writes what is left of the set being written, then sorts the waiting links into the next. */
  startSet(insert: MultiRowInsert): void {
    this.writeRows(insert, this.sorted.length);
    this.sorted = this.takeSorted();
    this.next = 0;
  }

  /** Writes the next slice of the sorted set (the batch's share). */
  writeSlice(insert: MultiRowInsert): void {
    this.writeRows(insert, Math.min(this.sorted.length, this.next + this.sliceRows));
  }

  /** Writes every link: the rest of the sorted set, then the waiting ones sorted. */
  writeAll(insert: MultiRowInsert): void {
    this.startSet(insert);
    this.writeRows(insert, this.sorted.length);
  }

  private writeRows(insert: MultiRowInsert, end: number): void {
    for (; this.next < end; this.next++) insert.add(...this.sorted[this.next]!);
    if (this.next === this.sorted.length) {
      this.sorted = [];
      this.next = 0;
    }
  }

  /**
   * The waiting links sorted by (type, value), and none left waiting. Values compare by UTF-16
   * code units where SQLite compares UTF-8 bytes: the orders differ only past U+FFFF, which costs
   * locality, not correctness. (65,536 links: 45–57 ms comparing values only, 64–75 ms comparing
   * the type first, hence a list per type.)
   */
  private takeSorted(): LinkRow[] {
    // Reads by customer write everything first, row after row in some files: nothing to allocate.
    if (this.waitingCount === 0) return [];
    const rows: LinkRow[] = [];
    for (const idType of [...this.waiting.keys()].sort()) {
      const { values, customers, stamps } = this.waiting.get(idType)!;
      const order = Array.from(values.keys());
      order.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
      for (const at of order) rows.push([idType, values[at]!, customers[at]!, stamps[at]!]);
    }
    this.waiting = new Map();
    this.waitingCount = 0;
    return rows;
  }
}

/** A set is written over this many batches at least. */
const SLICES = 64;

interface LinkColumns {
  values: string[];
  customers: number[];
  stamps: number[];
}
