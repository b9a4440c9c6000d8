import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listVoucherCodes, listVoucherPools } from '../../../src-main/services/browse/vouchers-query';
import { CREATED, useBrowseWorkspace } from './support';

function addPool(db: Database, name: string, codes: string[]): void {
  db.prepare('INSERT INTO voucher_pools (name, created_at) VALUES (?, ?)').run(name, CREATED);
  const insert = db.prepare('INSERT INTO voucher_codes (pool, code, imported_at) VALUES (?, ?, ?)');
  for (const code of codes) insert.run(name, code, CREATED);
}

describe('listVoucherPools', () => {
  const open = useBrowseWorkspace();

  it('lists pools by name with their number of codes', () => {
    const { db } = open();
    addPool(db, 'summer', ['S1', 'S2', 'S3']);
    addPool(db, 'empty', []);
    expect(listVoucherPools(db)).toEqual([
      { name: 'empty', codes: 0, createdAt: CREATED },
      { name: 'summer', codes: 3, createdAt: CREATED },
    ]);
  });
});

describe('listVoucherCodes', () => {
  const open = useBrowseWorkspace();

  it('pages one pool’s codes in code order', () => {
    const { db } = open();
    addPool(db, 'summer', ['S3', 'S1', 'S2']);
    addPool(db, 'winter', ['W1']);
    const second = listVoucherCodes(db, { pool: 'summer', offset: 1, limit: 1 });
    expect(second).toEqual({ offset: 1, total: 3, items: [{ code: 'S2', importedAt: CREATED }] });
  });

  it('refuses an unknown pool with NOT_FOUND naming it', () => {
    const { db } = open();
    expect(() => listVoucherCodes(db, { pool: 'autumn', offset: 0, limit: 10 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('"autumn"') }),
    );
  });
});
