import type { Database } from 'better-sqlite3';
import type { MappedId } from '../../../../src-shared/mapping/map-row';
import { epochMs, isoAt } from './processing-time';

/** A link between two IDs, as stored. */
export interface IdentityLink {
  matchKey: MappedId;
  identifier: MappedId;
  /** The row's optional timestamp, in epoch microseconds. */
  timestampUs: number | null;
  /** The processing time of the import that last (re)affirmed the link. */
  linkedAt: string;
  expiresAt: string;
}

interface LinkRow {
  match_type: string;
  match_value: string;
  id_type: string;
  id_value: string;
  timestamp_us: number | null;
  linked_at: string;
  expires_at: string;
}

/**
 * The unexpired links of an ID, on either side (the platforms treat both columns symmetrically),
 * ordered by the other ID. An expired link is never returned, purged or not.
 */
export function findIdentityLinks(db: Database, id: MappedId, at: Date | number): IdentityLink[] {
  const nowIso = isoAt(epochMs(at));
  const rows = db
    .prepare(
      `SELECT * FROM identity_links WHERE match_type = @type AND match_value = @value AND expires_at > @now
       UNION ALL
       SELECT * FROM identity_links WHERE id_type = @type AND id_value = @value AND expires_at > @now
         AND NOT (match_type = @type AND match_value = @value)
       ORDER BY id_type, id_value, match_type, match_value`,
    )
    .all({ type: id.idType, value: id.value, now: nowIso }) as LinkRow[];
  return rows.map((row) => ({
    matchKey: { idType: row.match_type, value: row.match_value },
    identifier: { idType: row.id_type, value: row.id_value },
    timestampUs: row.timestamp_us,
    linkedAt: row.linked_at,
    expiresAt: row.expires_at,
  }));
}

/** Deletes links whose retention has passed; returns how many. */
export function purgeExpiredIdentityLinks(db: Database, at: Date | number): number {
  return db.prepare('DELETE FROM identity_links WHERE expires_at <= ?').run(isoAt(epochMs(at))).changes;
}
