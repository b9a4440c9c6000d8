import type { Database, Statement } from 'better-sqlite3';
import type { MappedId } from '../../../../src-shared/mapping/map-row';
import { CustomerIdOwners } from './customer-id-owners';
import { decideCustomer, repeatsEarlierId, type CustomerFacts } from './customer-decision';

/** A customer in the forecast: a workspace customer's ID (> 0), or a customer the file creates (< 0). */
export type CustomerToken = number;

/** What one row would do. */
export type Forecast =
  | { ok: true; customer: CustomerToken; created: boolean; joined: boolean }
  | { ok: false; id: MappedId; reason: string };

/**
 * Works out, row by row in file order, the customer each row's IDs resolve to — by decideCustomer,
 * the rules the import applies — without writing anything: a read-only look at the workspace's
 * IDs plus what the file's earlier rows would have linked.
 *
 * Hard IDs never move (a hard ID another customer holds is a conflict), so a customer's hard values
 * are the workspace's plus the file's; soft IDs move to the row's customer as the import moves them.
 * Not forecast: the 64-soft-IDs-per-type limit dropping a customer's oldest soft ID (it changes no
 * count here unless a later row of the file names the dropped ID).
 */
export class IdentityForecast {
  private readonly stored: CustomerIdOwners;
  /** IDs the file's rows have linked or moved so far: they outrank the workspace's answers. */
  private readonly linked = new Map<string, CustomerToken>();
  /** Hard values the file's rows have given customers, by customer then ID type. */
  private readonly hardLinked = new Map<CustomerToken, Map<string, string>>();
  private readonly storedOther: Statement<[number, string, string], string>;
  private readonly facts: CustomerFacts;
  /** Workspace customers some row resolves to. */
  readonly existing = new Set<CustomerToken>();
  private created = 0;
  moved = 0;

  constructor(db: Database) {
    const hard = db.prepare("SELECT name FROM id_types WHERE kind = 'hard'").pluck().all() as string[];
    // Per batch: the preview reads outside any run's transaction, and a run may commit meanwhile.
    this.stored = new CustomerIdOwners(db, () => undefined, { perBatch: true });
    this.storedOther = db
      .prepare<[number, string, string], string>(
        'SELECT value FROM customer_ids WHERE customer_id = ? AND id_type = ? AND value <> ? LIMIT 1',
      )
      .pluck();
    this.facts = {
      hardTypes: new Set(hard),
      holdsOther: (customer, idType, value) => this.holdsOther(customer, idType, value),
    };
  }

  /** Customers the file creates. */
  get newCustomers(): number {
    return this.created;
  }

  /** Looks up a batch's IDs in the workspace at once (one query per ID type), before resolving its rows. */
  begin(ids: Iterable<MappedId>): void {
    this.stored.load(ids);
  }

  resolve(ids: readonly MappedId[]): Forecast {
    const owners = ids.map((id) => this.ownerOf(id));
    const decision = decideCustomer(ids, owners, this.facts);
    if (!decision.ok) return decision;
    const found = decision.customerId;
    const customer = found ?? -++this.created;
    // A row joins a customer an earlier row of the file made or reached, bringing an ID it lacked.
    const seenBefore = found !== undefined && (found < 0 || this.existing.has(found));
    if (found !== undefined && found > 0) this.existing.add(found);
    let linkedNew = false;
    ids.forEach((id, index) => {
      const owner = owners[index];
      if (owner === customer || (owner === undefined && repeatsEarlierId(ids, index))) return;
      if (owner !== undefined) this.moved++;
      linkedNew = true;
      this.linked.set(keyOf(id), customer);
      if (this.facts.hardTypes.has(id.idType)) {
        let values = this.hardLinked.get(customer);
        if (!values) this.hardLinked.set(customer, (values = new Map()));
        values.set(id.idType, id.value);
      }
    });
    return { ok: true, customer, created: found === undefined, joined: seenBefore && linkedNew };
  }

  private ownerOf(id: MappedId): CustomerToken | undefined {
    const key = keyOf(id);
    return this.linked.has(key) ? this.linked.get(key) : this.stored.get(id.idType, id.value);
  }

  private holdsOther(customer: CustomerToken, idType: string, value: string): string | undefined {
    const linked = this.hardLinked.get(customer)?.get(idType);
    if (linked !== undefined && linked !== value) return linked;
    return customer > 0 ? this.storedOther.get(customer, idType, value) : undefined;
  }
}

function keyOf(id: MappedId): string {
  return `${id.idType}\0${id.value}`;
}
