import { afterAll, describe, expect, it } from 'vitest';
import { expireImportData } from '../../../src-main/services/destinations/workspace/expire-import-data';
import { purgeExpired } from '../../../src-main/services/destinations/workspace/purge-expired';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { countsOf, quick, rejectsOf } from './run-helpers';

// Vouchers (DESIGN.md §4): one code column into a named pool; codes already in the pool are
// ignored (counted as deduplicated); a code lives in one pool only.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const flags = (pool: string) => quick('vouchers', { pool, roles: ['voucher_code=voucher_code'] });

function codesOf(pool: string): { code: string; imported_at: string; import_id: string | null }[] {
  return rows(
    runtime,
    'SELECT code, imported_at, import_id FROM voucher_codes WHERE pool = ? ORDER BY code',
    pool,
  );
}

describe('vouchers import', () => {
  it('puts codes into the pool; codes already there are ignored and counted as deduplicated', async () => {
    const file = writeFixture(
      temp.dir,
      'spring.csv',
      'voucher_code,value\nSPRING-1,10\nSPRING-2,10\nSPRING-1,10\n" SPRING-3 ",10\n,10\n',
    );
    const run = await importAndWait(runtime, { file, quick: flags('spring') });

    expect(countsOf(run)).toEqual({
      read: 5,
      imported: 3,
      updated: 0,
      deduplicated: 1,
      rejected: 1,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([
      {
        row_number: 6,
        column_name: 'voucher_code',
        value: '',
        reason: 'Missing voucher code in "voucher_code"',
      },
    ]);
    expect(rows(runtime, "SELECT name FROM voucher_pools WHERE name = 'spring'")).toEqual([
      { name: 'spring' },
    ]);
    const first = codesOf('spring');
    expect(first.map((code) => code.code)).toEqual(['SPRING-1', 'SPRING-2', 'SPRING-3']);

    // A later file: the known code is ignored (it stays its first importer's), the new one added.
    const later = writeFixture(temp.dir, 'spring-2.csv', 'voucher_code,value\nSPRING-2,10\nSPRING-4,20\n');
    const again = await importAndWait(runtime, { file: later, quick: flags('spring') });
    expect(countsOf(again)).toEqual({
      read: 2,
      imported: 1,
      updated: 0,
      deduplicated: 1,
      rejected: 0,
      skipped: 0,
    });
    const codes = codesOf('spring');
    expect(codes.map((code) => code.code)).toEqual(['SPRING-1', 'SPRING-2', 'SPRING-3', 'SPRING-4']);
    expect(codes.find((code) => code.code === 'SPRING-2')).toEqual(
      first.find((code) => code.code === 'SPRING-2'),
    );
    expect(codes.find((code) => code.code === 'SPRING-4')!.import_id).toBe(again.importId);

    // The same file again: every code deduplicated, nothing changes.
    const before = codesOf('spring');
    const repeat = await importAndWait(runtime, { file, quick: flags('spring') });
    expect(countsOf(repeat)).toEqual({
      read: 5,
      imported: 0,
      updated: 0,
      deduplicated: 4,
      rejected: 1,
      skipped: 0,
    });
    expect(codesOf('spring')).toEqual(before);
  });

  it('rejects a code another pool holds, naming that pool', async () => {
    const spring = writeFixture(temp.dir, 'autumn-seed.csv', 'voucher_code,value\nAUTUMN-1,5\n');
    countsOf(await importAndWait(runtime, { file: spring, quick: flags('autumn') }));

    const file = writeFixture(temp.dir, 'winter.csv', 'voucher_code,value\nAUTUMN-1,5\nWINTER-1,5\n');
    const run = await importAndWait(runtime, { file, quick: flags('winter') });
    expect(countsOf(run)).toEqual({
      read: 2,
      imported: 1,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([
      {
        row_number: 2,
        column_name: 'voucher_code',
        value: 'AUTUMN-1',
        reason: 'Code "AUTUMN-1" is already in pool "autumn"; a code can be in one pool only',
      },
    ]);
    expect(codesOf('winter').map((code) => code.code)).toEqual(['WINTER-1']);
    expect(codesOf('autumn').map((code) => code.code)).toEqual(['AUTUMN-1']);
  });

  it('codes remember their import, so expiring a deleted import’s data removes them', async () => {
    const file = writeFixture(temp.dir, 'promo.csv', 'voucher_code,value\nPROMO-1,1\nPROMO-2,1\n');
    const run = await importAndWait(runtime, { file, quick: flags('promo') });
    expect(countsOf(run)).toMatchObject({ imported: 2 });
    expect(run.importId).toBeTruthy();
    expect(codesOf('promo').map((code) => code.import_id)).toEqual([run.importId, run.importId]);

    const db = runtime.workspace.db;
    const now = Date.now();
    db.transaction(() => {
      expireImportData(db, run.importId!, now, 0);
      purgeExpired(db, now);
    })();
    expect(codesOf('promo')).toEqual([]);
    // The pool is a definition, not data: it stays.
    expect(rows(runtime, "SELECT name FROM voucher_pools WHERE name = 'promo'")).toEqual([{ name: 'promo' }]);
  });
});
