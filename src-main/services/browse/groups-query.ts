import type { Database } from 'better-sqlite3';
import type { ParsedPayload } from '../../../src-shared/contract';
import type { GroupMember, GroupSummary, Page } from '../../../src-shared/model/browse';
import { microsToIso } from './micros-to-iso';

interface GroupRow {
  group_id: string;
  members: number;
}

interface MemberRow {
  group_id: string;
  user_id_type: string;
  user_id: string;
  cursor_us: bigint;
  updated_at: string;
  expires_at: string | null;
}

// A membership past its retention is gone, purged or not (as the group applier treats it).
const CURRENT = '(expires_at IS NULL OR expires_at > @now)';

/** A page of groups by id with their current members; a group whose members all expired is gone. */
export function listGroups(
  db: Database,
  { offset, limit }: ParsedPayload<'browse:groups'>,
  now: Date | number = Date.now(),
): Page<GroupSummary> {
  const nowIso = new Date(now).toISOString();
  // GROUP BY walks the primary key (group_id first), so a page stops after its groups.
  const items = db
    .prepare(
      `SELECT group_id, COUNT(*) AS members FROM group_memberships WHERE ${CURRENT}
       GROUP BY group_id ORDER BY group_id LIMIT @limit OFFSET @offset`,
    )
    .all({ now: nowIso, offset, limit }) as GroupRow[];
  const total = db
    .prepare(`SELECT COUNT(DISTINCT group_id) FROM group_memberships WHERE ${CURRENT}`)
    .pluck()
    .get({ now: nowIso }) as number;
  return { offset, total, items: items.map((row) => ({ groupId: row.group_id, members: row.members })) };
}

/** A page of a group's current members by ID type and ID; an unknown group is an empty page. */
export function listGroupMembers(
  db: Database,
  { groupId, offset, limit }: ParsedPayload<'browse:groupMembers'>,
  now: Date | number = Date.now(),
): Page<GroupMember> {
  const nowIso = new Date(now).toISOString();
  const rows = db
    .prepare(
      `SELECT group_id, user_id_type, user_id, cursor_us, updated_at, expires_at FROM group_memberships
       WHERE group_id = @groupId AND ${CURRENT}
       ORDER BY user_id_type, user_id LIMIT @limit OFFSET @offset`,
    )
    .safeIntegers(true)
    .all({ groupId, now: nowIso, offset, limit }) as MemberRow[];
  const total = db
    .prepare(`SELECT COUNT(*) FROM group_memberships WHERE group_id = @groupId AND ${CURRENT}`)
    .pluck()
    .get({ groupId, now: nowIso }) as number;
  return {
    offset,
    total,
    items: rows.map((row) => ({
      groupId: row.group_id,
      userIdType: row.user_id_type,
      userId: row.user_id,
      cursor: microsToIso(row.cursor_us),
      updatedAt: row.updated_at,
      expiresAt: row.expires_at,
    })),
  };
}
