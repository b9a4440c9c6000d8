import type { MultiRowInsert } from './multi-row-insert';

/** How many links wait at most, and how many make a set sorted together. */
export interface KeyOrderLimits {
  /** Links sorted together into one set (the more, the closer their pages). */
  setSize: number;
  /** Links held unwritten at most, waiting or in sets (each costs ~60 bytes of the run's memory). */
  maxHeld: number;
}

/**
 * New customer IDs waiting to be written in key order (issue 18, item 2). A file's IDs come in
 * random order, and each inserted alone lands on a random page of `customer_ids`; sorted, the
 * inserts walk its pages in order. Once `setSize` links wait, they are sorted into a set.
 *
 * Sets are written when the writer has nothing else to do (writeSlice, a slice at a time, while it
 * waits for the thread preparing the rows), or whole once more than `maxHeld` links are held. A
 * run's new customers come early (most of a file's customers appear in its first third), when the
 * writer is the slower thread and the preparer waited 1.2 s for it; later the writer waits for the
 * preparer, and that idle time now writes the links. Writing a slice at every batch's end, as
 * before, kept them in the busy part of the run.
 */
export class KeyOrderedLinks {
  private waiting = new Map<string, LinkColumns>();
  private waitingCount = 0;
  /** Sorted sets not written whole yet, oldest first; `next` is the first unwritten row of the oldest. */
  private readonly sets: SortedLinks[] = [];
  private next = 0;
  private held = 0;

  constructor(private readonly limits: KeyOrderLimits) {}

  /** Whether more links are held than allowed: call writeDue (after writing their customers). */
  get overfull(): boolean {
    return this.held > this.limits.maxHeld;
  }

  add(idType: string, value: string, customerId: number, linkedUs: number): void {
    let links = this.waiting.get(idType);
    if (!links) this.waiting.set(idType, (links = { values: [], customers: [], stamps: [] }));
    links.values.push(value);
    links.customers.push(customerId);
    links.stamps.push(linkedUs);
    this.waitingCount++;
    this.held++;
    if (this.waitingCount >= this.limits.setSize) this.seal();
  }

  /** Writes whole sets, oldest first, until no more than maxHeld links are held. */
  writeDue(insert: MultiRowInsert): void {
    while (this.held > this.limits.maxHeld) {
      if (this.sets.length === 0) this.seal();
      this.writeRows(insert, Infinity);
    }
  }

  /**
   * Writes up to `rows` links in key order (sorting what waits into a set when no set is left);
   * false when none was held.
   */
  writeSlice(insert: MultiRowInsert, rows: number): boolean {
    if (this.sets.length === 0) this.seal();
    if (this.sets.length === 0) return false;
    this.writeRows(insert, rows);
    return true;
  }

  /** Writes every link: the sets, then what waits, sorted. */
  writeAll(insert: MultiRowInsert): void {
    this.seal();
    while (this.sets.length > 0) this.writeRows(insert, Infinity);
  }

  /** Writes up to `rows` rows of the oldest set. */
  private writeRows(insert: MultiRowInsert, rows: number): void {
    const set = this.sets[0]!;
    const end = Math.min(set.values.length, this.next + rows);
    for (let at = this.next; at < end; at++) {
      insert.add(set.idTypes[at]!, set.values[at]!, set.customers[at]!, set.stamps[at]!);
    }
    this.held -= end - this.next;
    this.next = end;
    if (end === set.values.length) {
      this.sets.shift();
      this.next = 0;
    }
  }

  /**
   * Sorts the waiting links by (type, value) into a new set; none wait after. Values compare by
   * UTF-16 code units where SQLite compares UTF-8 bytes: the orders differ only past U+FFFF, which
   * costs locality, not correctness. (65,536 links: 45–57 ms comparing values only, 64–75 ms
   * comparing the type first, hence a list per type.) Columns, not a tuple per link: a run may
   * hold a few hundred thousand.
   */
  private seal(): void {
    // Reads by customer write everything first, row after row in some files: nothing to allocate.
    if (this.waitingCount === 0) return;
    const set: SortedLinks = {
      idTypes: [],
      values: [],
      customers: new Float64Array(this.waitingCount),
      stamps: new Float64Array(this.waitingCount),
    };
    for (const idType of [...this.waiting.keys()].sort()) {
      const { values, customers, stamps } = this.waiting.get(idType)!;
      const order = Array.from(values.keys());
      order.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
      for (const at of order) {
        set.customers[set.values.length] = customers[at]!;
        set.stamps[set.values.length] = stamps[at]!;
        set.idTypes.push(idType);
        set.values.push(values[at]!);
      }
    }
    this.sets.push(set);
    this.waiting = new Map();
    this.waitingCount = 0;
  }
}

interface LinkColumns {
  values: string[];
  customers: number[];
  stamps: number[];
}

/** A set of links sorted by (type, value), as columns. */
interface SortedLinks {
  idTypes: string[];
  values: string[];
  customers: Float64Array;
  stamps: Float64Array;
}
