import { IntakeError } from '../../../../src-shared/errors';
import { LinkColumns } from './link-columns';
import type { MultiRowInsert } from './multi-row-insert';

/** How many links wait at most, and how many make a set sorted together. */
export interface KeyOrderLimits {
  /** Links sorted together into one set (the more, the closer their pages). */
  setSize: number;
  /** Links held unwritten at most, waiting or in sets (each costs ~40 bytes: see LinkColumns). */
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
  private readonly waiting: LinkColumns;
  /** Sorted sets not written whole yet, oldest first; `next` is the first unwritten row of the oldest. */
  private readonly sets: SortedLinks[] = [];
  private next = 0;
  private held = 0;
  /** The run's ID types, by the index the columns keep. */
  private readonly typeNames: string[] = [];
  private readonly typeIndex = new Map<string, number>();

  constructor(private readonly limits: KeyOrderLimits) {
    this.waiting = new LinkColumns(limits.setSize);
  }

  /** Whether more links are held than allowed: call writeDue (after writing their customers). */
  get overfull(): boolean {
    return this.held > this.limits.maxHeld;
  }

  add(idType: string, value: string, customerId: number, linkedUs: number): void {
    this.waiting.add(this.typeOf(idType), value, customerId, linkedUs);
    this.held++;
    if (this.waiting.full) this.seal();
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
    const { links, order } = this.sets[0]!;
    const end = Math.min(order.length, this.next + rows);
    for (let k = this.next; k < end; k++) {
      const at = order[k]!;
      insert.add(this.typeNames[links.types[at]!]!, links.value(at), links.customers[at]!, links.stamps[at]!);
    }
    this.held -= end - this.next;
    this.next = end;
    if (end === order.length) {
      this.sets.shift();
      this.next = 0;
    }
  }

  /**
   * Sorts the waiting links by (type, value) into a new set, in arrays of their exact size; none
   * wait after, and the waiting columns are reused.
   */
  private seal(): void {
    // Reads by customer write everything first, row after row in some files: nothing to allocate.
    if (this.waiting.count === 0) return;
    const rank = new Uint16Array(this.typeNames.length);
    [...this.typeNames.keys()]
      .sort((a, b) => (this.typeNames[a]! < this.typeNames[b]! ? -1 : 1))
      .forEach((type, position) => (rank[type] = position));
    const order = this.waiting.sortedOrder(rank);
    this.sets.push({ links: this.waiting.takeExact(), order });
  }

  private typeOf(idType: string): number {
    let type = this.typeIndex.get(idType);
    if (type === undefined) {
      if (this.typeNames.length > 0xffff) {
        throw new IntakeError('INTERNAL', `A run met more than ${0xffff + 1} ID types.`);
      }
      type = this.typeNames.push(idType) - 1;
      this.typeIndex.set(idType, type);
    }
    return type;
  }
}

/** A set of links and the order that sorts them by (type, value). */
interface SortedLinks {
  links: LinkColumns;
  order: Uint32Array;
}
