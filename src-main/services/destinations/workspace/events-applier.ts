import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { AttributeRecorder } from './attribute-recorder';
import { CustomerResolver } from './customer-resolver';
import { EventAttributesEncoder } from './event-attributes';
import { EventTypeSpans } from './event-type-spans';
import { EventTypesIds } from './event-types-ids';
import { eventDedupKey } from './event-dedup-key';
import { epochMs, isoAt, isoDaysAfter, timeMicros } from './processing-time';
import { requiredName } from './required-name';
import { idColumn, rejectOf, roleColumn } from './row-reject';

/** How long the dedup memory holds an event, from its (latest) processing. */
export const EVENT_DEDUP_DAYS = 90;

type EventRow = [number, string, number | bigint, string, number, string | null, string, number, string];

/**
 * Events: each row is paired to a customer by its IDs (hard first; unknown IDs create the customer,
 * see CustomerResolver). A row equal to an event of the customer whose dedup memory is still live
 * (same microsecond, same eventDedupKey, dedup_until in the future) is counted as deduplicated and
 * extends that memory to 90 days from now; otherwise the event is inserted, remembered until
 * then. An expired memory is not consulted: the event comes in again, with a memory of its own.
 */
export class EventsApplier implements RecordApplier {
  private readonly eventType: string;
  private readonly resolver: CustomerResolver;
  private readonly attributes: AttributeRecorder;
  private readonly encoder = new EventAttributesEncoder();
  private readonly typesIds: EventTypesIds;
  private readonly spans: EventTypeSpans;
  private readonly remembered: Statement<[number, number | bigint, number, string], number>;
  private readonly extend: Statement<[string, number]>;
  private readonly insertEvent: Statement<EventRow>;

  constructor(
    db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
  ) {
    this.eventType = requiredName(mapping.options.eventType, 'event type');
    this.resolver = new CustomerResolver(db);
    this.attributes = new AttributeRecorder(db, 'events', this.eventType);
    this.typesIds = new EventTypesIds(db);
    this.spans = new EventTypeSpans(db, this.eventType);
    this.remembered = db
      .prepare<[number, number | bigint, number, string], number>(
        `SELECT id FROM events
         WHERE customer_id = ? AND timestamp_us = ? AND dedup_key = ? AND dedup_until > ? LIMIT 1`,
      )
      .pluck();
    this.extend = db.prepare('UPDATE events SET dedup_until = ? WHERE id = ?');
    this.insertEvent = db.prepare(
      `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, types_id, run_id, processed_at, dedup_key, dedup_until)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowMs = epochMs(processedAt);
    const nowIso = isoAt(nowMs);
    const until = isoDaysAfter(nowMs, EVENT_DEDUP_DAYS);
    for (const record of records) {
      const { timestamp } = record;
      if (!record.ids.length || !timestamp) {
        const [role, reason] = record.ids.length
          ? (['timestamp', 'Missing timestamp'] as const)
          : (['id', 'No valid customer ID'] as const);
        counts.rejected.push(rejectOf(record, roleColumn(this.mapping, role), '', reason));
        continue;
      }
      const resolution = this.resolver.resolve(record.ids, nowIso);
      if (!resolution.ok) {
        const column = idColumn(this.mapping, resolution.id);
        counts.rejected.push(rejectOf(record, column, resolution.id.value, resolution.reason));
        continue;
      }
      const { customerId } = resolution;
      const micros = timeMicros(timestamp);
      const text = this.encoder.encode(record.attributes);
      const key = eventDedupKey(this.eventType, timestamp.iso, text);
      // A customer created by this very row has no events yet: skip the lookup.
      const duplicate = resolution.created ? undefined : this.remembered.get(customerId, micros, key, nowIso);
      if (duplicate !== undefined) {
        this.extend.run(until, duplicate);
        counts.deduplicated++;
        continue;
      }
      this.insertEvent.run(
        customerId,
        this.eventType,
        micros,
        text.values,
        this.typesIds.idOf(text.types),
        this.context.runId,
        nowIso,
        key,
        until,
      );
      this.spans.include(micros);
      counts.imported++;
      this.attributes.record(record.attributes);
    }
    this.spans.save();
    return counts;
  }
}
