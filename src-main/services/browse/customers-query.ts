import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import type { CustomerSummary, Page } from '../../../src-shared/model/browse';
import { containsPattern, searchText } from './contains-pattern';
import { customerIdsOf } from './customer-ids';

interface CustomerRow {
  id: number;
  updated_at: string;
  attribute_count: number;
  event_count: number;
}

// Customers with an ID containing the search text; IDs are where a user's search terms live.
const MATCHING = `id IN (SELECT customer_id FROM customer_ids WHERE value LIKE @pattern ESCAPE '\\')`;

/**
 * The page query: customers newest-updated first, walking customers_by_update backwards (no sort),
 * `where` narrowing them.
 */
export function customersPageSql(where: string): string {
  return `WITH page AS MATERIALIZED (
      SELECT id, updated_at FROM customers ${where}
      ORDER BY updated_at DESC, id DESC LIMIT @limit OFFSET @offset
    )
    SELECT id, updated_at,
      (SELECT COUNT(*) FROM customer_attributes a WHERE a.customer_id = page.id) AS attribute_count,
      (SELECT COUNT(*) FROM events e WHERE e.customer_id = page.id) AS event_count
    FROM page ORDER BY updated_at DESC, id DESC`;
}

/**
 * A page of customers, newest-updated first (then newest id), optionally those with an ID
 * containing the search text (case-insensitive for ASCII). The page is chosen first and
 * MATERIALIZED so the per-customer counts (index lookups) run for its rows only, not for every
 * customer the sort looks at.
 */
export function listCustomers(
  db: Database,
  { search, offset, limit }: ParsedPayload<'browse:customers'>,
): Page<CustomerSummary> {
  const text = searchText(search);
  const pattern = text === null ? null : containsPattern(text);
  const where = pattern === null ? '' : `WHERE ${MATCHING}`;
  const rows = db
    .prepare(customersPageSql(where))
    .all(pattern === null ? { offset, limit } : { pattern, offset, limit }) as CustomerRow[];
  const total =
    pattern === null
      ? (db.prepare('SELECT COUNT(*) FROM customers').pluck().get() as number)
      : (db
          .prepare(`SELECT COUNT(DISTINCT customer_id) FROM customer_ids WHERE value LIKE ? ESCAPE '\\'`)
          .pluck()
          .get(pattern) as number);
  const ids = customerIdsOf(
    db,
    rows.map((row) => row.id),
  );
  return {
    offset,
    total,
    items: rows.map((row) => ({
      id: row.id,
      ids: ids.get(row.id) ?? [],
      attributeCount: row.attribute_count,
      eventCount: row.event_count,
      updatedAt: row.updated_at,
    })),
  };
}
