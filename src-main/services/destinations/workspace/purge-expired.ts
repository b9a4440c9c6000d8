import type { Database } from 'better-sqlite3';
import { purgeExpiredIdentityLinks } from './identity-links';
import { epochMs, isoAt } from './processing-time';

/** How many rows a purge removed, per table. */
export interface PurgeCounts {
  eventDedup: number;
  identityLinks: number;
  groupMemberships: number;
}

/**
 * Deletes what has expired: dedup memories, identity links, group memberships with a retention.
 * The appliers already ignore expired rows, so this only reclaims space; run it at start-up or
 * on a timer, in its own transaction or the caller's.
 */
export function purgeExpired(db: Database, at: Date | number): PurgeCounts {
  const nowIso = isoAt(epochMs(at));
  return {
    eventDedup: db.prepare('DELETE FROM event_dedup WHERE expires_at <= ?').run(nowIso).changes,
    identityLinks: purgeExpiredIdentityLinks(db, at),
    groupMemberships: db
      .prepare('DELETE FROM group_memberships WHERE expires_at IS NOT NULL AND expires_at <= ?')
      .run(nowIso).changes,
  };
}
