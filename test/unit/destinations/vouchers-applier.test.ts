import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { VouchersApplier } from '../../../src-main/services/destinations/workspace/vouchers-applier';
import type { MappedRecord } from '../../../src-shared/mapping/map-row';
import { mappingOf, roleCol } from '../mapping/fixtures';
import {
  applyIn,
  counts,
  DAY,
  isoDay,
  recordsOf,
  rows,
  snapshot,
  T0,
  useWorkspace,
  NO_IMPORT,
} from './support';

const vouchers = (poolName: string) => mappingOf('vouchers', [roleCol('code', 'voucher_code')], { poolName });

const codes = (db: Database) =>
  rows(db, 'SELECT pool, code, imported_at FROM voucher_codes ORDER BY pool, code');

describe('VouchersApplier', () => {
  const open = useWorkspace();

  it('creates the pool and inserts codes; codes already in the pool are ignored and counted', () => {
    const db = open();
    const spring = vouchers('spring');
    const applier = new VouchersApplier(db, spring, NO_IMPORT);
    expect(applyIn(db, applier, recordsOf(spring, [[' A1 '], ['B2'], ['A1']]))).toEqual(counts(2, 0, 1));
    expect(applyIn(db, applier, recordsOf(spring, [['B2'], ['C3']]), T0 + DAY)).toEqual(counts(1, 0, 1));
    expect(rows(db, 'SELECT name, created_at FROM voucher_pools')).toEqual([
      { name: 'spring', created_at: isoDay(0) },
    ]);
    expect(codes(db)).toEqual([
      { pool: 'spring', code: 'A1', imported_at: isoDay(0) },
      { pool: 'spring', code: 'B2', imported_at: isoDay(0) },
      { pool: 'spring', code: 'C3', imported_at: isoDay(1) },
    ]);
  });

  it('rejects a code that is already in another pool, naming that pool', () => {
    const db = open();
    const spring = vouchers('spring');
    applyIn(db, new VouchersApplier(db, spring, NO_IMPORT), recordsOf(spring, [['A1']]));
    const summer = vouchers('summer');
    const result = applyIn(
      db,
      new VouchersApplier(db, summer, NO_IMPORT),
      recordsOf(summer, [['S1'], ['A1']]),
    );
    expect(result).toEqual({
      imported: 1,
      updated: 0,
      deduplicated: 0,
      rejected: [
        {
          rowNumber: 3,
          column: 'code',
          value: 'A1',
          reason: 'Code "A1" is already in pool "spring"; a code can be in one pool only',
        },
      ],
      warnings: [],
    });
    expect(codes(db)).toEqual([
      { pool: 'spring', code: 'A1', imported_at: isoDay(0) },
      { pool: 'summer', code: 'S1', imported_at: isoDay(0) },
    ]);
  });

  it('rejects a record without a code and refuses a mapping without a pool name', () => {
    const db = open();
    const spring = vouchers('spring');
    const [record] = recordsOf(spring, [['A1']]);
    const noCode: MappedRecord = { ...record!, voucherCode: null };
    expect(applyIn(db, new VouchersApplier(db, spring, NO_IMPORT), [noCode]).rejected).toEqual([
      { rowNumber: 2, column: 'code', value: '', reason: 'Missing voucher code' },
    ]);
    expect(() => new VouchersApplier(db, vouchers('two words'), NO_IMPORT)).toThrow(/voucher pool name/);
  });

  it('reaches the identical final state when the same batch is applied twice', () => {
    const db = open();
    const spring = vouchers('spring');
    const applier = new VouchersApplier(db, spring, NO_IMPORT);
    const batch = recordsOf(spring, [['A1'], ['B2'], ['A1']]);
    const tables = ['voucher_pools', 'voucher_codes'];
    applyIn(db, applier, batch);
    const once = snapshot(db, tables);
    expect(applyIn(db, applier, batch, T0 + DAY)).toEqual(counts(0, 0, 3));
    expect(snapshot(db, tables)).toEqual(once);
  });
});
