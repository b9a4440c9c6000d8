import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import type { IdentityLink, Page } from '../../../src-shared/model/browse';
import { containsPattern, searchText } from './contains-pattern';
import { optionalMicrosToIso } from './micros-to-iso';

interface LinkRow {
  match_type: string;
  match_value: string;
  id_type: string;
  id_value: string;
  timestamp_us: bigint | null;
  linked_at: string;
  expires_at: string;
}

// The unary + keeps SQLite off identity_links_by_expiry: most links are unexpired, so walking the
// primary key (the page order) and skipping expired ones beats reading by expiry and sorting all.
const UNEXPIRED = '+expires_at > @now';
const MATCHING = `(match_value LIKE @pattern ESCAPE '\\' OR id_value LIKE @pattern ESCAPE '\\')`;

/**
 * A page of identity links that have not expired at `now` (an expired link is never shown, purged
 * or not, as lookups treat it), in primary-key order, optionally those with a match value or
 * identifier containing the search text.
 */
export function listIdentityLinks(
  db: Database,
  { search, offset, limit }: ParsedPayload<'browse:identityLinks'>,
  now: Date | number = Date.now(),
): Page<IdentityLink> {
  const text = searchText(search);
  const where = text === null ? UNEXPIRED : `${UNEXPIRED} AND ${MATCHING}`;
  const nowIso = new Date(now).toISOString();
  const params = text === null ? { now: nowIso } : { now: nowIso, pattern: containsPattern(text) };
  const rows = db
    .prepare(
      `SELECT match_type, match_value, id_type, id_value, timestamp_us, linked_at, expires_at
       FROM identity_links WHERE ${where}
       ORDER BY match_type, match_value, id_type, id_value LIMIT @limit OFFSET @offset`,
    )
    .safeIntegers(true)
    .all({ ...params, offset, limit }) as LinkRow[];
  const total = db
    .prepare(`SELECT COUNT(*) FROM identity_links WHERE ${where}`)
    .pluck()
    .get(params) as number;
  return {
    offset,
    total,
    items: rows.map((row) => ({
      matchType: row.match_type,
      matchValue: row.match_value,
      idType: row.id_type,
      idValue: row.id_value,
      timestamp: optionalMicrosToIso(row.timestamp_us),
      linkedAt: row.linked_at,
      expiresAt: row.expires_at,
    })),
  };
}
