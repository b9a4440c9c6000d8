import { afterAll, describe, expect, it } from 'vitest';
import { listGroupMembers } from '../../../src-main/services/browse/groups-query';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { countsOf, dumpTable, editOptions, plusDays, quick, recipeFor, rejectsOf } from './run-helpers';

// Group (DESIGN.md §4): memberships keyed by (group_id, user ID) with their cursor, upserted in
// file order; is_deleted = true removes one; a retention expires them instead of deletes.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const FLAGS = quick('group', {
  ids: ['user=registered'],
  roles: ['group_id=group_id', 'is_deleted=is_deleted'],
  timestamp: 'cursor',
});

interface Membership {
  group_id: string;
  user_id_type: string;
  user_id: string;
  cursor_us: number;
  updated_at: string;
  expires_at: string | null;
}

function membershipsOf(groupId: string): Membership[] {
  return rows<Membership>(
    runtime,
    'SELECT group_id, user_id_type, user_id, cursor_us, updated_at, expires_at FROM group_memberships WHERE group_id = ? ORDER BY user_id',
    groupId,
  );
}

const us = (iso: string) => Date.parse(iso) * 1000;

describe('group import', () => {
  it('upserts memberships by (group_id, user) with their cursor; is_deleted = true removes one', async () => {
    const file = writeFixture(
      temp.dir,
      'members.csv',
      'user,group_id,cursor,is_deleted\n' +
        'u1,g1,2026-01-01T00:00:00Z,false\n' +
        'u2,g1,2026-01-01T00:00:00Z,\n' +
        'u1,g1,2026-01-02T00:00:00Z,false\n' +
        'u1,g2,2026-01-02T00:00:00Z,0\n' +
        'u2,g1,2026-01-03T00:00:00Z,true\n' +
        'u3,g1,2026-01-03T00:00:00Z,1\n' +
        'u4,,2026-01-01T00:00:00Z,\n' +
        ',g1,2026-01-01T00:00:00Z,\n' +
        'u5,g1,2026-01-01T00:00:00Z,maybe\n',
    );
    const run = await importAndWait(runtime, { file, quick: FLAGS });

    expect(countsOf(run)).toEqual({
      read: 9,
      imported: 3,
      updated: 3,
      deduplicated: 0,
      rejected: 3,
      skipped: 0,
    });
    expect(
      rejectsOf(runtime, run).map((reject) => [reject.row_number, reject.column_name, reject.reason]),
    ).toEqual([
      [8, 'group_id', 'Missing group_id in "group_id"'],
      [9, 'user', 'No valid user ID'],
      [10, 'is_deleted', 'is_deleted is not a boolean (true, false, 1 or 0) in "is_deleted"'],
    ]);
    expect(membershipsOf('g1').map((m) => [m.user_id_type, m.user_id, m.cursor_us, m.expires_at])).toEqual([
      ['registered', 'u1', us('2026-01-02T00:00:00Z'), null],
    ]);
    expect(membershipsOf('g2').map((m) => [m.user_id, m.cursor_us])).toEqual([
      ['u1', us('2026-01-02T00:00:00Z')],
    ]);

    // A re-run of the same file reaches the same memberships.
    const before = dumpTable(runtime, 'group_memberships', ['updated_at']);
    const again = await importAndWait(runtime, { file, quick: FLAGS });
    expect(countsOf(again)).toEqual({
      read: 9,
      imported: 1,
      updated: 5,
      deduplicated: 0,
      rejected: 3,
      skipped: 0,
    });
    expect(dumpTable(runtime, 'group_memberships', ['updated_at'])).toEqual(before);
  });

  it('with a retention, memberships expire: hidden once due and purged by the next run', async () => {
    const file = writeFixture(
      temp.dir,
      'retained.csv',
      'user,group_id,cursor,is_deleted\nr1,vip,2026-01-01T00:00:00Z,\nr2,vip,2026-01-01T00:00:00Z,false\n',
    );
    const recipe = await recipeFor(
      runtime,
      file,
      FLAGS,
      (m) => editOptions(m, { retentionDays: 7 }),
      'vip for a week',
    );
    expect(countsOf(await importAndWait(runtime, { file, recipe }))).toMatchObject({ imported: 2 });
    const members = membershipsOf('vip');
    expect(members).toHaveLength(2);
    for (const member of members) expect(member.expires_at).toBe(plusDays(member.updated_at, 7));
    const page = (at: number) =>
      listGroupMembers(runtime.workspace.db, { groupId: 'vip', offset: 0, limit: 10 }, at).items.map(
        (m) => m.userId,
      );
    expect(page(Date.now())).toEqual(['r1', 'r2']);
    expect(page(Date.parse(plusDays(members[0]!.updated_at, 8)))).toEqual([]);

    // r1's retention has passed: hidden at once, gone after the next run; a membership without one never expires.
    runtime.workspace.db
      .prepare("UPDATE group_memberships SET expires_at = '2020-01-01T00:00:00.000Z' WHERE user_id = 'r1'")
      .run();
    expect(page(Date.now())).toEqual(['r2']);
    const other = writeFixture(
      temp.dir,
      'next.csv',
      'user,group_id,cursor,is_deleted\nn1,other,2026-01-01T00:00:00Z,\n',
    );
    countsOf(await importAndWait(runtime, { file: other, quick: FLAGS }));
    expect(membershipsOf('vip').map((m) => m.user_id)).toEqual(['r2']);
    expect(membershipsOf('other').map((m) => m.expires_at)).toEqual([null]);
  });
});
