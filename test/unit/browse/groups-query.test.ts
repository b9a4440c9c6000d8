import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listGroupMembers, listGroups } from '../../../src-main/services/browse/groups-query';
import { T0_US, useBrowseWorkspace } from './support';

const NOW = Date.UTC(2026, 10, 23, 12);
const UPDATED = '2026-11-20T00:00:00.000Z';

function addMember(
  db: Database,
  groupId: string,
  userId: string,
  expiresAt: string | null = null,
  cursorUs: number = T0_US,
): void {
  db.prepare(
    `INSERT INTO group_memberships (group_id, user_id_type, user_id, cursor_us, updated_at, expires_at)
     VALUES (?, 'registered', ?, ?, ?, ?)`,
  ).run(groupId, userId, cursorUs, UPDATED, expiresAt);
}

describe('listGroups', () => {
  const open = useBrowseWorkspace();

  it('pages groups by id with their current members; expired memberships do not count', () => {
    const { db } = open();
    addMember(db, 'vip', 'u1');
    addMember(db, 'vip', 'u2', '2027-01-01T00:00:00.000Z');
    addMember(db, 'vip', 'u3', '2026-11-01T00:00:00.000Z');
    addMember(db, 'gone', 'u1', '2026-11-01T00:00:00.000Z');
    addMember(db, 'all', 'u1');
    addMember(db, 'beta', 'u9');
    expect(listGroups(db, { offset: 0, limit: 2 }, NOW)).toEqual({
      offset: 0,
      total: 3,
      items: [
        { groupId: 'all', members: 1 },
        { groupId: 'beta', members: 1 },
      ],
    });
    expect(listGroups(db, { offset: 2, limit: 2 }, NOW).items).toEqual([{ groupId: 'vip', members: 2 }]);
  });
});

describe('listGroupMembers', () => {
  const open = useBrowseWorkspace();

  it('pages a group’s current members with the cursor in µs ISO', () => {
    const { db } = open();
    addMember(db, 'vip', 'u2', '2027-01-01T00:00:00.000Z', T0_US + 42);
    addMember(db, 'vip', 'u1');
    addMember(db, 'vip', 'u0', '2026-11-01T00:00:00.000Z');
    addMember(db, 'other', 'u5');
    const members = listGroupMembers(db, { groupId: 'vip', offset: 0, limit: 10 }, NOW);
    expect(members).toEqual({
      offset: 0,
      total: 2,
      items: [
        {
          groupId: 'vip',
          userIdType: 'registered',
          userId: 'u1',
          cursor: '2026-11-23T10:00:00.000000Z',
          updatedAt: UPDATED,
          expiresAt: null,
        },
        {
          groupId: 'vip',
          userIdType: 'registered',
          userId: 'u2',
          cursor: '2026-11-23T10:00:00.000042Z',
          updatedAt: UPDATED,
          expiresAt: '2027-01-01T00:00:00.000Z',
        },
      ],
    });
    expect(listGroupMembers(db, { groupId: 'vip', offset: 1, limit: 10 }, NOW).items).toHaveLength(1);
  });

  it('answers an empty page for an unknown group', () => {
    const { db } = open();
    expect(listGroupMembers(db, { groupId: 'nope', offset: 0, limit: 10 }, NOW)).toEqual({
      offset: 0,
      total: 0,
      items: [],
    });
  });
});
