import type { Database } from 'better-sqlite3';
import type { MappedId, MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ApplyContext } from './apply-context';
import { emptyCounts, type ApplyCounts, type RecordApplier } from './apply-counts';
import { AttributeRecorder } from './attribute-recorder';
import { CustomerResolver } from './customer-resolver';
import { EventMemory } from './event-memory';
import { RunOwnEvents } from './run-own-events';
import { EventTypeSpans } from './event-type-spans';
import { EventTypesIds } from './event-types-ids';
import { EventPreparer, idsOf, type PreparedEvent, type PreparedEvents } from './prepared-events';
import { MultiRowInsert } from './multi-row-insert';
import { parseAttributeTypes } from '../../workspace/event-attributes-text';
import { EventRuns } from './event-runs';
import type { KeyOrderLimits } from './key-ordered-links';
import { DAY_MS, epochMs, isoAt, msToMicros } from './processing-time';
import { idColumn } from './row-reject';

/**
 * Links written per call of useIdleTime: a few milliseconds, so a batch that arrives meanwhile
 * waits no longer than that.
 */
const IDLE_SLICE_LINKS = 1024;

/** How long the dedup memory holds an event, from its (latest) processing. */
export const EVENT_DEDUP_DAYS = 90;

/**
 * Events: each row is paired to a customer by its IDs (hard first; unknown IDs create the customer,
 * see CustomerResolver). A row equal to an event of the customer whose dedup memory is still live
 * (same microsecond, event type, attribute types and values; dedup_until in the future) is counted as deduplicated and
 * extends that memory to 90 days from now; otherwise the event is inserted, remembered until
 * then. An expired memory is not consulted: the event comes in again, with a memory of its own.
 *
 * What needs no database is done by EventPreparer, which a run may execute on another thread
 * (applyPrepared); apply() prepares inline. A batch is written set-wise: its customers resolved
 * (owners looked up at once) and written, then each event checked against the batch's earlier
 * events and the customer's stored ones, then its new events inserted and its duplicates'
 * memories extended together.
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
  private readonly memory: EventMemory;
  private readonly events: MultiRowInsert;
  private readonly runs: EventRuns;
  /** The run's own events and the index to rebuild, when the run started with no events at all. */
  private readonly deferred: { runOwn: RunOwnEvents; indexSql: string } | null;

  constructor(
    private readonly db: Database,
    private readonly mapping: ImportMapping,
    private readonly context: ApplyContext,
    /**
     * For a run large enough to pay for work at its end (see finish()): `deferCustomerIndex` builds
     * events_by_customer then, given the run's row count (the most events it can insert);
     * `linksInKeyOrder` lets that many new customer IDs wait to be written sorted by key;
     * `holdStoredIds` reads the stored IDs into the resolver's memory first, when they fit;
     * `extendAtFinish` extends the dedup memories of stored duplicates then, not at every batch.
     */
    options: {
      deferCustomerIndex?: { rows: number };
      linksInKeyOrder?: KeyOrderLimits;
      holdStoredIds?: boolean;
      extendAtFinish?: boolean;
    } = {},
  ) {
    this.preparer = new EventPreparer(mapping);
    this.eventType = this.preparer.eventType;
    this.resolver = new CustomerResolver(db, {
      linksInKeyOrder: options.linksInKeyOrder,
      holdStoredIds: options.holdStoredIds,
    });
    this.attributes = new AttributeRecorder(db, 'events', this.eventType);
    this.typesIds = new EventTypesIds(db);
    this.spans = new EventTypeSpans(db, this.eventType);
    this.memory = new EventMemory(db, options.extendAtFinish === true);
    this.runs = new EventRuns(db);
    this.events = new MultiRowInsert(db, 'events', [
      'customer_id',
      'event_type',
      'timestamp_us',
      'attributes',
      'types_id',
      'run_number',
      'dedup_until_us',
    ]);
    this.deferred = options.deferCustomerIndex
      ? deferCustomerIndex(db, options.deferCustomerIndex.rows)
      : null;
  }

  /**
   * Ends the run's writes: writes the customer IDs that wait and the dedup extensions held back,
   * and rebuilds events_by_customer if this run dropped it. Call before the commit; a run that
   * fails instead rolls the drop back with everything else.
   */
  finish(): void {
    this.resolver.finish();
    this.memory.finish();
    if (!this.deferred) return;
    this.deferred.runOwn.assertNumbered();
    // The build sorts in memory up to the page cache's size before it spills to a temporary file:
    // with the run's 32 MiB that put a run of the realistic file over 300 MB of RSS.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma('cache_size = -8192');
    try {
      this.db.exec(this.deferred.indexSql);
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  /**
   * For a writer waiting for its next batch: writes a little of what may wait (a slice of the new
   * customer IDs waiting for key order); false when nothing waits.
   */
  useIdleTime(): boolean {
    return this.resolver.writeSome(IDLE_SLICE_LINKS);
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
    const nowUs = msToMicros(nowMs);
    const until = msToMicros(nowMs + EVENT_DEDUP_DAYS * DAY_MS);
    const resolved = this.resolveCustomers(batch.events, nowIso, counts);
    // In row order: an event equal to a stored one or to one earlier in the batch is a duplicate.
    const earlier = new EarlierEvents(resolved.events, batch.types);
    const extended: number[] = [];
    for (let index = 0; index < resolved.events.length; index++) {
      const event = resolved.events[index]!;
      const customerId = resolved.customerIds[index]!;
      const created = resolved.created[index] === 1;
      const micros = event[1];
      const values = event[2];
      const types = batch.types[event[3]]!;
      // A repeat of an earlier event of the batch: that one was inserted or extended already.
      if (earlier.repeats(index, customerId)) {
        counts.deduplicated++;
        continue;
      }
      // A customer created by the row itself has no stored events to look through, and no stored
      // event has attribute types that have no id yet.
      const typesId = created ? undefined : this.typesIds.existingIdOf(types);
      if (typesId !== undefined) {
        const identity = { customerId, micros, eventType: this.eventType, typesId, values };
        if (this.deferred) {
          // Only the run's own events are stored, each remembered until `until` already.
          if (this.deferred.runOwn.has(identity)) {
            counts.deduplicated++;
            continue;
          }
        } else {
          const storedId = this.memory.find(identity, nowUs);
          if (storedId !== undefined) {
            extended.push(storedId);
            counts.deduplicated++;
            continue;
          }
        }
      }
      this.events.add(
        customerId,
        this.eventType,
        micros,
        values,
        // At the insert, so a types text no stored event uses is never added.
        this.typesIds.idOf(types),
        this.runs.numberOf(this.context.runId, nowUs),
        until,
      );
      this.deferred?.runOwn.add(customerId, micros);
      this.spans.include(micros);
      counts.imported++;
      this.recordAttributes(types);
    }
    this.events.flush();
    this.memory.extend(extended, until);
    this.spans.save();
    return counts;
  }

  /**
   * Each event's customer, in row order; events whose IDs cannot have one are rejected. Parallel
   * arrays rather than an object per event: this runs for every row of a run (issue 18).
   */
  private resolveCustomers(
    events: readonly PreparedEvent[],
    nowIso: string,
    counts: ApplyCounts,
  ): ResolvedEvents {
    const ids = events.map(idsOf);
    // Iterated only when the resolver's memory cannot answer every ID itself.
    this.resolver.begin(eachId(ids));
    const resolved: ResolvedEvents = {
      events: [],
      customerIds: new Float64Array(events.length),
      created: new Uint8Array(events.length),
    };
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!;
      const resolution = this.resolver.resolve(ids[index]!, nowIso);
      if (resolution.ok) {
        resolved.customerIds[resolved.events.length] = resolution.customerId;
        resolved.created[resolved.events.length] = resolution.created ? 1 : 0;
        resolved.events.push(event);
      } else {
        const { id, reason } = resolution;
        counts.rejected.push({
          rowNumber: event[0],
          column: idColumn(this.mapping, id),
          value: id.value,
          reason,
        });
      }
    }
    // The events name their customers: write them first.
    this.resolver.endBatch();
    return resolved;
  }

  /** Offers the attributes of imported events next time (once per distinct types text). */
  private recordAttributes(types: string): void {
    if (this.recorded.has(types)) return;
    this.recorded.add(types);
    this.attributes.record(
      parseAttributeTypes(types).map(([name, type]) => ({ name, type: type as ColumnType, value: null })),
    );
  }
}

/**
 * A batch's events that have a customer, in row order, with each one's customer and whether the
 * row created it.
 */
interface ResolvedEvents {
  events: PreparedEvent[];
  customerIds: Float64Array;
  /** 1 where the event's own row created its customer. */
  created: Uint8Array;
}

/** Every ID of the rows, in order. */
function* eachId(ids: readonly MappedId[][]): Generator<MappedId> {
  for (const row of ids) yield* row;
}

/**
 * The events a batch met so far, by customer: what later rows of the batch may repeat (the run has
 * one event type). Each customer's latest event starts a chain of its earlier ones (indexes into
 * the batch), so no entry is made per event. The texts are compared only when the microsecond
 * matches; the types text is usually the very same string, a pointer comparison.
 */
class EarlierEvents {
  private readonly latest = new Map<number, number>();
  /** The index of the customer's event before each one, or -1. */
  private readonly previous: Int32Array;

  constructor(
    private readonly events: readonly PreparedEvent[],
    private readonly types: readonly string[],
  ) {
    this.previous = new Int32Array(events.length);
  }

  /**
   * Whether events[index] repeats an earlier one of its customer's; if not, it is met: later
   * events are compared with it. Call it in row order.
   */
  repeats(index: number, customerId: number): boolean {
    const event = this.events[index]!;
    const latest = this.latest.get(customerId) ?? -1;
    for (let at = latest; at >= 0; at = this.previous[at]!) {
      const other = this.events[at]!;
      if (other[1] === event[1] && other[2] === event[2] && this.types[other[3]] === this.types[event[3]]) {
        return true;
      }
    }
    this.previous[index] = latest;
    this.latest.set(customerId, index);
    return false;
  }
}

/**
 * Drops events_by_customer for the run when no event is stored yet, returning what to rebuild it
 * with; null otherwise. A run's events arrive in file order, so their customers come in random
 * order and every insert into the index lands on a random page; one build at the end sorts them
 * instead (issue 18: 200,000 customers, 1,000,000 events: 14.6 → 4.3 s of statements with lighter
 * rows). Only when the table is empty: then every event the run's duplicate checks could find is
 * its own (RunOwnEvents); with stored events the checks need the index.
 */
function deferCustomerIndex(db: Database, rows: number): { runOwn: RunOwnEvents; indexSql: string } | null {
  if (db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined) return null;
  const indexSql = db
    .prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_by_customer'")
    .pluck()
    .get();
  if (indexSql === undefined) return null;
  db.exec('DROP INDEX events_by_customer');
  // Without that index to keep in memory the run's page cache can be half the size: at 32 MiB the
  // run's table of its own events pushed a 1,000,000-row run's peak RSS over 300 MB (286–305;
  // 277–284 at 16 MiB, processing the same within the noise).
  db.pragma('cache_size = -16384');
  return { runOwn: new RunOwnEvents(db, rows), indexSql };
}
