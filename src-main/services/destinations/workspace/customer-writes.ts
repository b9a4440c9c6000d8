import type { Database, Statement } from 'better-sqlite3';
import { KeyOrderedLinks, type KeyOrderLimits } from './key-ordered-links';
import { MultiRowInsert } from './multi-row-insert';

/**
 * The resolver's writes: new customers and newly linked IDs wait in buffers and reach the tables
 * in multi-row INSERTs; a moved ID is an UPDATE of a stored row, so it writes what waits first.
 * New customers get their IDs here (one past the largest stored), so a waiting customer already
 * has the ID its events and links will name.
 *
 * New links may wait longer than a batch, to be written in key order (KeyOrderedLinks), when the
 * writer is idle (writeSome) or too many wait.
 */
export class CustomerWrites {
  private readonly customers: MultiRowInsert;
  private readonly links: MultiRowInsert;
  private readonly ordered: KeyOrderedLinks | null;
  private readonly largestId: Statement<[], number>;
  private readonly move: Statement<[number, number, string, string]>;
  /**
   * The ID the next new customer gets: read at the batch's first new customer. Nothing else adds
   * customers while a run writes (it holds the write lock), so it stays right across flushes.
   */
  private nextId: number | undefined;

  /**
   * `linksInKeyOrder`: how many new links may wait to be written in key order, and how many make a
   * set sorted together (null: links are written at every endBatch, in the order they were made).
   */
  constructor(db: Database, linksInKeyOrder: KeyOrderLimits | null = null) {
    this.ordered = linksInKeyOrder ? new KeyOrderedLinks(linksInKeyOrder) : null;
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
    if (!this.ordered) {
      this.links.add(idType, value, customerId, linkedUs);
      return;
    }
    this.ordered.add(idType, value, customerId, linkedUs);
    if (this.ordered.overfull) {
      // The customers the links name are written first.
      this.customers.flush();
      this.ordered.writeDue(this.links);
      this.links.flush();
    }
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

  /**
   * Writes up to `rows` of the links that wait for key order, for a writer with nothing else to do;
   * false when none wait.
   */
  writeSome(rows: number): boolean {
    if (!this.ordered) return false;
    this.customers.flush();
    const wrote = this.ordered.writeSlice(this.links, rows);
    this.links.flush();
    return wrote;
  }

  /** Writes everything that waits: customers first, then the links that name them. */
  flush(): void {
    this.customers.flush();
    this.ordered?.writeAll(this.links);
    this.links.flush();
  }
}
