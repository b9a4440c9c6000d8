import { describe, expect, it } from 'vitest';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import type { MappedRecord } from '../../../src-shared/mapping/map-row';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';
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
import {
  attributesAndTypes,
  dedup,
  eventCount,
  events,
  MARCH_1_10H_US,
  MARCH_1_US,
  mapping,
  memories,
  row,
  spans,
  typesRows,
} from './events-fixtures';

describe('EventsApplier', () => {
  const open = useWorkspace();

  it('stores events with their customer, microsecond timestamp, typed attributes, run and processing time', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, { runId: 'run-1', importId: null });
    const result = applyIn(
      db,
      applier,
      recordsOf(mapping, [row('u1', '', '2024-03-01T10:00:00.123456Z', '10.5', 'A')]),
    );
    expect(result).toEqual(counts(1, 0, 0));
    expect(events(db)).toEqual([
      {
        customer_id: 1,
        event_type: 'purchase',
        timestamp_us: MARCH_1_10H_US + 123456,
        // Values in the order of the types set, names sorted: the canonical text a duplicate is compared by.
        attributes: '["A",10.5]',
        types: '[["code","text"],["price","number"]]',
        run_id: 'run-1',
        processed_at: '2026-01-15T12:00:00.000Z',
      },
    ]);
    expect(memories(db)).toEqual([{ customer_id: 1, dedup_until: isoDay(90) }]);
    expect(
      rows(db, "SELECT name FROM pragma_table_info('events') WHERE name = 'dedup_key'"),
      'no dedup hash is stored (schema 19)',
    ).toEqual([]);
    expect(typesRows(db)).toEqual([{ types: '[["code","text"],["price","number"]]' }]);
    expect(spans(db)).toEqual([
      { event_type: 'purchase', first_us: MARCH_1_10H_US + 123456, last_us: MARCH_1_10H_US + 123456 },
    ]);
    expect(
      rows(
        db,
        "SELECT name, data_type FROM attributes WHERE import_type = 'events' AND scope = 'purchase' ORDER BY name",
      ),
    ).toEqual([
      { name: 'code', data_type: 'text' },
      { name: 'price', data_type: 'number' },
    ]);
  });

  it('pairs events by hard ID first and creates customers for unknown IDs', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    applyIn(
      db,
      applier,
      recordsOf(mapping, [row('u1', '', '2024-01-01T00:00:00Z'), row('', 'c2', '2024-01-02T00:00:00Z')]),
    );
    const result = applyIn(db, applier, recordsOf(mapping, [row('u1', 'c2'), row('', 'c3')]));
    expect(result).toEqual(counts(2, 0, 0));
    expect(rows(db, 'SELECT customer_id FROM events ORDER BY id')).toEqual([
      { customer_id: 1 },
      { customer_id: 2 },
      { customer_id: 1 },
      { customer_id: 3 },
    ]);
    expect(rows(db, 'SELECT id_type, value, customer_id FROM customer_ids ORDER BY id_type, value')).toEqual([
      { id_type: 'cookie', value: 'c2', customer_id: 1 },
      { id_type: 'cookie', value: 'c3', customer_id: 3 },
      { id_type: 'registered', value: 'u1', customer_id: 1 },
    ]);
  });

  it('discards a 1:1 duplicate of the same customer, in the same batch and in a later one', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    expect(applyIn(db, applier, recordsOf(mapping, [row('u1', ''), row('u1', '')]))).toEqual(counts(1, 0, 1));
    // Found by another of its IDs, the customer is the same, so is the event.
    applyIn(db, applier, recordsOf(mapping, [row('u1', 'c1', '2024-01-01T00:00:00Z')]));
    expect(applyIn(db, applier, recordsOf(mapping, [row('', 'c1')]))).toEqual(counts(0, 0, 1));
    expect(eventCount(db)).toBe(2);
  });

  it("finds a repeat within a batch of any of the customer's earlier events, not only the latest", () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const first = row('u1', '', '2024-01-01T00:00:00Z');
    const second = row('u1', '', '2024-01-02T00:00:00Z');
    const other = row('u2', '', '2024-01-01T00:00:00Z');
    // Each customer's events are met in a chain from the latest: u1's third row repeats its first.
    const result = applyIn(db, applier, recordsOf(mapping, [first, other, second, first, second, other]));
    expect(result).toEqual(counts(3, 0, 3));
    expect(eventCount(db)).toBe(3);
  });

  it('sees within one batch what its earlier rows linked and moved, before any of it is written', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    // One batch: customers and links wait in buffers until the batch's events are written.
    const result = applyIn(
      db,
      applier,
      recordsOf(mapping, [
        row('', 'c1', '2024-01-01T00:00:00Z'), // a new customer 1, holding c1
        row('', 'c1', '2024-01-01T00:00:00Z'), // the same event of that customer: a duplicate
        row('u1', 'c1', '2024-01-02T00:00:00Z'), // found by c1; u1 joins customer 1
        row('u1', '', '2024-01-03T00:00:00Z'), // found by u1, linked two rows ago
        row('u2', 'c1', '2024-01-04T00:00:00Z'), // customer 1 has another registered ID: new customer 2, c1 moves
        row('', 'c1', '2024-01-05T00:00:00Z'), // c1 is customer 2's now
      ]),
    );
    expect(result).toEqual(counts(5, 0, 1));
    expect(rows(db, 'SELECT customer_id FROM events ORDER BY id')).toEqual(
      [1, 1, 1, 2, 2].map((customer_id) => ({ customer_id })),
    );
    expect(rows(db, 'SELECT id_type, value, customer_id FROM customer_ids ORDER BY id_type, value')).toEqual([
      { id_type: 'cookie', value: 'c1', customer_id: 2 },
      { id_type: 'registered', value: 'u1', customer_id: 1 },
      { id_type: 'registered', value: 'u2', customer_id: 2 },
    ]);
    expect(rows(db, 'SELECT id FROM customers ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('keeps events that differ in an attribute, the timestamp by one microsecond, or the customer', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const result = applyIn(
      db,
      applier,
      recordsOf(mapping, [
        row('u1', '', '2024-03-01T10:00:00.000001Z'),
        row('u1', '', '2024-03-01T10:00:00.000002Z'),
        row('u1', '', '2024-03-01T10:00:00.000002Z', '11'),
        row('u1', '', '2024-03-01T10:00:00.000002Z', '11', 'B'),
        row('u1', '', '2024-03-01T10:00:00.000002Z', '11', ''),
        row('u2', '', '2024-03-01T10:00:00.000002Z', '11', ''),
      ]),
    );
    expect(result).toEqual(counts(6, 0, 0));
    expect(
      rows(db, 'SELECT timestamp_us - ? AS us, attributes FROM events ORDER BY id', MARCH_1_10H_US),
    ).toEqual([
      { us: 1, attributes: '["A",10.5]' },
      { us: 2, attributes: '["A",10.5]' },
      { us: 2, attributes: '["A",11]' },
      { us: 2, attributes: '["B",11]' },
      { us: 2, attributes: '[null,11]' },
      { us: 2, attributes: '[null,11]' },
    ]);
    // Each is found again by its own content, the last two apart only by their customer.
    expect(
      applyIn(
        db,
        new EventsApplier(db, mapping, NO_IMPORT),
        recordsOf(mapping, [
          row('u2', '', '2024-03-01T10:00:00.000002Z', '11', ''),
          row('u1', '', '2024-03-01T10:00:00.000002Z', '11', 'B'),
          row('u1', '', '2024-03-01T10:00:00.000001Z'),
        ]),
      ),
    ).toEqual(counts(0, 0, 3));
    expect(eventCount(db)).toBe(6);
    // One types text for all of them, stored once and found again by a later run's applier.
    expect(
      applyIn(
        db,
        new EventsApplier(db, mapping, NO_IMPORT),
        recordsOf(mapping, [row('u3', '', '2024-03-01T10:00:00.000003Z')]),
      ),
    ).toEqual(counts(1, 0, 0));
    expect(typesRows(db)).toEqual([{ types: '[["code","text"],["price","number"]]' }]);
    expect(rows(db, 'SELECT DISTINCT types_id FROM events')).toHaveLength(1);
    expect(spans(db)).toEqual([
      { event_type: 'purchase', first_us: MARCH_1_10H_US + 1, last_us: MARCH_1_10H_US + 3 },
    ]);
  });

  it('tells "1" (text) from 1 (number): values with other types are not duplicates', () => {
    const db = open();
    const asText = mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp'), col('qty')], {
      eventType: 'purchase',
    });
    const asNumber = mappingOf(
      'events',
      [idCol('registered'), roleCol('ts', 'timestamp'), col('qty', { type: 'number' })],
      { eventType: 'purchase' },
    );
    const cells = [['u1', '2024-03-01T10:00:00Z', '1']];
    expect(applyIn(db, new EventsApplier(db, asText, NO_IMPORT), recordsOf(asText, cells))).toEqual(
      counts(1, 0, 0),
    );
    expect(applyIn(db, new EventsApplier(db, asNumber, NO_IMPORT), recordsOf(asNumber, cells))).toEqual(
      counts(1, 0, 0),
    );
    expect(applyIn(db, new EventsApplier(db, asText, NO_IMPORT), recordsOf(asText, cells))).toEqual(
      counts(0, 0, 1),
    );
    expect(attributesAndTypes(db)).toEqual([
      { attributes: '["1"]', types: '[["qty","text"]]' },
      { attributes: '[1]', types: '[["qty","number"]]' },
    ]);
    expect(typesRows(db)).toEqual([{ types: '[["qty","text"]]' }, { types: '[["qty","number"]]' }]);
    // Same event type, timestamp and JSON text: only the types text tells the number apart.
    expect(applyIn(db, new EventsApplier(db, asNumber, NO_IMPORT), recordsOf(asNumber, cells))).toEqual(
      counts(0, 0, 1),
    );
    expect(eventCount(db)).toBe(2);
  });

  it('tells a date from a text of the same characters: the type is part of the key, not only the JSON', () => {
    const db = open();
    const withDay = (type: 'text' | 'date') =>
      mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp'), col('day', { type })], {
        eventType: 'visit',
      });
    const cells = [['u1', '2024-03-01T10:00:00Z', '2024-03-01']];
    expect(
      applyIn(db, new EventsApplier(db, withDay('text'), NO_IMPORT), recordsOf(withDay('text'), cells)),
    ).toEqual(counts(1, 0, 0));
    expect(
      applyIn(db, new EventsApplier(db, withDay('date'), NO_IMPORT), recordsOf(withDay('date'), cells)),
    ).toEqual(counts(1, 0, 0));
    expect(attributesAndTypes(db)).toEqual([
      { attributes: '["2024-03-01"]', types: '[["day","text"]]' },
      { attributes: '["2024-03-01"]', types: '[["day","date"]]' },
    ]);
  });

  it('treats another event type as another event, and JSON objects with reordered keys as equal', () => {
    const db = open();
    const withJson = (eventType: string) =>
      mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp'), col('meta', { type: 'json' })], {
        eventType,
      });
    const view = withJson('view');
    const applier = new EventsApplier(db, view, NO_IMPORT);
    expect(
      applyIn(
        db,
        applier,
        recordsOf(view, [
          ['u1', '2024-03-01', '{"a":1,"b":[2]}'],
          ['u1', '2024-03-01', '{"b":[2],"a":1}'],
        ]),
      ),
    ).toEqual(counts(1, 0, 1));
    const purchase = withJson('purchase');
    expect(
      applyIn(
        db,
        new EventsApplier(db, purchase, NO_IMPORT),
        recordsOf(purchase, [['u1', '2024-03-01', '{"b":[2],"a":{"y":1,"x":2}}']]),
      ),
    ).toEqual(counts(1, 0, 0));
    // JSON values are stored canonical, their keys sorted at every depth.
    expect(attributesAndTypes(db)).toEqual([
      { attributes: '[{"a":1,"b":[2]}]', types: '[["meta","json"]]' },
      { attributes: '[{"a":{"x":2,"y":1},"b":[2]}]', types: '[["meta","json"]]' },
    ]);
    expect(spans(db)).toEqual([
      { event_type: 'purchase', first_us: MARCH_1_US, last_us: MARCH_1_US },
      { event_type: 'view', first_us: MARCH_1_US, last_us: MARCH_1_US },
    ]);
  });

  it("keeps each event type's first and last timestamp, widened by new events only", () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    applyIn(
      db,
      applier,
      recordsOf(mapping, [row('u1', '', '2024-03-01T10:00:00Z'), row('u2', '', '2024-03-02')]),
    );
    const march2 = MARCH_1_US + 86_400_000_000;
    expect(spans(db)).toEqual([{ event_type: 'purchase', first_us: MARCH_1_10H_US, last_us: march2 }]);
    // Inside the span, a duplicate, and rejected records outside it: nothing to widen.
    const [outside] = recordsOf(mapping, [row('u1', '', '2030-01-01')]);
    expect(
      applyIn(db, applier, [
        ...recordsOf(mapping, [row('u3', '', '2024-03-01T12:00:00Z'), row('u1', '', '2024-03-01T10:00:00Z')]),
        { ...outside!, ids: [] },
      ]),
    ).toMatchObject({ imported: 1, deduplicated: 1, rejected: [{ rowNumber: 2 }] });
    expect(spans(db)).toEqual([{ event_type: 'purchase', first_us: MARCH_1_10H_US, last_us: march2 }]);
    // Earlier and later events widen it, in one batch or across runs; another type has its own.
    applyIn(
      db,
      new EventsApplier(db, mapping, NO_IMPORT),
      recordsOf(mapping, [row('u1', '', '2024-02-29T23:59:59.999999Z'), row('u1', '', '2024-03-05')]),
    );
    const visit = mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp')], {
      eventType: 'visit',
    });
    applyIn(db, new EventsApplier(db, visit, NO_IMPORT), recordsOf(visit, [['u1', '2020-01-01']]));
    expect(spans(db)).toEqual([
      { event_type: 'purchase', first_us: MARCH_1_US - 1, last_us: MARCH_1_US + 4 * 86_400_000_000 },
      { event_type: 'visit', first_us: Date.UTC(2020, 0, 1) * 1000, last_us: Date.UTC(2020, 0, 1) * 1000 },
    ]);
  });

  it('rejects records without IDs or timestamp', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const [record] = recordsOf(mapping, [row('u1', '')]);
    const noIds: MappedRecord = { ...record!, rowNumber: 3, ids: [] };
    const noTime: MappedRecord = { ...record!, rowNumber: 4, timestamp: null };
    expect(applyIn(db, applier, [noIds, noTime]).rejected).toEqual([
      { rowNumber: 3, column: 'registered', value: '', reason: 'No valid customer ID' },
      { rowNumber: 4, column: 'ts', value: '', reason: 'Missing timestamp' },
    ]);
    expect(eventCount(db)).toBe(0);
  });

  it('refuses a mapping without an event type', () => {
    const db = open();
    expect(
      () => new EventsApplier(db, { ...mapping, options: { ...mapping.options, eventType: '' } }, NO_IMPORT),
    ).toThrow(/event type/);
  });

  it('reaches the identical final state when the same batch is applied twice', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, { runId: 'run-1', importId: null });
    const batch = recordsOf(mapping, [
      row('u1', 'c1'),
      row('', 'c1'),
      row('u2', ''),
      row('u2', '', '2024-03-02'),
    ]);
    const tables = ['customers', 'customer_ids', 'events', 'event_attribute_types', 'event_type_spans'];
    expect(applyIn(db, applier, batch)).toEqual(counts(3, 0, 1));
    const once = snapshot(db, tables);
    expect(applyIn(db, applier, batch)).toEqual(counts(0, 0, 4));
    expect(snapshot(db, tables)).toEqual(once);
    // Later, only the dedup memory moves on.
    const withoutMemory = () =>
      rows(
        db,
        'SELECT id, customer_id, event_type, timestamp_us, attributes, types_id, run_number FROM events ORDER BY id',
      );
    const stored = withoutMemory();
    expect(applyIn(db, applier, batch, T0 + DAY)).toEqual(counts(0, 0, 4));
    expect(withoutMemory()).toEqual(stored);
    expect(dedup(db).map((memory) => memory.dedup_until)).toEqual([isoDay(91), isoDay(91), isoDay(91)]);
    expect(snapshot(db, ['customers', 'customer_ids', 'event_attribute_types', 'event_type_spans'])).toEqual({
      customers: once.customers,
      customer_ids: once.customer_ids,
      event_attribute_types: once.event_attribute_types,
      event_type_spans: once.event_type_spans,
    });
  });
});
