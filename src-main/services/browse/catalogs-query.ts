import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import type { CatalogItem, CatalogSummary, Page } from '../../../src-shared/model/browse';
import { containsPattern, searchText } from './contains-pattern';
import { parseJsonObject } from './json-column';

interface CatalogRow {
  name: string;
  kind: CatalogSummary['kind'];
  searchable: string;
  created_at: string;
  item_count: number;
}

interface ItemRow {
  item_id: string;
  product_id: string | null;
  attributes: string;
  updated_at: string;
}

/** Every catalog by name, with its kind, searchable fields and number of items. */
export function listCatalogs(db: Database): CatalogSummary[] {
  const rows = db
    .prepare(
      `SELECT c.name, c.kind, c.searchable, c.created_at,
         (SELECT COUNT(*) FROM catalog_items i WHERE i.catalog = c.name) AS item_count
       FROM catalogs c ORDER BY c.name`,
    )
    .all() as CatalogRow[];
  return rows.map((row) => ({
    name: row.name,
    kind: row.kind,
    searchable: JSON.parse(row.searchable) as string[],
    itemCount: row.item_count,
    createdAt: row.created_at,
  }));
}

/**
 * A page of a catalog's items in item_id order (the primary key's), optionally those whose
 * item_id or product_id contains the search text. NOT_FOUND names an unknown catalog.
 */
export function listCatalogItems(
  db: Database,
  { catalog, search, offset, limit }: ParsedPayload<'browse:catalogItems'>,
): Page<CatalogItem> {
  const known = db.prepare('SELECT 1 FROM catalogs WHERE name = ?').pluck().get(catalog);
  if (known === undefined) {
    throw new IntakeError('NOT_FOUND', `No catalog named "${catalog}" in the workspace.`, { catalog });
  }
  const text = searchText(search);
  const filter =
    text === null ? '' : `AND (item_id LIKE @pattern ESCAPE '\\' OR product_id LIKE @pattern ESCAPE '\\')`;
  const params = text === null ? { catalog } : { catalog, pattern: containsPattern(text) };
  const rows = db
    .prepare(
      `SELECT item_id, product_id, attributes, updated_at FROM catalog_items
       WHERE catalog = @catalog ${filter} ORDER BY item_id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, offset, limit }) as ItemRow[];
  const total = db
    .prepare(`SELECT COUNT(*) FROM catalog_items WHERE catalog = @catalog ${filter}`)
    .pluck()
    .get(params) as number;
  return {
    offset,
    total,
    items: rows.map((row) => ({
      itemId: row.item_id,
      productId: row.product_id,
      attributes: parseJsonObject<unknown>(row.attributes),
      updatedAt: row.updated_at,
    })),
  };
}
