import type { Database, Statement } from 'better-sqlite3';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { JsonValue } from '../../../../src-shared/values/json';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { AttributeRecorder } from './attribute-recorder';
import { CustomerResolver } from './customer-resolver';
import { eventDedupKey } from './event-dedup-key';
import { epochMs, isoAt, isoDaysAfter, timeMicros } from './processing-time';
import { requiredName } from './required-name';
import { idColumn, rejectOf, roleColumn } from './row-reject';
import { plainValue } from './stored-value';

/** How long the dedup memory holds an event, from its (latest) processing. */
export const EVENT_DEDUP_DAYS = 90;

type EventRow = [number, string, number | bigint, string, string, string | null, string];

/**
 * Events: each row is paired to a customer by its IDs (hard first; unknown IDs create the customer,
 * see CustomerResolver). A row equal to one the customer already has in its dedup memory (see
 * eventDedupKey) is counted as deduplicated and extends that memory to 90 days from now; otherwise
 * the event is inserted and remembered. An expired memory is overwritten, not consulted.
 */
export class EventsApplier implements RecordApplier {
  private readonly eventType: string;
  private readonly resolver: CustomerResolver;
  private readonly attributes: AttributeRecorder;
  private readonly dedupExpiry: Statement<[number, string], string>;
  private readonly remember: Statement<[number, string, string]>;
  private readonly insertEvent: Statement<EventRow>;
  private types: { attributes: { name: string; type: string }[]; json: string } | null = null;

  constructor(
    db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
  ) {
    this.eventType = requiredName(mapping.options.eventType, 'event type');
    this.resolver = new CustomerResolver(db);
    this.attributes = new AttributeRecorder(db, 'events', this.eventType);
    this.dedupExpiry = db
      .prepare<[number, string], string>(
        'SELECT expires_at FROM event_dedup WHERE customer_id = ? AND dedup_key = ?',
      )
      .pluck();
    this.remember = db.prepare(
      `INSERT INTO event_dedup (customer_id, dedup_key, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (customer_id, dedup_key) DO UPDATE SET expires_at = excluded.expires_at`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, attribute_types, run_id, processed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * The {name: type} JSON of a record's attributes. A mapping gives every record the same attributes
   * (included columns and statics, blanks included), so it is built once and reused while they match.
   */
  private typesJson(attributes: MappedRecord['attributes']): string {
    const cached = this.types;
    if (
      cached &&
      cached.attributes.length === attributes.length &&
      cached.attributes.every((a, i) => a.name === attributes[i]!.name && a.type === attributes[i]!.type)
    ) {
      return cached.json;
    }
    const types: Record<string, string> = {};
    for (const { name, type } of attributes) types[name] = type;
    this.types = {
      attributes: attributes.map(({ name, type }) => ({ name, type })),
      json: JSON.stringify(types),
    };
    return this.types.json;
  }

  apply(records: readonly MappedRecord[], processedAt: Date | number): ApplyCounts {
    const counts = emptyCounts();
    const nowMs = epochMs(processedAt);
    const nowIso = isoAt(nowMs);
    const expiresAt = isoDaysAfter(nowMs, EVENT_DEDUP_DAYS);
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
      const key = eventDedupKey(this.eventType, timestamp, record.attributes);
      // A customer created by this very row has no dedup memory yet: skip the lookup.
      const remembered = resolution.created ? undefined : this.dedupExpiry.get(customerId, key);
      this.remember.run(customerId, key, expiresAt);
      if (remembered !== undefined && remembered > nowIso) {
        counts.deduplicated++;
        continue;
      }
      const values: Record<string, JsonValue> = {};
      for (const { name, type, value } of record.attributes) values[name] = plainValue(type, value);
      const row: EventRow = [
        customerId,
        this.eventType,
        timeMicros(timestamp),
        JSON.stringify(values),
        this.typesJson(record.attributes),
        this.context.runId,
        nowIso,
      ];
      this.insertEvent.run(...row);
      counts.imported++;
      this.attributes.record(record.attributes);
    }
    return counts;
  }
}
