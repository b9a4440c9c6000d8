import { describe, expect, it } from 'vitest';
import { listEventsOfType, listEventTypes } from '../../../src-main/services/browse/events-query';
import { addCustomer, addEvent, T0_US, useBrowseWorkspace } from './support';

describe('listEventTypes', () => {
  const open = useBrowseWorkspace();

  it('counts each type’s events with its first and last timestamp in µs ISO', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    const bob = addCustomer(db, [['registered', 'bob']]);
    addEvent(db, ann, 'view', T0_US + 5);
    addEvent(db, bob, 'view', T0_US - 86_400_000_000 + 250_000);
    addEvent(db, ann, 'view', T0_US + 123_456);
    addEvent(db, bob, 'purchase', T0_US);
    expect(listEventTypes(db)).toEqual([
      {
        eventType: 'purchase',
        count: 1,
        first: '2026-11-23T10:00:00.000000Z',
        last: '2026-11-23T10:00:00.000000Z',
      },
      {
        eventType: 'view',
        count: 3,
        first: '2026-11-22T10:00:00.250000Z',
        last: '2026-11-23T10:00:00.123456Z',
      },
    ]);
  });

  it('takes first and last from event_type_spans, as the runs keep them, and counts the events', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    addEvent(db, ann, 'view', T0_US);
    addEvent(db, ann, 'view', T0_US + 1);
    // A span wider than the events it covers (the runs only ever widen it): read as stored.
    db.prepare("UPDATE event_type_spans SET first_us = ?, last_us = ? WHERE event_type = 'view'").run(
      T0_US - 1_000_000,
      T0_US + 2_000_000,
    );
    expect(listEventTypes(db)).toEqual([
      {
        eventType: 'view',
        count: 2,
        first: '2026-11-23T09:59:59.000000Z',
        last: '2026-11-23T10:00:02.000000Z',
      },
    ]);
  });

  it('is empty for a workspace without events', () => {
    const { db } = open();
    expect(listEventTypes(db)).toEqual([]);
  });
});

describe('listEventsOfType', () => {
  const open = useBrowseWorkspace();

  it('pages the events of one type last imported first across customers, with their total', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    const bob = addCustomer(db, [['registered', 'bob']]);
    // Arrival order differs from time order: the page follows arrival (id), not the timestamps.
    const a3 = addEvent(db, ann, 'view', T0_US + 3);
    const b1 = addEvent(db, bob, 'view', T0_US + 1);
    addEvent(db, bob, 'purchase', T0_US + 9);
    const a2 = addEvent(db, ann, 'view', T0_US + 2);
    const first = listEventsOfType(db, { eventType: 'view', offset: 0, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((event) => [event.id, event.customerId, event.timestamp])).toEqual([
      [a2, ann, '2026-11-23T10:00:00.000002Z'],
      [b1, bob, '2026-11-23T10:00:00.000001Z'],
    ]);
    const rest = listEventsOfType(db, { eventType: 'view', offset: 2, limit: 2 });
    expect(rest).toMatchObject({ offset: 2, total: 3 });
    expect(rest.items.map((event) => [event.id, event.customerId, event.eventType, event.timestamp])).toEqual(
      [[a3, ann, 'view', '2026-11-23T10:00:00.000003Z']],
    );
  });

  it('reads each event with its parsed attributes and their types, joined from event_attribute_types', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    const id = addEvent(
      db,
      ann,
      'purchase',
      T0_US,
      { total: 9.5, sku: 'A-1', meta: { b: 1, a: [2] } },
      { total: 'number', sku: 'text', meta: 'json' },
      'run-3',
    );
    expect(listEventsOfType(db, { eventType: 'purchase', offset: 0, limit: 10 }).items).toEqual([
      {
        id,
        customerId: ann,
        eventType: 'purchase',
        timestamp: '2026-11-23T10:00:00.000000Z',
        attributes: { meta: { b: 1, a: [2] }, sku: 'A-1', total: 9.5 },
        attributeTypes: { meta: 'json', sku: 'text', total: 'number' },
        runId: 'run-3',
        processedAt: '2026-11-01T00:00:00.000Z',
      },
    ]);
  });

  it('answers an empty page for a type no event has', () => {
    const { db } = open();
    expect(listEventsOfType(db, { eventType: 'nothing', offset: 0, limit: 10 })).toEqual({
      offset: 0,
      total: 0,
      items: [],
    });
  });

  it('reads timestamps far from 1970 exactly', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    addEvent(db, ann, 'epoch', 253_402_300_799_999_999n);
    addEvent(db, ann, 'epoch', -62_135_596_800_000_000n);
    const items = listEventsOfType(db, { eventType: 'epoch', offset: 0, limit: 10 }).items;
    // Last imported first.
    expect(items.map((event) => event.timestamp)).toEqual([
      '0001-01-01T00:00:00.000000Z',
      '9999-12-31T23:59:59.999999Z',
    ]);
    expect(listEventTypes(db)).toEqual([
      {
        eventType: 'epoch',
        count: 2,
        first: '0001-01-01T00:00:00.000000Z',
        last: '9999-12-31T23:59:59.999999Z',
      },
    ]);
  });
});
