import type { Database } from 'better-sqlite3';

/**
 * Finding customers by what a person knows of them: the text their email or phone starts with.
 * Everything that depends on how customer attributes are stored is here (the searched names,
 * the JSON text of a value, the index), so a change of that layout changes this file and its
 * migration only.
 *
 * Why a prefix of these attributes only, measured on 1,000,000 customers with nine attributes
 * each: a contains-search reads every stored value (about 2 s, on the main process), while the
 * start of a value is a range of the covering index `customer_contact_values` (migration 18): a
 * few milliseconds, or 0.4 s for a prefix a quarter of the customers share. The index costs the
 * imports that write these attributes (one random insert per value: with the name attributes
 * too, about +50% CPU on writing them), so it holds email and phone only, the attributes the
 * mapping step matches `e-mail` and `mobile` headers to — not names, notes, cities, codes or
 * amounts.
 */

/**
 * The attributes searched, in the very words of the index's WHERE clause: SQLite uses a partial
 * index only for a query repeating it.
 */
export const CONTACT_ATTRIBUTES_SQL = `name IN ('email', 'phone')`;

/**
 * The stored values a search's prefix covers: the JSON text of a string starting with it (values
 * are stored as JSON, so a string starts with `"` and escapes `"` and `\`). The index compares
 * with NOCASE, so letters A–Z match either case; other letters (á, Č) match as typed. The upper
 * bound is the prefix followed by the highest code point, which no stored text contains.
 */
export interface PrefixRange {
  low: string;
  high: string;
}

/** The range of stored values that are strings starting with `text`. */
export function prefixRange(text: string): PrefixRange {
  const low = JSON.stringify(text).slice(0, -1);
  return { low, high: `${low}\u{10FFFF}` };
}

/** Customers with a contact attribute starting with the search text: a range of the index. */
export const ATTRIBUTE_MATCHES = `SELECT customer_id FROM customer_attributes
  WHERE ${CONTACT_ATTRIBUTES_SQL} AND value >= @low COLLATE NOCASE AND value < @high COLLATE NOCASE`;

/** The contact attribute that made a customer match, with its value (a string, as stored). */
export interface MatchedAttribute {
  name: string;
  value: string;
}

interface MatchedRow {
  customer_id: number;
  name: string;
  value: string;
}

/**
 * For each of some customers, the first (by name) of their contact attributes in the range. One
 * query for a page: the primary key (customer_id, name) finds each customer's few rows.
 */
export function matchedAttributesOf(
  db: Database,
  customerIds: readonly number[],
  range: PrefixRange,
): Map<number, MatchedAttribute> {
  const matched = new Map<number, MatchedAttribute>();
  if (!customerIds.length) return matched;
  const rows = db
    .prepare(
      `SELECT customer_id, name, value FROM customer_attributes
       WHERE customer_id IN (SELECT value FROM json_each(@ids)) AND ${CONTACT_ATTRIBUTES_SQL}
         AND value >= @low COLLATE NOCASE AND value < @high COLLATE NOCASE
       ORDER BY customer_id, name`,
    )
    .all({ ids: JSON.stringify(customerIds), ...range }) as MatchedRow[];
  for (const row of rows) {
    if (!matched.has(row.customer_id))
      matched.set(row.customer_id, { name: row.name, value: JSON.parse(row.value) as string });
  }
  return matched;
}
