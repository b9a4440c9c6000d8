import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupApplier } from '../../../src-main/services/destinations/workspace/group-applier';
import { purgeExpired } from '../../../src-main/services/destinations/workspace/purge-expired';
import type { MappedRecord } from '../../../src-shared/mapping/map-row';
import type { ImportOptions } from '../../../src-shared/model/mapping';
import { idCol, mappingOf, roleCol } from '../mapping/fixtures';
import {
  applyIn,
  counts,
  DAY,
  isoDay,
  recordsOf,
  rows,
  snapshot,
  T0,
  useWorkspace,
  NO_IMPORT,
} from './support';

const group = (options: Partial<ImportOptions> = {}) =>
  mappingOf(
    'group',
    [
      idCol('user', 'registered'),
      roleCol('group_id', 'group_id'),
      roleCol('cursor', 'cursor'),
      roleCol('is_deleted', 'is_deleted'),
    ],
    options,
  );

const JAN_1_2024_US = 1704067200000000;
const FEB_1_2024_US = 1706745600000000;

const memberships = (db: Database) =>
  rows(
    db,
    'SELECT group_id, user_id_type, user_id, cursor_us, updated_at, expires_at FROM group_memberships ORDER BY group_id, user_id',
  );

describe('GroupApplier', () => {
  const open = useWorkspace();

  it('upserts memberships by (group_id, user ID) with their cursor', () => {
    const db = open();
    const mapping = group();
    const applier = new GroupApplier(db, mapping, NO_IMPORT);
    expect(
      applyIn(
        db,
        applier,
        recordsOf(mapping, [
          ['u1', 'g1', '2024-01-01', 'false'],
          ['u2', 'g1', '2024-01-01', ''],
          ['u1', 'g2', '2024-01-01', '0'],
        ]),
      ),
    ).toEqual(counts(3, 0, 0));
    expect(applyIn(db, applier, recordsOf(mapping, [['u1', 'g1', '2024-02-01', '']]), T0 + DAY)).toEqual(
      counts(0, 1, 0),
    );
    expect(memberships(db)).toEqual([
      {
        group_id: 'g1',
        user_id_type: 'registered',
        user_id: 'u1',
        cursor_us: FEB_1_2024_US,
        updated_at: isoDay(1),
        expires_at: null,
      },
      {
        group_id: 'g1',
        user_id_type: 'registered',
        user_id: 'u2',
        cursor_us: JAN_1_2024_US,
        updated_at: isoDay(0),
        expires_at: null,
      },
      {
        group_id: 'g2',
        user_id_type: 'registered',
        user_id: 'u1',
        cursor_us: JAN_1_2024_US,
        updated_at: isoDay(0),
        expires_at: null,
      },
    ]);
  });

  it('removes a membership when is_deleted is true, in file order, counting removals as updated', () => {
    const db = open();
    const mapping = group();
    const applier = new GroupApplier(db, mapping, NO_IMPORT);
    const result = applyIn(
      db,
      applier,
      recordsOf(mapping, [
        ['u1', 'g1', '2024-01-01', ''],
        ['u2', 'g1', '2024-01-01', ''],
        ['u1', 'g1', '2024-01-02', 'true'],
        ['u3', 'g1', '2024-01-02', '1'],
        ['u2', 'g1', '2024-01-03', 'TRUE'],
        ['u2', 'g1', '2024-02-01', 'false'],
      ]),
    );
    expect(result).toEqual(counts(3, 3, 0));
    expect(memberships(db)).toEqual([expect.objectContaining({ user_id: 'u2', cursor_us: FEB_1_2024_US })]);
  });

  it('expires memberships after the retention, renews them on re-import, and never expires without one', () => {
    const db = open();
    const retained = group({ retentionDays: 30 });
    const applier = new GroupApplier(db, retained, NO_IMPORT);
    applyIn(db, applier, recordsOf(retained, [['u1', 'g1', '2024-01-01', '']]));
    const forever = group();
    applyIn(
      db,
      new GroupApplier(db, forever, NO_IMPORT),
      recordsOf(forever, [['u9', 'g1', '2024-01-01', '']]),
    );
    expect(memberships(db).map((m) => (m as { expires_at: string | null }).expires_at)).toEqual([
      isoDay(30),
      null,
    ]);

    expect(
      applyIn(db, applier, recordsOf(retained, [['u1', 'g1', '2024-01-01', '']]), T0 + 10 * DAY),
    ).toEqual(counts(0, 1, 0));
    expect(purgeExpired(db, T0 + 30 * DAY).groupMemberships).toBe(0);
    expect(purgeExpired(db, T0 + 40 * DAY).groupMemberships).toBe(1);
    expect(memberships(db)).toEqual([expect.objectContaining({ user_id: 'u9', expires_at: null })]);
    // Expired and purged (or only expired): importing it again makes a new membership.
    expect(
      applyIn(db, applier, recordsOf(retained, [['u1', 'g1', '2024-01-01', '']]), T0 + 50 * DAY),
    ).toEqual(counts(1, 0, 0));
  });

  it('rejects records without a user ID, a group_id or (unless deleting) a cursor', () => {
    const db = open();
    const mapping = group();
    const [record] = recordsOf(mapping, [['u1', 'g1', '2024-01-01', '']]);
    const batch: MappedRecord[] = [
      { ...record!, rowNumber: 2, ids: [] },
      { ...record!, rowNumber: 3, groupId: null },
      { ...record!, rowNumber: 4, timestamp: null },
      { ...record!, rowNumber: 5, timestamp: null, isDeleted: true },
    ];
    const result = applyIn(db, new GroupApplier(db, mapping, NO_IMPORT), batch);
    expect(result.rejected).toEqual([
      { rowNumber: 2, column: 'user', value: '', reason: 'No valid user ID' },
      { rowNumber: 3, column: 'group_id', value: '', reason: 'Missing group_id' },
      { rowNumber: 4, column: 'cursor', value: '', reason: 'Missing cursor' },
    ]);
    expect(result.updated).toBe(1);
  });

  it('reaches the identical final state when the same batch is applied twice', () => {
    const db = open();
    const mapping = group({ retentionDays: 60 });
    const applier = new GroupApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [
      ['u1', 'g1', '2024-01-01', ''],
      ['u2', 'g1', '2024-01-01', ''],
      ['u1', 'g1', '2024-01-02', 'true'],
      ['u1', 'g2', '2024-01-03', ''],
    ]);
    expect(applyIn(db, applier, batch)).toEqual(counts(3, 1, 0));
    const once = snapshot(db, ['group_memberships']);
    applyIn(db, applier, batch);
    expect(snapshot(db, ['group_memberships'])).toEqual(once);
  });
});
