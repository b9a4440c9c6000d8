import type { Database, Statement } from 'better-sqlite3';
import { MultiRowInsert } from './multi-row-insert';

/**
 * The resolver's writes: new customers and newly linked IDs wait in buffers and reach the tables
 * in multi-row INSERTs; a moved ID is an UPDATE of a stored row, so it writes what waits first.
 * New customers get their IDs here (one past the largest stored), so a waiting customer already
 * has the ID its events and links will name.
 *
 * New links may wait longer than a batch (`linksInKeyOrder`), to be written sorted by key: a
 * file's IDs come in random order, and each inserted alone lands on a random page of
 * `customer_ids`; sorted, a flush walks the table's pages once, in order.
 */
export class CustomerWrites {
  private readonly customers: MultiRowInsert;
  private readonly links: MultiRowInsert;
  private readonly waiting = new WaitingLinks();
  private readonly largestId: Statement<[], number>;
  private readonly move: Statement<[number, number, string, string]>;
  /**
   * The ID the next new customer gets: read at the batch's first new customer. Nothing else adds
   * customers while a run writes (it holds the write lock), so it stays right across flushes.
   */
  private nextId: number | undefined;

  /**
   * `linksInKeyOrder`: how many new links may wait for flush() to be written sorted (0: they are
   * written at every endBatch, in the order they were made).
   */
  constructor(
    db: Database,
    private readonly linksInKeyOrder = 0,
  ) {
    this.customers = new MultiRowInsert(db, 'customers', ['id', 'created_at', 'updated_at']);
    this.links = new MultiRowInsert(db, 'customer_ids', ['id_type', 'value', 'customer_id', 'linked_us']);
    this.largestId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM customers').pluck();
    this.move = db.prepare(
      'UPDATE customer_ids SET customer_id = ?, linked_us = ? WHERE id_type = ? AND value = ?',
    );
  }

  /** Starts a batch: the next new customer's ID is read again. */
  begin(): void {
    this.nextId = undefined;
  }

  /** A new customer, created at `nowIso`; returns its ID. */
  create(nowIso: string): number {
    this.nextId ??= this.largestId.get()! + 1;
    const id = this.nextId++;
    this.customers.add(id, nowIso, nowIso);
    return id;
  }

  /** Links an ID nobody holds to the customer. */
  link(idType: string, value: string, customerId: number, linkedUs: number): void {
    if (this.linksInKeyOrder === 0) {
      this.links.add(idType, value, customerId, linkedUs);
      return;
    }
    this.waiting.add(idType, value, customerId, linkedUs);
    if (this.waiting.size >= this.linksInKeyOrder) this.flush();
  }

  /** Moves an ID another customer holds to this one. */
  moveTo(customerId: number, linkedUs: number, idType: string, value: string): void {
    this.flush();
    this.move.run(customerId, linkedUs, idType, value);
  }

  /** Ends a batch: writes its new customers, and its links unless they wait for key order. */
  endBatch(): void {
    this.customers.flush();
    this.links.flush();
  }

  /** Writes everything that waits: customers first, then the links that name them. */
  flush(): void {
    this.customers.flush();
    this.waiting.drainSorted((...row) => this.links.add(...row));
    this.links.flush();
  }
}

/** New links waiting to be written: per ID type, column by column. */
class WaitingLinks {
  private byType = new Map<string, { values: string[]; customers: number[]; stamps: number[] }>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(idType: string, value: string, customerId: number, linkedUs: number): void {
    let links = this.byType.get(idType);
    if (!links) this.byType.set(idType, (links = { values: [], customers: [], stamps: [] }));
    links.values.push(value);
    links.customers.push(customerId);
    links.stamps.push(linkedUs);
    this.count++;
  }

  /**
   * Hands every link over sorted by (type, value), and forgets them. Values compare by UTF-16 code
   * units where SQLite compares UTF-8 bytes: the orders differ only past U+FFFF, which costs
   * locality, not correctness. (65,536 links: 45–57 ms comparing values only, 64–75 ms comparing
   * the type first.)
   */
  drainSorted(write: (idType: string, value: string, customerId: number, linkedUs: number) => void): void {
    if (this.count === 0) return;
    const types = [...this.byType.keys()].sort();
    for (const idType of types) {
      const { values, customers, stamps } = this.byType.get(idType)!;
      const order = Array.from(values.keys());
      order.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
      for (const at of order) write(idType, values[at]!, customers[at]!, stamps[at]!);
    }
    this.byType = new Map();
    this.count = 0;
  }
}
