import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { AttributeRecorder } from './attribute-recorder';
import { CustomerResolver } from './customer-resolver';
import { EventTypeSpans } from './event-type-spans';
import { EventTypesIds } from './event-types-ids';
import { EventPreparer, idsOf, type PreparedEvent, type PreparedEvents } from './prepared-events';
import { epochMs, isoAt, isoDaysAfter } from './processing-time';
import { idColumn } from './row-reject';

/** How long the dedup memory holds an event, from its (latest) processing. */
export const EVENT_DEDUP_DAYS = 90;

type EventRow = [number, string, number | bigint, string, number, string | null, string, number, string];

/**
 * Events: each row is paired to a customer by its IDs (hard first; unknown IDs create the customer,
 * see CustomerResolver). A row equal to an event of the customer whose dedup memory is still live
 * (same microsecond, same eventDedupKey, dedup_until in the future) is counted as deduplicated and
 * extends that memory to 90 days from now; otherwise the event is inserted, remembered until
 * then. An expired memory is not consulted: the event comes in again, with a memory of its own.
 *
 * What needs no database is done by EventPreparer, which a run may execute on another thread
 * (applyPrepared); apply() prepares inline.
 */
export class EventsApplier implements RecordApplier {
  private readonly eventType: string;
  private readonly preparer: EventPreparer;
  private readonly resolver: CustomerResolver;
  private readonly attributes: AttributeRecorder;
  /** Types texts whose attributes are recorded already. */
  private readonly recorded = new Set<string>();
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
    this.preparer = new EventPreparer(mapping);
    this.eventType = this.preparer.eventType;
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
    const rejects: RowReject[] = [];
    const events: PreparedEvent[] = [];
    for (const record of records) {
      const event = this.preparer.prepare(record, rejects);
      if (event) events.push(event);
    }
    const counts = this.applyPrepared({ events, types: this.preparer.types }, processedAt);
    counts.rejected.unshift(...rejects);
    return counts;
  }

  applyPrepared(batch: PreparedEvents, processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowMs = epochMs(processedAt);
    const nowIso = isoAt(nowMs);
    const until = isoDaysAfter(nowMs, EVENT_DEDUP_DAYS);
    for (const event of batch.events) {
      const [rowNumber, micros, values, key, typesIndex] = event;
      const resolution = this.resolver.resolve(idsOf(event), nowIso);
      if (!resolution.ok) {
        const { id, reason } = resolution;
        counts.rejected.push({ rowNumber, column: idColumn(this.mapping, id), value: id.value, reason });
        continue;
      }
      const { customerId } = resolution;
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
        values,
        // At the insert, so a types text no stored event uses is never added.
        this.typesIds.idOf(batch.types[typesIndex]!),
        this.context.runId,
        nowIso,
        key,
        until,
      );
      this.spans.include(micros);
      counts.imported++;
      this.recordAttributes(batch.types[typesIndex]!);
    }
    this.spans.save();
    return counts;
  }

  /** Offers the attributes of imported events next time (once per distinct types text). */
  private recordAttributes(types: string): void {
    if (this.recorded.has(types)) return;
    this.recorded.add(types);
    const byName = JSON.parse(types) as Record<string, ColumnType>;
    this.attributes.record(Object.entries(byName).map(([name, type]) => ({ name, type, value: null })));
  }
}
