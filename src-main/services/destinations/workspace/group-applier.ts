import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { epochMs, isoAt, isoDaysAfter, timeMicros } from './processing-time';
import { rejectOf, roleColumn } from './row-reject';

type MembershipKey = [string, string, string];

/**
 * Group: memberships keyed by (group_id, user ID), applied in file order. A row upserts the
 * membership with its cursor; `is_deleted = true` removes it. With a retention the membership
 * expires that many days after this processing (an alternative to deletes); without, never.
 * The user is the row's first ID (in column order): groups pair raw user IDs, not customers.
 * imported = new memberships (an expired one counts as new); updated = renewed or removed ones,
 * and a removal of an absent membership (the row is applied: the user is not in the group).
 * A membership belongs to the import that last upserted it, for expiry.
 */
export class GroupApplier implements RecordApplier {
  private readonly retentionDays: number | null;
  private readonly expiryOf: Statement<MembershipKey, { expires_at: string | null }>;
  private readonly upsert: Statement<
    [...MembershipKey, number | bigint, string, string | null, string | null]
  >;
  private readonly remove: Statement<MembershipKey>;

  constructor(
    db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
  ) {
    this.retentionDays = mapping.options.retentionDays;
    this.expiryOf = db.prepare(
      'SELECT expires_at FROM group_memberships WHERE group_id = ? AND user_id_type = ? AND user_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO group_memberships (group_id, user_id_type, user_id, cursor_us, updated_at, expires_at, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (group_id, user_id_type, user_id) DO UPDATE SET
         cursor_us = excluded.cursor_us, updated_at = excluded.updated_at, expires_at = excluded.expires_at,
         import_id = excluded.import_id`,
    );
    this.remove = db.prepare(
      'DELETE FROM group_memberships WHERE group_id = ? AND user_id_type = ? AND user_id = ?',
    );
  }

  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowMs = epochMs(processedAt);
    const nowIso = isoAt(nowMs);
    const expiresAt = this.retentionDays === null ? null : isoDaysAfter(nowMs, this.retentionDays);
    for (const record of records) {
      const user = record.ids[0];
      if (!user || record.groupId === null) {
        const [role, reason] = user
          ? (['group_id', 'Missing group_id'] as const)
          : (['id', 'No valid user ID'] as const);
        counts.rejected.push(rejectOf(record, roleColumn(this.mapping, role), '', reason));
        continue;
      }
      const key: MembershipKey = [record.groupId, user.idType, user.value];
      if (record.isDeleted === true) {
        this.remove.run(...key);
        counts.updated++;
        continue;
      }
      if (!record.timestamp) {
        counts.rejected.push(rejectOf(record, roleColumn(this.mapping, 'cursor'), '', 'Missing cursor'));
        continue;
      }
      const existing = this.expiryOf.get(...key);
      const alive = existing !== undefined && (existing.expires_at === null || existing.expires_at > nowIso);
      this.upsert.run(...key, timeMicros(record.timestamp), nowIso, expiresAt, this.context.importId);
      if (alive) counts.updated++;
      else counts.imported++;
    }
    return counts;
  }
}
