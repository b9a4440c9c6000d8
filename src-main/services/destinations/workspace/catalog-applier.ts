import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { JsonValue } from '../../../../src-shared/values/json';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { AttributeRecorder } from './attribute-recorder';
import { ensureCatalog, type CatalogDefinition } from './catalog-definition';
import { epochMs, isoAt } from './processing-time';
import { requiredName } from './required-name';
import { rejectOf, roleColumn } from './row-reject';
import { plainValue } from './stored-value';

type ItemRow = [string | null, string, string, string | null, string, string];

/**
 * Catalog: the catalog is created at its first import (kind and searchable fields fixed then; a
 * later mapping that asks differently gets a warning). Items are upserted by item_id in file order,
 * so the last occurrence wins, and an existing item's attributes are replaced, not merged, as the
 * platform's bulk update does: a field the row does not carry is gone.
 */
export class CatalogApplier implements RecordApplier {
  private readonly wanted: CatalogDefinition;
  private readonly attributes: AttributeRecorder;
  private readonly insertItem: Statement<ItemRow>;
  private readonly replaceItem: Statement<ItemRow>;
  private ensured = false;

  constructor(
    private readonly db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
  ) {
    const name = requiredName(mapping.options.catalogName, 'catalog name');
    const searchable = mapping.columns
      .filter((column) => column.searchable && column.include)
      .map((column) => column.target.trim());
    this.wanted = { name, kind: mapping.options.catalogKind, searchable };
    this.attributes = new AttributeRecorder(db, 'catalog', name);
    // Both take (product_id, attributes, updated_at, import_id, catalog, item_id): one row tuple serves
    // both. The last writer owns the item, as the last occurrence wins.
    this.insertItem = db.prepare(
      `INSERT INTO catalog_items (product_id, attributes, updated_at, import_id, catalog, item_id)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (catalog, item_id) DO NOTHING`,
    );
    this.replaceItem = db.prepare(
      `UPDATE catalog_items SET product_id = ?, attributes = ?, updated_at = ?, import_id = ?
       WHERE catalog = ? AND item_id = ?`,
    );
  }

  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowIso = isoAt(epochMs(processedAt));
    if (!this.ensured) {
      // First batch, inside the run's transaction: a cancelled first import leaves no catalog behind.
      const { warning } = ensureCatalog(this.db, this.wanted, nowIso);
      if (warning) counts.warnings.push(warning);
      this.ensured = true;
    }
    for (const record of records) {
      if (record.itemId === null) {
        counts.rejected.push(rejectOf(record, roleColumn(this.mapping, 'item_id'), '', 'Missing item_id'));
        continue;
      }
      const values: Record<string, JsonValue> = {};
      for (const { name, type, value } of record.attributes) values[name] = plainValue(type, value);
      const row: ItemRow = [
        record.productId,
        JSON.stringify(values),
        nowIso,
        this.context.importId,
        this.wanted.name,
        record.itemId,
      ];
      if (this.insertItem.run(...row).changes) counts.imported++;
      else {
        this.replaceItem.run(...row);
        counts.updated++;
      }
      this.attributes.record(record.attributes);
    }
    return counts;
  }
}
