import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import type { CustomerProfile, EventItem, Page, ProfileAttribute } from '../../../src-shared/model/browse';
import { customerIdsOf } from './customer-ids';
import { eventCount, eventPage } from './event-items';
import { parseJsonColumn } from './json-column';
import { microsToIso } from './micros-to-iso';

interface CustomerRecord {
  id: number;
  created_at: string;
  updated_at: string;
}

interface AttributeRow {
  name: string;
  type: string;
  value: string | null;
  updated_at_us: bigint;
}

/** One customer's profile: IDs (hard first), attributes by name, event count. NOT_FOUND names the id. */
export function getCustomerProfile(db: Database, customerId: number): CustomerProfile {
  const customer = requireCustomer(db, customerId);
  const attributes = db
    .prepare(
      'SELECT name, type, value, updated_at_us FROM customer_attributes WHERE customer_id = ? ORDER BY name',
    )
    .safeIntegers(true)
    .all(customerId) as AttributeRow[];
  return {
    id: customer.id,
    ids: customerIdsOf(db, [customer.id]).get(customer.id) ?? [],
    attributes: attributes.map((row): ProfileAttribute => ({
      name: row.name,
      type: row.type,
      value: parseJsonColumn(row.value),
      updatedAt: microsToIso(row.updated_at_us),
    })),
    eventCount: eventCount(db, 'customer_id = @key', customerId),
    createdAt: customer.created_at,
    updatedAt: customer.updated_at,
  };
}

/** A page of one customer's events, newest first. NOT_FOUND names the id. */
export function listCustomerEvents(
  db: Database,
  { customerId, offset, limit }: ParsedPayload<'browse:customerEvents'>,
): Page<EventItem> {
  requireCustomer(db, customerId);
  return {
    offset,
    total: eventCount(db, 'customer_id = @key', customerId),
    items: eventPage(db, 'customer_id = @key', customerId, offset, limit),
  };
}

function requireCustomer(db: Database, customerId: number): CustomerRecord {
  const customer = db
    .prepare('SELECT id, created_at, updated_at FROM customers WHERE id = ?')
    .get(customerId) as CustomerRecord | undefined;
  if (!customer) {
    throw new IntakeError('NOT_FOUND', `No customer with id ${customerId} in the workspace.`, {
      customerId,
    });
  }
  return customer;
}
