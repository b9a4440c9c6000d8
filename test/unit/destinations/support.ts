import type { ImportDataCounts } from '../../../src-main/services/destinations/workspace/expire-import-data';
import type { Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import { createRowMapper, type MappedRecord } from '../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { ApplyContext } from '../../../src-main/services/destinations/workspace/apply-context';
import type {
  ApplyCounts,
  RecordApplier,
} from '../../../src-main/services/destinations/workspace/apply-counts';
import { openWorkspace } from '../../../src-main/services/workspace/workspace';
import { makeTempDir } from '../../support/temp-dir';

/** Applying outside any import: no run, no import, as most applier tests do. */
export const NO_IMPORT: ApplyContext = { runId: null, importId: null };

/** A day in milliseconds. */
export const DAY = 86_400_000;
/** The processing time of most tests: 2026-01-15 12:00 UTC. */
export const T0 = Date.UTC(2026, 0, 15, 12);

/** ISO text of T0 plus some days, as the workspace stores bookkeeping times. */
export function isoDay(days: number, from = T0): string {
  return new Date(from + days * DAY).toISOString();
}

/** A fresh workspace per test, closed and removed after it. */
export function useWorkspace(): () => Database {
  let current: { db: Database; done(): void } | null = null;
  afterEach(() => {
    current?.done();
    current = null;
  });
  return () => {
    const temp = makeTempDir('intake-destinations-');
    const workspace = openWorkspace(temp.dir);
    current = {
      db: workspace.db,
      done: () => {
        workspace.close();
        temp.remove();
      },
    };
    return workspace.db;
  };
}

/** Records of raw rows through the real row mapper (data rows start at 2, after the header). */
export function recordsOf(mapping: ImportMapping, rows: string[][]): MappedRecord[] {
  const map = createRowMapper(mapping);
  return rows.map((cells, index) => {
    const outcome = map(cells, index + 2);
    if (!outcome.ok) throw new Error(`row ${index + 2} rejected by the mapping: ${outcome.reject.reason}`);
    return outcome.record;
  });
}

/** Applies a batch inside a transaction, as a run does. */
export function applyIn(
  db: Database,
  applier: RecordApplier,
  records: readonly MappedRecord[],
  at: Date | number = T0,
): ApplyCounts {
  return db.transaction(() => applier.apply(records, at))();
}

/** Counts without rejects or warnings, for the common case. */
export function counts(imported: number, updated: number, deduplicated: number): ApplyCounts {
  return { imported, updated, deduplicated, rejected: [], warnings: [] };
}

/** All rows of a query. */
export function rows(db: Database, sql: string, ...params: unknown[]): unknown[] {
  return db.prepare(sql).all(...params);
}

/** Every row of the tables, in a stable order: the workspace state to compare for idempotence. */
export function snapshot(db: Database, tables: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(
    tables.map((table) => [
      table,
      (db.prepare(`SELECT * FROM ${table}`).all() as unknown[]).map((row) => JSON.stringify(row)).sort(),
    ]),
  );
}

/** What purgeExpiredImports removed when no deleted import was due. */
export const NOTHING_PURGED: ImportDataCounts = {
  imports: 0,
  events: 0,
  customerAttributes: 0,
  catalogItems: 0,
  identityLinks: 0,
  groupMemberships: 0,
  voucherCodes: 0,
};
