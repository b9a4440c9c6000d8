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

  it('is empty for a workspace without events', () => {
    const { db } = open();
    expect(listEventTypes(db)).toEqual([]);
  });
});

describe('listEventsOfType', () => {
  const open = useBrowseWorkspace();

  it('pages the events of one type newest first across customers, with their total', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    const bob = addCustomer(db, [['registered', 'bob']]);
    addEvent(db, ann, 'view', T0_US + 3);
    addEvent(db, bob, 'view', T0_US + 1);
    addEvent(db, bob, 'purchase', T0_US + 9);
    addEvent(db, ann, 'view', T0_US + 2);
    const first = listEventsOfType(db, { eventType: 'view', offset: 0, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((event) => [event.customerId, event.timestamp])).toEqual([
      [ann, '2026-11-23T10:00:00.000003Z'],
      [ann, '2026-11-23T10:00:00.000002Z'],
    ]);
    const rest = listEventsOfType(db, { eventType: 'view', offset: 2, limit: 2 });
    expect(rest).toMatchObject({ offset: 2, total: 3 });
    expect(rest.items.map((event) => [event.customerId, event.eventType])).toEqual([[bob, 'view']]);
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
    expect(items.map((event) => event.timestamp)).toEqual([
      '9999-12-31T23:59:59.999999Z',
      '0001-01-01T00:00:00.000000Z',
    ]);
  });
});
