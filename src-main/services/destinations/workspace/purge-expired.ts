import type { Database } from 'better-sqlite3';
import { purgeExpiredImports, runsOn, type ImportDataCounts, type RunsOfImports } from './expire-import-data';
import { purgeExpiredIdentityLinks } from './identity-links';
import { epochMs, isoAt } from './processing-time';

/** How many rows a purge removed, per table; importData is what deleted imports' expiry removed. */
export interface PurgeCounts {
  identityLinks: number;
  groupMemberships: number;
  importData: ImportDataCounts;
}

/**
 * Deletes what has expired: identity links, group memberships with a retention, and the data of
 * deleted imports whose expiry has come (see expireImportData). The appliers already ignore
 * expired links and memberships, so for those this only reclaims space (an event's expired dedup
 * memory is a column of the event, ignored, nothing to delete);
 * an import's data is gone only once this runs. Run it at start-up or on a timer, in its own
 * transaction or the caller's.
 */
export function purgeExpired(
  db: Database,
  at: Date | number,
  runsOfImports: RunsOfImports = runsOn(db),
): PurgeCounts {
  const nowIso = isoAt(epochMs(at));
  return {
    identityLinks: purgeExpiredIdentityLinks(db, at),
    groupMemberships: db
      .prepare('DELETE FROM group_memberships WHERE expires_at IS NOT NULL AND expires_at <= ?')
      .run(nowIso).changes,
    importData: purgeExpiredImports(db, at, runsOfImports),
  };
}
