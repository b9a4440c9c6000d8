import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../../src-shared/errors';
import { recomputeSpans } from './event-type-spans';
import { epochMs, isoAt, isoDaysAfter } from './processing-time';

/** How long a deleted import's data stays before it expires, unless the user says otherwise. */
export const IMPORT_DATA_EXPIRY_DAYS = 30;

/** How many rows the expiry of deleted imports removed, per table. */
export interface ImportDataCounts {
  imports: number;
  events: number;
  customerAttributes: number;
  catalogItems: number;
  identityLinks: number;
  groupMemberships: number;
  voucherCodes: number;
}

const NOTHING_PURGED: ImportDataCounts = {
  imports: 0,
  events: 0,
  customerAttributes: 0,
  catalogItems: 0,
  identityLinks: 0,
  groupMemberships: 0,
  voucherCodes: 0,
};

/**
 * Marks an import's data to expire `days` after `at` (again: a later call moves the date);
 * purgeExpired removes it then. Returns the expiry as ISO text.
 */
export function expireImportData(
  db: Database,
  importId: string,
  at: Date | number,
  days = IMPORT_DATA_EXPIRY_DAYS,
): string {
  if (!Number.isFinite(days) || days < 0) {
    throw new IntakeError('VALIDATION', `Days until the data expires must be 0 or more, not ${days}.`);
  }
  const expiresAt = isoDaysAfter(epochMs(at), days);
  db.prepare(
    `INSERT INTO expiring_imports (import_id, expires_at) VALUES (?, ?)
     ON CONFLICT (import_id) DO UPDATE SET expires_at = excluded.expires_at`,
  ).run(importId, expiresAt);
  return expiresAt;
}

/**
 * The ids of the runs of some imports. Runs live in the control database: a connection with it
 * attached reads them itself; a run's writer, which must not attach it (its BEGIN IMMEDIATE would
 * lock the control database too), reads them from a connection of their own.
 */
export type RunsOfImports = (importIds: readonly string[]) => string[];

/** Runs of imports read on `db`, which must have the control database attached. */
export function runsOn(db: Database): RunsOfImports {
  return (importIds) =>
    db
      .prepare('SELECT id FROM runs WHERE import_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(importIds)) as string[];
}

/** The imports due at @now; a subquery, so each table is scanned once whatever their number. */
const DUE = 'SELECT import_id FROM expiring_imports WHERE expires_at <= @now';

/**
 * Deletes what the imports due at `at` wrote: their runs' events and the rows they were the last
 * to write. Customers and their IDs stay (other imports may know them by those IDs), and so do
 * catalogs and voucher pools, which are definitions, not data. The dedup memory lives on the
 * events, so it goes with them: sending the same events again brings them back instead of
 * counting them as duplicates of data that is gone. One transaction (a savepoint inside the
 * caller's), so an interrupted purge leaves the import due and runs again whole.
 */
export function purgeExpiredImports(
  db: Database,
  at: Date | number,
  runsOfImports: RunsOfImports = runsOn(db),
): ImportDataCounts {
  const now = { now: isoAt(epochMs(at)) };
  // Runs purge before every run: with nothing due, touch no data table (each delete is a full scan).
  if (db.prepare(`${DUE} LIMIT 1`).get(now) === undefined) return { ...NOTHING_PURGED };
  const remove = (sql: string) => db.prepare(sql).run(now).changes;
  const due = db.prepare(DUE).pluck().all(now) as string[];
  return db.transaction(() => {
    // No index on import_id or events.run_number: expiry is rare, and indexes slow every import.
    // The runs' rows in event_runs stay: a few bytes each, and they keep run numbers unique.
    const runIds = JSON.stringify(runsOfImports(due));
    const events = db
      .prepare(
        `DELETE FROM events WHERE run_number IN
           (SELECT number FROM event_runs WHERE run_id IN (SELECT value FROM json_each(?)))`,
      )
      .run(runIds).changes;
    if (events > 0) recomputeSpans(db);
    return {
      events,
      customerAttributes: remove(`DELETE FROM customer_attributes WHERE import_id IN (${DUE})`),
      catalogItems: remove(`DELETE FROM catalog_items WHERE import_id IN (${DUE})`),
      identityLinks: remove(`DELETE FROM identity_links WHERE import_id IN (${DUE})`),
      groupMemberships: remove(`DELETE FROM group_memberships WHERE import_id IN (${DUE})`),
      voucherCodes: remove(`DELETE FROM voucher_codes WHERE import_id IN (${DUE})`),
      // Last, so the subqueries above still see the due imports.
      imports: remove('DELETE FROM expiring_imports WHERE expires_at <= @now'),
    };
  })();
}
