import type { Database } from 'better-sqlite3';
import type { CustomerId } from '../../../src-shared/model/browse';

interface CustomerIdRow {
  customer_id: number;
  id_type: string;
  value: string;
}

/**
 * The IDs of some customers, hard ID types first (a type the workspace does not know counts as
 * soft, as when resolving rows), then by type and value. One query for a whole page: the ids go
 * in as a JSON array so the statement does not depend on how many there are.
 */
export function customerIdsOf(db: Database, customerIds: readonly number[]): Map<number, CustomerId[]> {
  const byCustomer = new Map<number, CustomerId[]>(customerIds.map((id) => [id, []]));
  if (!customerIds.length) return byCustomer;
  const rows = db
    .prepare(
      `SELECT i.customer_id, i.id_type, i.value
       FROM customer_ids i LEFT JOIN id_types t ON t.name = i.id_type
       WHERE i.customer_id IN (SELECT value FROM json_each(?))
       ORDER BY i.customer_id, CASE t.kind WHEN 'hard' THEN 0 ELSE 1 END, i.id_type, i.value`,
    )
    .all(JSON.stringify(customerIds)) as CustomerIdRow[];
  for (const row of rows) byCustomer.get(row.customer_id)?.push({ idType: row.id_type, value: row.value });
  return byCustomer;
}
