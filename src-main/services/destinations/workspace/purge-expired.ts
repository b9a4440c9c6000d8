import type { Database } from 'better-sqlite3';
import { purgeExpiredImports, type ImportDataCounts } from './expire-import-data';
import { purgeExpiredIdentityLinks } from './identity-links';
import { epochMs, isoAt } from './processing-time';

/** How many rows a purge removed, per table; importData is what deleted imports' expiry removed. */
export interface PurgeCounts {
  eventDedup: number;
  identityLinks: number;
  groupMemberships: number;
  importData: ImportDataCounts;
}

/**
 * Deletes what has expired: dedup memories, identity links, group memberships with a retention,
 * and the data of deleted imports whose expiry has come (see expireImportData). The appliers
 * already ignore expired memories, links and memberships, so for those this only reclaims space;
 * an import's data is gone only once this runs. Run it at start-up or on a timer, in its own
 * transaction or the caller's.
 */
export function purgeExpired(db: Database, at: Date | number): PurgeCounts {
  const nowIso = isoAt(epochMs(at));
  return {
    eventDedup: db.prepare('DELETE FROM event_dedup WHERE expires_at <= ?').run(nowIso).changes,
    identityLinks: purgeExpiredIdentityLinks(db, at),
    groupMemberships: db
      .prepare('DELETE FROM group_memberships WHERE expires_at IS NOT NULL AND expires_at <= ?')
      .run(nowIso).changes,
    importData: purgeExpiredImports(db, at),
  };
}
