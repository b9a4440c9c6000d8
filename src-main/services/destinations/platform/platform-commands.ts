import { IntakeError } from '../../../../src-shared/errors';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { TimeValue } from '../../../../src-shared/values/civil-time';
import type { JsonValue } from '../../../../src-shared/values/json';
import { attributesText, eventDedupKey, sortedPlainAttributes } from '../workspace/event-dedup-key';
import { canonicalJson, plainValue } from '../workspace/stored-value';
import { hash48 } from './record-hash';

/** The API a platform connection speaks. */
export type PlatformFlavor = 'bloomreach' | 'segment';

/** One record as a platform command: what is sent, and what identifies it for the delta. */
export interface PlatformCommand {
  /** The record's source row. */
  rowNumber: number;
  /** What the delta remembers it by: its customer IDs, event dedup key or item_id. */
  key: string;
  /** The key's 48-bit hash (record-hash.ts). */
  keyHash: number;
  /** Changes when what is sent changes (never with the send time): 48 bits of a SHA-256. */
  fingerprint: number;
  /** The command or message, exactly as it goes into a request. */
  body: Record<string, JsonValue>;
}

/** Import types a platform's tracking API takes (identity links, groups and vouchers have no command). */
const PUSHABLE = new Set(['customers', 'events', 'catalog']);

/**
 * Turns a run's records into one platform's commands: Bloomreach batch commands (customers,
 * customers/events) or catalog items, or Segment identify/track messages. Each carries a stable id
 * (`command_id` / `messageId`: the run and row), so a platform that deduplicates by id can drop a
 * repeat. Commands are not executed in order by the platform: a customer command carries
 * `update_timestamp` (the row's, else the run's start plus the row number in microseconds, so a
 * later row of the file still wins) and an event its `timestamp` (the seed's advice).
 */
export function commandBuilder(
  flavor: PlatformFlavor,
  mapping: ImportMapping,
  runId: string,
  runStartedAt: Date,
): (record: MappedRecord) => PlatformCommand | string {
  if (!PUSHABLE.has(mapping.importType)) {
    throw new IntakeError(
      'VALIDATION',
      `A ${mapping.importType} import cannot be pushed to a platform's API: only customers, events and catalog items can. Import it into the workspace or PostgreSQL instead.`,
      { importType: mapping.importType },
    );
  }
  if (flavor === 'segment' && mapping.importType === 'catalog') {
    throw new IntakeError(
      'VALIDATION',
      'A Segment-compatible API takes identify and track messages: a catalog cannot be pushed to it.',
      { importType: 'catalog' },
    );
  }
  const names = attributeNames(mapping);
  const eventType = mapping.options.eventType.trim();
  const runSeconds = runStartedAt.getTime() / 1000;
  const id = (record: MappedRecord) => `${runId}:${record.rowNumber}`;

  return (record) => {
    const properties = propertiesOf(record, names);
    const ids = customerIds(record);
    switch (mapping.importType) {
      case 'customers': {
        if (Object.keys(ids).length === 0) return 'No valid customer ID';
        const idsJson = canonicalJson(ids);
        const key = `customer:${idsJson}`;
        const fingerprint = hash48(`${idsJson}\n${canonicalJson(properties)}`);
        const updated = record.updateTimestamp
          ? seconds(record.updateTimestamp)
          : runSeconds + record.rowNumber / 1_000_000;
        const body: Record<string, JsonValue> =
          flavor === 'bloomreach'
            ? {
                name: 'customers',
                command_id: id(record),
                data: { customer_ids: ids, properties, update_timestamp: updated },
              }
            : {
                type: 'identify',
                messageId: id(record),
                ...segmentUser(ids),
                traits: properties,
                timestamp: new Date(updated * 1000).toISOString(),
              };
        return { rowNumber: record.rowNumber, key, keyHash: hash48(key), fingerprint, body };
      }
      case 'events': {
        if (Object.keys(ids).length === 0) return 'No valid customer ID';
        if (!record.timestamp) return 'The event has no timestamp';
        const named = record.attributes.map((attribute, at) => ({
          ...attribute,
          name: names[at] ?? attribute.name,
        }));
        const dedup = eventDedupKey(
          eventType,
          record.timestamp.iso,
          attributesText(sortedPlainAttributes(named)),
        );
        // An event is its customer and its dedup key: any change makes it another event.
        const key = `event:${canonicalJson(ids)}:${dedup}`;
        const body: Record<string, JsonValue> =
          flavor === 'bloomreach'
            ? {
                name: 'customers/events',
                command_id: id(record),
                data: {
                  customer_ids: ids,
                  event_type: eventType,
                  timestamp: seconds(record.timestamp),
                  properties,
                },
              }
            : {
                type: 'track',
                messageId: id(record),
                ...segmentUser(ids),
                event: eventType,
                properties,
                timestamp: record.timestamp.iso,
              };
        // The key is the whole event: one hash serves as both.
        const hash = hash48(key);
        return { rowNumber: record.rowNumber, key, keyHash: hash, fingerprint: hash, body };
      }
      default: {
        if (!record.itemId) return 'No item_id';
        const key = `item:${mapping.options.catalogName}:${record.itemId}`;
        // The item's key travels beside its properties, not among them.
        delete properties.item_id;
        return {
          rowNumber: record.rowNumber,
          key,
          keyHash: hash48(key),
          fingerprint: hash48(canonicalJson(properties)),
          body: { item_id: record.itemId, properties },
        };
      }
    }
  };
}

/** The attribute names of a record, in the order map-row gives its attributes. */
function attributeNames(mapping: ImportMapping): string[] {
  return [
    ...mapping.columns.filter((column) => column.include).map((column) => column.target.trim()),
    ...mapping.statics.map((column) => column.name),
  ];
}

function propertiesOf(record: MappedRecord, names: readonly string[]): Record<string, JsonValue> {
  const properties: Record<string, JsonValue> = {};
  record.attributes.forEach((attribute, at) => {
    properties[names[at] ?? attribute.name] = plainValue(attribute.type, attribute.value);
  });
  return properties;
}

/** A record's customer IDs, one per ID type (the first of the row's columns of that type). */
function customerIds(record: MappedRecord): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const id of record.ids) if (!(id.idType in ids)) ids[id.idType] = id.value;
  return ids;
}

/** Segment's user: the first ID as userId, as its own ID type in traits-free form. */
function segmentUser(ids: Record<string, string>): Record<string, JsonValue> {
  const [first] = Object.values(ids);
  return {
    userId: first ?? null,
    context: { externalIds: Object.entries(ids).map(([type, id]) => ({ type, id })) },
  };
}

/** Seconds since the epoch with the microseconds as decimals, from the exact ISO text. */
function seconds(time: TimeValue): number {
  const micros = /\.(\d{1,6})/.exec(time.iso)?.[1]?.padEnd(6, '0') ?? '000000';
  return Math.floor(time.epochSeconds) + Number(micros) / 1_000_000;
}
