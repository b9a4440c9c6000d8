import type { Database, Statement } from 'better-sqlite3';
import { MultiRowInsert } from './multi-row-insert';

/**
 * The resolver's writes: new customers and newly linked IDs wait in buffers and reach the tables
 * in multi-row INSERTs at flush(); a moved ID is an UPDATE of a stored row, so it writes what waits
 * first. New customers get their IDs here (one past the largest stored), so a waiting customer
 * already has the ID its events and links will name.
 */
export class CustomerWrites {
  private readonly customers: MultiRowInsert;
  private readonly links: MultiRowInsert;
  private readonly largestId: Statement<[], number>;
  private readonly move: Statement<[number, number, string, string]>;
  /**
   * The ID the next new customer gets: read at the batch's first new customer. Nothing else adds
   * customers while a run writes (it holds the write lock), so it stays right across flushes.
   */
  private nextId: number | undefined;

  constructor(db: Database) {
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
    this.links.add(idType, value, customerId, linkedUs);
  }

  /** Moves an ID another customer holds to this one. */
  moveTo(customerId: number, linkedUs: number, idType: string, value: string): void {
    this.flush();
    this.move.run(customerId, linkedUs, idType, value);
  }

  /** Writes what waits: customers first, then the links that name them. */
  flush(): void {
    this.customers.flush();
    this.links.flush();
  }
}
