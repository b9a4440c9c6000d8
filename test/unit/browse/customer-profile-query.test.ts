import { describe, expect, it } from 'vitest';
import {
  getCustomerProfile,
  listCustomerEvents,
} from '../../../src-main/services/browse/customer-profile-query';
import { addAttribute, addCustomer, addEvent, T0_US, useBrowseWorkspace } from './support';

describe('getCustomerProfile', () => {
  const open = useBrowseWorkspace();

  it('lists attributes by name with their JSON values parsed and blanks as null', () => {
    const { db } = open();
    const id = addCustomer(
      db,
      [
        ['cookie', 'ck'],
        ['registered', 'u1'],
      ],
      '2026-11-20T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    );
    addAttribute(db, id, 'tags', 'list', '["a","b"]');
    addAttribute(db, id, 'age', 'number', '30');
    addAttribute(db, id, 'vip', 'boolean', 'true');
    addAttribute(db, id, 'city', 'text', null, T0_US + 123_456);
    addAttribute(db, id, 'prefs', 'json', '{"news":false,"lang":"de"}');
    addAttribute(db, id, 'zip', 'text', '"01234"');
    addEvent(db, id, 'view', T0_US);

    const profile = getCustomerProfile(db, id);

    expect(profile).toEqual({
      id,
      ids: [
        { idType: 'registered', value: 'u1' },
        { idType: 'cookie', value: 'ck' },
      ],
      attributes: [
        { name: 'age', type: 'number', value: 30, updatedAt: '2026-11-23T10:00:00.000000Z' },
        { name: 'city', type: 'text', value: null, updatedAt: '2026-11-23T10:00:00.123456Z' },
        {
          name: 'prefs',
          type: 'json',
          value: { news: false, lang: 'de' },
          updatedAt: '2026-11-23T10:00:00.000000Z',
        },
        { name: 'tags', type: 'list', value: ['a', 'b'], updatedAt: '2026-11-23T10:00:00.000000Z' },
        { name: 'vip', type: 'boolean', value: true, updatedAt: '2026-11-23T10:00:00.000000Z' },
        // A text of digits stays text: the JSON keeps its quotes and leading zero.
        { name: 'zip', type: 'text', value: '01234', updatedAt: '2026-11-23T10:00:00.000000Z' },
      ],
      eventCount: 1,
      createdAt: '2026-11-02T08:00:00.000Z',
      updatedAt: '2026-11-20T08:00:00.000Z',
    });
  });

  it('refuses an unknown customer with NOT_FOUND naming the id', () => {
    const { db } = open();
    addCustomer(db, [['registered', 'u1']]);
    expect(() => getCustomerProfile(db, 4242)).toThrow(
      expect.objectContaining({
        name: 'IntakeError',
        code: 'NOT_FOUND',
        message: expect.stringContaining('4242'),
        details: { customerId: 4242 },
      }),
    );
  });
});

describe('listCustomerEvents', () => {
  const open = useBrowseWorkspace();

  it('pages one customer’s events newest first, with µs timestamps and parsed attributes', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    const bob = addCustomer(db, [['registered', 'bob']]);
    addEvent(db, ann, 'view', T0_US + 1);
    const newest = addEvent(
      db,
      ann,
      'purchase',
      T0_US + 123_456,
      { total: 9.5, sku: 'A-1' },
      {
        total: 'number',
        sku: 'text',
      },
      'run-7',
    );
    addEvent(db, ann, 'view', T0_US - 1);
    addEvent(db, bob, 'view', T0_US + 999_999);

    const first = listCustomerEvents(db, { customerId: ann, offset: 0, limit: 1 });
    expect(first.total).toBe(3);
    expect(first.items).toEqual([
      {
        id: newest,
        customerId: ann,
        eventType: 'purchase',
        timestamp: '2026-11-23T10:00:00.123456Z',
        attributes: { total: 9.5, sku: 'A-1' },
        attributeTypes: { total: 'number', sku: 'text' },
        runId: 'run-7',
        processedAt: '2026-11-01T00:00:00.000Z',
      },
    ]);
    const rest = listCustomerEvents(db, { customerId: ann, offset: 1, limit: 10 });
    expect(rest.items.map((event) => event.timestamp)).toEqual([
      '2026-11-23T10:00:00.000001Z',
      '2026-11-23T09:59:59.999999Z',
    ]);
  });

  it('orders events with the same timestamp newest-inserted first', () => {
    const { db } = open();
    const ann = addCustomer(db, [['registered', 'ann']]);
    const first = addEvent(db, ann, 'view', T0_US);
    const second = addEvent(db, ann, 'view', T0_US);
    const items = listCustomerEvents(db, { customerId: ann, offset: 0, limit: 10 }).items;
    expect(items.map((event) => event.id)).toEqual([second, first]);
  });

  it('refuses an unknown customer with NOT_FOUND', () => {
    const { db } = open();
    expect(() => listCustomerEvents(db, { customerId: 7, offset: 0, limit: 10 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('7') }),
    );
  });
});
