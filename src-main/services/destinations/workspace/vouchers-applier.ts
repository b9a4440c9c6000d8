import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { epochMs, isoAt } from './processing-time';
import { requiredName } from './required-name';
import { rejectOf, roleColumn } from './row-reject';

/**
 * Vouchers: codes go into the import's pool, created on first use. A code already in the pool is
 * ignored and counted as deduplicated; a code in another pool is rejected (a code can be in one
 * pool only), naming that pool.
 */
export class VouchersApplier implements RecordApplier {
  private readonly pool: string;
  private readonly createPool: Statement<[string, string]>;
  private readonly poolOf: Statement<[string], string>;
  private readonly insertCode: Statement<[string, string, string, string | null]>;

  constructor(
    db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
  ) {
    this.pool = requiredName(mapping.options.poolName, 'voucher pool name');
    this.createPool = db.prepare(
      'INSERT INTO voucher_pools (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
    );
    this.poolOf = db.prepare<[string], string>('SELECT pool FROM voucher_codes WHERE code = ?').pluck();
    // A code already in the pool is ignored, so it stays its first importer's.
    this.insertCode = db.prepare(
      'INSERT INTO voucher_codes (pool, code, imported_at, import_id) VALUES (?, ?, ?, ?)',
    );
  }

  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowIso = isoAt(epochMs(processedAt));
    // In the run's transaction: a cancelled first import leaves no empty pool behind.
    this.createPool.run(this.pool, nowIso);
    const column = roleColumn(this.mapping, 'voucher_code');
    for (const record of records) {
      const code = record.voucherCode;
      if (code === null) {
        counts.rejected.push(rejectOf(record, column, '', 'Missing voucher code'));
        continue;
      }
      const owner = this.poolOf.get(code);
      if (owner === undefined) {
        this.insertCode.run(this.pool, code, nowIso, this.context.importId);
        counts.imported++;
      } else if (owner === this.pool) counts.deduplicated++;
      else {
        const reason = `Code ${JSON.stringify(code)} is already in pool "${owner}"; a code can be in one pool only`;
        counts.rejected.push(rejectOf(record, column, code, reason));
      }
    }
    return counts;
  }
}
