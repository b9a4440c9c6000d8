import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { epochMs, isoAt, isoDaysAfter, timeMicros } from './processing-time';
import { rejectOf, roleColumn } from './row-reject';

/** Retention of identity links when the import sets none (the platform's maximum). */
export const DEFAULT_IDENTITY_RETENTION_DAYS = 180;

type LinkKey = [string, string, string, string];

/**
 * Identity: each row upserts a link between its match key and its identifier, expiring the
 * retention (2–180 days, default 180) after this processing; importing a link again renews it.
 * imported = new links (an expired, not yet purged link counts as new), updated = renewed links.
 * Attribute columns are ignored: a link has no attributes. A link belongs to the import that last
 * (re)affirmed it, for expiry.
 */
export class IdentityApplier implements RecordApplier {
  private readonly retentionDays: number;
  private readonly expiryOf: Statement<LinkKey, string>;
  private readonly upsert: Statement<[...LinkKey, number | bigint | null, string, string, string | null]>;

  constructor(
    db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
  ) {
    this.retentionDays = mapping.options.retentionDays ?? DEFAULT_IDENTITY_RETENTION_DAYS;
    this.expiryOf = db
      .prepare<LinkKey, string>(
        `SELECT expires_at FROM identity_links
         WHERE match_type = ? AND match_value = ? AND id_type = ? AND id_value = ?`,
      )
      .pluck();
    this.upsert = db.prepare(
      `INSERT INTO identity_links (match_type, match_value, id_type, id_value, timestamp_us, linked_at, expires_at, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (match_type, match_value, id_type, id_value) DO UPDATE SET
         timestamp_us = excluded.timestamp_us, linked_at = excluded.linked_at, expires_at = excluded.expires_at,
         import_id = excluded.import_id`,
    );
  }

  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowMs = epochMs(processedAt);
    const nowIso = isoAt(nowMs);
    const expiresAt = isoDaysAfter(nowMs, this.retentionDays);
    for (const record of records) {
      const { matchKey, identifier } = record;
      if (!matchKey || !identifier) {
        const [role, reason] = matchKey
          ? (['identifier', 'No valid identifier'] as const)
          : (['match_key', 'No valid match key'] as const);
        counts.rejected.push(rejectOf(record, roleColumn(this.mapping, role), '', reason));
        continue;
      }
      const key: LinkKey = [matchKey.idType, matchKey.value, identifier.idType, identifier.value];
      const expiry = this.expiryOf.get(...key);
      const timestampUs = record.timestamp ? timeMicros(record.timestamp) : null;
      this.upsert.run(...key, timestampUs, nowIso, expiresAt, this.context.importId);
      if (expiry !== undefined && expiry > nowIso) counts.updated++;
      else counts.imported++;
    }
    return counts;
  }
}
