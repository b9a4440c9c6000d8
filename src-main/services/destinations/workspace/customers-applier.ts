import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { AttributeRecorder } from './attribute-recorder';
import { CustomerResolver } from './customer-resolver';
import { epochMs, isoAt, msToMicros, timeMicros } from './processing-time';
import { idColumn, rejectOf, roleColumn } from './row-reject';
import { storedValue } from './stored-value';

/**
 * Customers: each row upserts one customer found by its IDs (see CustomerResolver) and writes its
 * attributes. A blank overwrites with blank (NULL). Each value carries its update time, the row's
 * update_timestamp or else the processing time, and a value is only written over one that is not
 * newer: an older update never overwrites a newer one, and equal times let file order win.
 * imported = customers created, updated = existing customers a row touched. A value remembers the
 * import that wrote it (so an older value a newer one kept is not the import's), for expiry.
 */
export class CustomersApplier implements RecordApplier {
  private readonly resolver: CustomerResolver;
  private readonly attributes: AttributeRecorder;
  private readonly touch: Statement<[string, number]>;
  private readonly upsertAttribute: Statement<
    [number, string, string, string | null, number | bigint, string | null]
  >;

  constructor(
    db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
  ) {
    this.resolver = new CustomerResolver(db);
    this.attributes = new AttributeRecorder(db, 'customers', '');
    this.touch = db.prepare('UPDATE customers SET updated_at = ? WHERE id = ?');
    this.upsertAttribute = db.prepare(
      `INSERT INTO customer_attributes (customer_id, name, type, value, updated_at_us, import_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (customer_id, name) DO UPDATE
         SET type = excluded.type, value = excluded.value, updated_at_us = excluded.updated_at_us,
           import_id = excluded.import_id
         WHERE excluded.updated_at_us >= customer_attributes.updated_at_us`,
    );
  }

  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowMs = epochMs(processedAt);
    const nowIso = isoAt(nowMs);
    const nowUs = msToMicros(nowMs);
    const { importId } = this.context;
    this.resolver.begin(records.flatMap((record) => record.ids));
    for (const record of records) {
      if (!record.ids.length) {
        counts.rejected.push(rejectOf(record, roleColumn(this.mapping, 'id'), '', 'No valid customer ID'));
        continue;
      }
      const resolution = this.resolver.resolve(record.ids, nowIso);
      if (!resolution.ok) {
        const column = idColumn(this.mapping, resolution.id);
        counts.rejected.push(rejectOf(record, column, resolution.id.value, resolution.reason));
        continue;
      }
      // Its attributes name the customer: write it now.
      this.resolver.endBatch();
      const { customerId } = resolution;
      if (resolution.created) counts.imported++;
      else {
        counts.updated++;
        this.touch.run(nowIso, customerId);
      }
      const updatedAtUs = record.updateTimestamp ? timeMicros(record.updateTimestamp) : nowUs;
      for (const { name, type, value } of record.attributes) {
        this.upsertAttribute.run(customerId, name, type, storedValue(type, value), updatedAtUs, importId);
      }
      this.attributes.record(record.attributes);
    }
    return counts;
  }
}
