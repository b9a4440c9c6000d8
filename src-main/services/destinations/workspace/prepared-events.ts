import type { MappedId, MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import { EventAttributesEncoder } from './event-attributes';
import { timeMicros } from './processing-time';
import { requiredName } from './required-name';
import { rejectOf, roleColumn } from './row-reject';

/**
 * An event as it reaches the workspace: everything that needs no database already worked out
 * (timestamp in microseconds, stored attributes text). A flat tuple of primitives, so a batch
 * crosses threads for a fraction of what structured-cloning records costs (≈0.4 s against ≈11 s
 * per million), and the row's IDs follow as (type, value) pairs. No dedup hash: the workspace
 * compares an event's texts with the stored event's (EventMemory), and hashing them was a third
 * of the preparing thread's time.
 */
export type PreparedEvent = [
  rowNumber: number,
  micros: number | bigint,
  values: string,
  /** Index into PreparedEvents.types. */
  typesIndex: number,
  ...ids: string[],
];

/** Prepared events, with the attribute-types texts they name by index. */
export interface PreparedEvents {
  events: PreparedEvent[];
  /** Every distinct types text the preparer met so far (one, unless the mapping's shape changed). */
  types: readonly string[];
}

/** Where a PreparedEvent's (type, value) ID pairs start: after its four fixed fields. */
export const IDS_FROM = 4;

/**
 * Prepares mapped records as events: pure, no database, so it runs in the thread that reads and
 * maps the rows while another one writes (see the run's processing pipeline), or inline. One
 * record at a time, right after it is mapped, so the record dies young (cheap for the GC).
 */
export class EventPreparer {
  /** The mapping's event type (required: a mapping without one is refused here). */
  readonly eventType: string;
  private readonly encoder = new EventAttributesEncoder();
  private readonly typesTexts: string[] = [];

  constructor(private readonly mapping: ImportMapping) {
    this.eventType = requiredName(mapping.options.eventType, 'event type');
  }

  /** The types texts prepared events name by index. */
  get types(): readonly string[] {
    return this.typesTexts;
  }

  /** The record as an event, or null when it cannot be one (pushed to `rejects` with the reason). */
  prepare(record: MappedRecord, rejects: RowReject[]): PreparedEvent | null {
    const { timestamp, ids } = record;
    if (!ids.length || !timestamp) {
      const [role, reason] = ids.length
        ? (['timestamp', 'Missing timestamp'] as const)
        : (['id', 'No valid customer ID'] as const);
      rejects.push(rejectOf(record, roleColumn(this.mapping, role), '', reason));
      return null;
    }
    const text = this.encoder.encode(record.attributes);
    // The encoder hands out the same types string object while the shape holds: usually the last
    // one, a pointer comparison.
    let typesIndex = this.typesTexts.length - 1;
    if (this.typesTexts[typesIndex] !== text.types) typesIndex = this.typesTexts.push(text.types) - 1;
    const event: PreparedEvent = [record.rowNumber, timeMicros(timestamp), text.values, typesIndex];
    for (const id of ids) event.push(id.idType, id.value);
    return event;
  }
}

/** The customer IDs of a prepared event, in column order. */
export function idsOf(event: PreparedEvent): MappedId[] {
  // Sized at once: an array grown by push reserves room for 16 (a run makes one per row).
  const ids = new Array<MappedId>((event.length - IDS_FROM) >> 1);
  for (let i = IDS_FROM, at = 0; i < event.length; i += 2, at++) {
    ids[at] = { idType: event[i] as string, value: event[i + 1] as string };
  }
  return ids;
}
