import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import type { CustomerId, CustomerMatch, CustomerSummary, Page } from '../../../src-shared/model/browse';
import { ATTRIBUTE_MATCHES, matchedAttributesOf, prefixRange, type PrefixRange } from './attribute-search';
import { containsPattern, searchText } from './contains-pattern';
import { customerIdsOf } from './customer-ids';

interface CustomerRow {
  id: number;
  updated_at: string;
  attribute_count: number;
  event_count: number;
  /** 0: an ID matched; 1: only a contact attribute did. */
  rank: number;
}

// Customers with an ID containing the search text; IDs are where a user's search terms live.
const ID_MATCHES = `SELECT customer_id FROM customer_ids WHERE value LIKE @pattern ESCAPE '\\'`;

/** The per-customer counts of a page's rows (index lookups, for the page's rows only). */
const COUNTS = `(SELECT COUNT(*) FROM customer_attributes a WHERE a.customer_id = page.id) AS attribute_count,
      (SELECT COUNT(*) FROM events e WHERE e.customer_id = page.id) AS event_count`;

/** The plain page: customers newest-updated first, walking customers_by_update backwards (no sort). */
export const CUSTOMERS_PAGE_SQL = `WITH page AS MATERIALIZED (
      SELECT id, updated_at FROM customers
      ORDER BY updated_at DESC, id DESC LIMIT @limit OFFSET @offset
    )
    SELECT id, updated_at, 0 AS rank, ${COUNTS}
    FROM page ORDER BY updated_at DESC, id DESC`;

/**
 * A search in one statement, so the IDs are scanned once: the customers with a matching ID, those
 * matching by a contact attribute only, how many of each, and the page: ID matches first, each
 * part newest-updated first. The page is a top-N sort of the matches (SQLite keeps offset + limit
 * rows while it reads them), so a search matching every customer costs a pass over them, not a
 * sort of them all. The counts come on every row, and on a row of their own when the page is empty.
 * On 1,000,000 customers: 0.12 s for a rare text (reading every ID for the contains-match is the
 * floor), 0.4 s when a quarter of the customers match, 0.7–1 s when all do.
 */
export const SEARCH_SQL = `WITH
    id_hits AS MATERIALIZED (SELECT DISTINCT customer_id AS id FROM (${ID_MATCHES})),
    attribute_hits AS MATERIALIZED (
      SELECT DISTINCT customer_id AS id FROM (${ATTRIBUTE_MATCHES})
      WHERE customer_id NOT IN (SELECT id FROM id_hits)
    ),
    totals AS MATERIALIZED (
      SELECT (SELECT COUNT(*) FROM id_hits) + (SELECT COUNT(*) FROM attribute_hits) AS total
    ),
    page AS MATERIALIZED (
      SELECT c.id, c.updated_at, hits.rank FROM (
        SELECT id, 0 AS rank FROM id_hits UNION ALL SELECT id, 1 AS rank FROM attribute_hits
      ) AS hits JOIN customers c ON c.id = hits.id
      ORDER BY hits.rank, c.updated_at DESC, c.id DESC LIMIT @limit OFFSET @offset
    )
  SELECT totals.total, page.id, page.updated_at, page.rank, ${COUNTS}
  FROM totals LEFT JOIN page ORDER BY page.rank, page.updated_at DESC, page.id DESC`;

/**
 * A page of customers, newest-updated first (then newest id). With a search text: those with an
 * ID containing it (case-insensitive for ASCII), then those whose email or phone starts with
 * it (attribute-search.ts), each row saying what matched. The page is chosen first and
 * MATERIALIZED so the per-customer counts run for its rows only.
 */
export function listCustomers(
  db: Database,
  { search, offset, limit }: ParsedPayload<'browse:customers'>,
): Page<CustomerSummary> {
  const text = searchText(search);
  if (text === null) {
    const rows = db.prepare(CUSTOMERS_PAGE_SQL).all({ offset, limit }) as CustomerRow[];
    const total = db.prepare('SELECT COUNT(*) FROM customers').pluck().get() as number;
    return { offset, total, items: summaries(db, rows) };
  }
  const range = prefixRange(text);
  const found = db
    .prepare(SEARCH_SQL)
    .all({ pattern: containsPattern(text), ...range, offset, limit }) as (CustomerRow & { total: number })[];
  const rows = found.filter((row) => row.id !== null);
  return { offset, total: found[0]?.total ?? 0, items: summaries(db, rows, { text, range }) };
}

/** The grid's rows: each customer's IDs, counts and, while searching, what matched. */
function summaries(
  db: Database,
  rows: CustomerRow[],
  search?: { text: string; range: PrefixRange },
): CustomerSummary[] {
  const ids = customerIdsOf(
    db,
    rows.map((row) => row.id),
  );
  const byAttribute = search
    ? matchedAttributesOf(
        db,
        rows.filter((row) => row.rank === 1).map((row) => row.id),
        search.range,
      )
    : new Map();
  return rows.map((row) => {
    const customerIds = ids.get(row.id) ?? [];
    const summary: CustomerSummary = {
      id: row.id,
      ids: customerIds,
      attributeCount: row.attribute_count,
      eventCount: row.event_count,
      updatedAt: row.updated_at,
    };
    if (!search) return summary;
    const attribute = byAttribute.get(row.id);
    const match: CustomerMatch | undefined =
      row.rank === 0
        ? idMatch(customerIds, search.text)
        : attribute && { kind: 'attribute', ...attribute, at: 0, length: search.text.length };
    return match ? { ...summary, match } : summary;
  });
}

/**
 * The first of a customer's IDs (hard first, as listed) that contains the text, ignoring the case
 * of A–Z only, as SQLite's LIKE does.
 */
function idMatch(ids: CustomerId[], text: string): CustomerMatch | undefined {
  const needle = asciiLower(text);
  for (const id of ids) {
    const at = asciiLower(id.value).indexOf(needle);
    if (at >= 0) return { kind: 'id', idType: id.idType, value: id.value, at, length: text.length };
  }
  return undefined;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
