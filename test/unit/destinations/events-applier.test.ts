import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import { purgeExpired } from '../../../src-main/services/destinations/workspace/purge-expired';
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

const mapping = mappingOf(
  'events',
  [
    idCol('registered'),
    idCol('cookie'),
    roleCol('ts', 'timestamp'),
    col('price', { type: 'number' }),
    col('code'),
  ],
  { eventType: 'purchase' },
);

/** registered, cookie, ts, price, code */
const row = (registered: string, cookie: string, ts = '2024-03-01T10:00:00Z', price = '10.5', code = 'A') => [
  registered,
  cookie,
  ts,
  price,
  code,
];

const MARCH_1_10H_US = 1709287200000000;

const events = (db: Database) =>
  rows(
    db,
    'SELECT customer_id, event_type, timestamp_us, attributes, attribute_types, run_id, processed_at FROM events ORDER BY id',
  );
const dedup = (db: Database) =>
  rows(db, 'SELECT customer_id, expires_at FROM event_dedup ORDER BY customer_id, expires_at');
const eventCount = (db: Database) => db.prepare('SELECT COUNT(*) FROM events').pluck().get();

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
        attributes: '{"price":10.5,"code":"A"}',
        attribute_types: '{"price":"number","code":"text"}',
        run_id: 'run-1',
        processed_at: '2026-01-15T12:00:00.000Z',
      },
    ]);
    expect(dedup(db)).toEqual([{ customer_id: 1, expires_at: isoDay(90) }]);
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
      { us: 1, attributes: '{"price":10.5,"code":"A"}' },
      { us: 2, attributes: '{"price":10.5,"code":"A"}' },
      { us: 2, attributes: '{"price":11,"code":"A"}' },
      { us: 2, attributes: '{"price":11,"code":"B"}' },
      { us: 2, attributes: '{"price":11,"code":null}' },
      { us: 2, attributes: '{"price":11,"code":null}' },
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
    expect(rows(db, 'SELECT attributes, attribute_types FROM events ORDER BY id')).toEqual([
      { attributes: '{"qty":"1"}', attribute_types: '{"qty":"text"}' },
      { attributes: '{"qty":1}', attribute_types: '{"qty":"number"}' },
    ]);
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
    expect(rows(db, 'SELECT attributes, attribute_types FROM events ORDER BY id')).toEqual([
      { attributes: '{"day":"2024-03-01"}', attribute_types: '{"day":"text"}' },
      { attributes: '{"day":"2024-03-01"}', attribute_types: '{"day":"date"}' },
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
        recordsOf(purchase, [['u1', '2024-03-01', '{"a":1,"b":[2]}']]),
      ),
    ).toEqual(counts(1, 0, 0));
  });

  it('remembers an event for 90 days from processing: a duplicate after 91 days is imported again', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [row('u1', '')]);
    applyIn(db, applier, batch, T0);
    expect(applyIn(db, applier, batch, T0 + 89 * DAY)).toEqual(counts(0, 0, 1));
    expect(applyIn(db, applier, batch, T0 + 180 * DAY)).toEqual(counts(1, 0, 0));
    expect(eventCount(db)).toBe(2);
    // The expired memory was overwritten, not duplicated.
    expect(dedup(db)).toEqual([{ customer_id: 1, expires_at: isoDay(270) }]);
  });

  it('imports a duplicate arriving exactly 91 days later', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [row('u1', '')]);
    applyIn(db, applier, batch, T0);
    expect(applyIn(db, applier, batch, T0 + 91 * DAY)).toEqual(counts(1, 0, 0));
    expect(rows(db, 'SELECT processed_at FROM events ORDER BY id')).toEqual([
      { processed_at: isoDay(0) },
      { processed_at: isoDay(91) },
    ]);
  });

  it('extends the memory when a duplicate arrives again (day 60 → kept until day 150)', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [row('u1', '')]);
    applyIn(db, applier, batch, T0);
    expect(applyIn(db, applier, batch, T0 + 60 * DAY)).toEqual(counts(0, 0, 1));
    expect(dedup(db)).toEqual([{ customer_id: 1, expires_at: isoDay(150) }]);
    expect(applyIn(db, applier, batch, T0 + 140 * DAY)).toEqual(counts(0, 0, 1));
    expect(dedup(db)).toEqual([{ customer_id: 1, expires_at: isoDay(230) }]);
    expect(eventCount(db)).toBe(1);
  });

  it('purges expired dedup memories only', () => {
    const db = open();
    const applier = new EventsApplier(db, mapping, NO_IMPORT);
    applyIn(db, applier, recordsOf(mapping, [row('u1', '')]), T0);
    applyIn(db, applier, recordsOf(mapping, [row('u2', '')]), T0 + 10 * DAY);
    expect(purgeExpired(db, T0 + 90 * DAY)).toMatchObject({
      eventDedup: 1,
      identityLinks: 0,
      groupMemberships: 0,
    });
    expect(dedup(db)).toEqual([{ customer_id: 2, expires_at: isoDay(100) }]);
    expect(eventCount(db)).toBe(2);
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
    const tables = ['customers', 'customer_ids', 'events', 'event_dedup'];
    expect(applyIn(db, applier, batch)).toEqual(counts(3, 0, 1));
    const once = snapshot(db, tables);
    expect(applyIn(db, applier, batch)).toEqual(counts(0, 0, 4));
    expect(snapshot(db, tables)).toEqual(once);
    // Later, only the dedup memory moves on.
    expect(applyIn(db, applier, batch, T0 + DAY)).toEqual(counts(0, 0, 4));
    expect(snapshot(db, ['customers', 'customer_ids', 'events'])).toEqual({
      customers: once.customers,
      customer_ids: once.customer_ids,
      events: once.events,
    });
  });
});
