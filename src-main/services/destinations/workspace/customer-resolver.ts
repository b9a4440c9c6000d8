import type { Database, Statement } from 'better-sqlite3';
import type { MappedId } from '../../../../src-shared/mapping/map-row';
import { CustomerIdOwners } from './customer-id-owners';
import type { IdOwnerMemoryLimits } from './id-owner-memory';
import type { KeyOrderLimits } from './key-ordered-links';
import { CustomerWrites } from './customer-writes';
import { decideCustomer, repeatsEarlierId, type CustomerFacts } from './customer-decision';
import { SoftIdLimit } from './soft-id-limit';

/** The customer a row belongs to, or why its IDs cannot belong to one customer. */
export type Resolution =
  { ok: true; customerId: number; created: boolean } | { ok: false; id: MappedId; reason: string };

/**
 * Finds (or creates) the customer of a row's IDs (decideCustomer's rules) and links every ID of
 * the row to it. Unknown IDs are attached to the customer; soft IDs another customer holds move to it (the row
 * says they belong together, as identifying a visitor moves its cookie). Profiles are not merged.
 * ID types the workspace does not know count as soft.
 *
 * A batch's owners are looked up at once (begin), those met before in the run are remembered, and
 * its new customers and links are written together (endBatch; links may wait longer, to be
 * written in key order, until finish): see CustomerIdOwners and CustomerWrites.
 */
export class CustomerResolver {
  private readonly hardTypes: Set<string>;
  private readonly owners: CustomerIdOwners;
  private readonly writes: CustomerWrites;
  private readonly holdsOtherValue: Statement<[number, string, string], string>;
  private readonly softIds: SoftIdLimit;
  private readonly facts: CustomerFacts;
  /** The last linked_us given: processing time in µs, plus one per link so a run's links keep their order. */
  private stamp = 0;
  private stampOf: { iso: string; micros: number } | null = null;

  /**
   * `idMemory`: the limits of the run's memory of ID owners (tests shrink or disable it).
   * `linksInKeyOrder`: how many new links may wait to be written sorted (see CustomerWrites); the
   * caller then ends the run's writes with finish(). `holdStoredIds`: read the stored IDs into the
   * memory first, when they fit (a large run; see CustomerIdOwners).
   */
  constructor(
    db: Database,
    options: {
      idMemory?: IdOwnerMemoryLimits;
      linksInKeyOrder?: KeyOrderLimits;
      holdStoredIds?: boolean;
    } = {},
  ) {
    const hard = db.prepare("SELECT name FROM id_types WHERE kind = 'hard'").pluck().all() as string[];
    this.hardTypes = new Set(hard);
    // The owner of every ID is looked up first, so a new ID is a plain INSERT and a moved one an
    // UPDATE: an upsert (ON CONFLICT DO UPDATE) cost 3.5× a plain insert here (7.3 s vs 2.0 s for
    // 1M new IDs).
    this.writes = new CustomerWrites(db, options.linksInKeyOrder ?? null);
    this.owners = new CustomerIdOwners(db, () => this.writes.flush(), {
      limits: options.idMemory,
      holdStored: options.holdStoredIds,
    });
    this.holdsOtherValue = db
      .prepare<[number, string, string], string>(
        'SELECT value FROM customer_ids WHERE customer_id = ? AND id_type = ? AND value <> ? LIMIT 1',
      )
      .pluck();
    this.softIds = new SoftIdLimit(db);
    this.facts = {
      hardTypes: this.hardTypes,
      holdsOther: (customerId, idType, value) => this.holdsOther(customerId, idType, value),
    };
  }

  /**
   * Starts a batch: looks up the owners of all its rows' IDs at once. Call it before resolving the
   * batch's rows, and endBatch() before anything reads or references the customers they create.
   */
  begin(ids: Iterable<MappedId>): void {
    this.writes.begin();
    this.owners.load(ids);
  }

  /**
   * Writes the customers resolving has made so far, and their links unless those wait to be
   * written in key order. Nothing but the resolver reads `customer_ids` while links wait.
   */
  endBatch(): void {
    this.writes.endBatch();
  }

  /** Writes up to `rows` of the links that wait for key order (the writer is idle); false when none wait. */
  writeSome(rows: number): boolean {
    return this.writes.writeSome(rows);
  }

  /** Writes everything that waits: call it before the run commits. */
  finish(): void {
    this.writes.flush();
  }

  /** Resolves a row's IDs (at least one) to a customer, creating it at `nowIso` when none is known. */
  resolve(ids: readonly MappedId[], nowIso: string): Resolution {
    // Plain loops: this runs for every row of a run (see decideCustomer).
    const owners = new Array<number | undefined>(ids.length);
    for (let index = 0; index < ids.length; index++) {
      owners[index] = this.owners.get(ids[index]!.idType, ids[index]!.value);
    }
    const decision = decideCustomer(ids, owners, this.facts);
    if (!decision.ok) return decision;
    let customerId = decision.customerId;
    const created = customerId === undefined;
    if (customerId === undefined) customerId = this.writes.create(nowIso);
    for (let index = 0; index < ids.length; index++) {
      const { idType, value } = ids[index]!;
      const owner = owners[index];
      // The same ID twice in a row (two columns of one type) is linked once.
      if (owner === customerId || (owner === undefined && repeatsEarlierId(ids, index))) continue;
      // A customer this row created has only this row's IDs: no limit to reach.
      if (!created && !this.hardTypes.has(idType)) this.makeRoom(customerId, idType);
      const stamp = this.nextStamp(nowIso);
      if (owner === undefined) this.writes.link(idType, value, customerId, stamp);
      else this.writes.moveTo(customerId, stamp, idType, value);
      this.owners.set(idType, value, customerId);
    }
    return { ok: true, customerId, created };
  }

  /** Drops the customer's least recently linked ID of the type when it holds the most allowed. */
  private makeRoom(customerId: number, idType: string): void {
    this.writes.flush();
    const dropped = this.softIds.makeRoom(customerId, idType);
    if (dropped !== undefined) this.owners.dropped(idType, dropped);
  }

  /** Whether the customer holds a value of the ID type other than `value` (reads what is written). */
  private holdsOther(customerId: number, idType: string, value: string): string | undefined {
    this.writes.flush();
    return this.holdsOtherValue.get(customerId, idType, value);
  }

  /**
   * A linked_us after every one given so far. Runs follow one another and each link takes more
   * than a microsecond, so a later run's processing time is past an earlier run's stamps.
   */
  private nextStamp(nowIso: string): number {
    // A run passes one processing time to every row: parse it once, not once per link.
    if (this.stampOf?.iso !== nowIso) this.stampOf = { iso: nowIso, micros: Date.parse(nowIso) * 1000 };
    this.stamp = Math.max(this.stampOf.micros, this.stamp + 1);
    return this.stamp;
  }
}
