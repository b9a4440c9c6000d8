import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import type { Page, VoucherCode, VoucherPoolSummary } from '../../../src-shared/model/browse';

interface PoolRow {
  name: string;
  codes: number;
  created_at: string;
}

interface CodeRow {
  code: string;
  imported_at: string;
}

/** Every voucher pool by name, with its number of codes. */
export function listVoucherPools(db: Database): VoucherPoolSummary[] {
  const rows = db
    .prepare(
      `SELECT p.name, p.created_at, (SELECT COUNT(*) FROM voucher_codes c WHERE c.pool = p.name) AS codes
       FROM voucher_pools p ORDER BY p.name`,
    )
    .all() as PoolRow[];
  return rows.map((row) => ({ name: row.name, codes: row.codes, createdAt: row.created_at }));
}

/** A page of a pool's codes in code order (the primary key's). NOT_FOUND names an unknown pool. */
export function listVoucherCodes(
  db: Database,
  { pool, offset, limit }: ParsedPayload<'browse:voucherCodes'>,
): Page<VoucherCode> {
  const known = db.prepare('SELECT 1 FROM voucher_pools WHERE name = ?').pluck().get(pool);
  if (known === undefined) {
    throw new IntakeError('NOT_FOUND', `No voucher pool named "${pool}" in the workspace.`, { pool });
  }
  const rows = db
    .prepare('SELECT code, imported_at FROM voucher_codes WHERE pool = ? ORDER BY code LIMIT ? OFFSET ?')
    .all(pool, limit, offset) as CodeRow[];
  const total = db.prepare('SELECT COUNT(*) FROM voucher_codes WHERE pool = ?').pluck().get(pool) as number;
  return {
    offset,
    total,
    items: rows.map((row) => ({ code: row.code, importedAt: row.imported_at })),
  };
}
