import { describe, expect, it } from 'vitest';
import { customersPageSql, listCustomers } from '../../../src-main/services/browse/customers-query';
import { addAttribute, addCustomer, addEvent, T0_US, useBrowseWorkspace } from './support';

const page = (search = '', offset = 0, limit = 50) => ({ search, offset, limit });
/** ISO text of 2026-11-<day> at noon, as customers.updated_at holds it. */
const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T12:00:00.000Z`;

describe('listCustomers', () => {
  const open = useBrowseWorkspace();

  it('pages customers newest-updated first, with the total of all of them', () => {
    const { db } = open();
    // Inserted out of order, so neither insertion nor id order could pass for update order.
    const ids = [3, 1, 5, 2, 4].map((n) => addCustomer(db, [['registered', `u${n}`]], day(n)));
    const first = listCustomers(db, page('', 0, 2));
    expect(first.total).toBe(5);
    expect(first.offset).toBe(0);
    expect(first.items.map((item) => item.updatedAt)).toEqual([day(5), day(4)]);
    const rest = listCustomers(db, page('', 2, 10));
    expect(rest.offset).toBe(2);
    expect(rest.items.map((item) => item.updatedAt)).toEqual([day(3), day(2), day(1)]);
    expect(rest.items.map((item) => item.id)).toEqual([ids[0], ids[3], ids[1]]);
    expect(listCustomers(db, page('', 5, 10))).toEqual({ offset: 5, total: 5, items: [] });
  });

  it('walks the customers_by_update index for a page instead of sorting every customer', () => {
    const { db } = open();
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${customersPageSql('')}`).all({ limit: 50, offset: 0 }) as {
        detail: string;
      }[]
    ).map((step) => step.detail);
    expect(plan.some((detail) => detail.includes('USING COVERING INDEX customers_by_update'))).toBe(true);
    expect(plan.filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([]);
  });

  it('breaks ties in update time by the newest id', () => {
    const { db } = open();
    const older = addCustomer(db, [['registered', 'a']], day(1));
    const newer = addCustomer(db, [['registered', 'b']], day(1));
    expect(listCustomers(db, page()).items.map((item) => item.id)).toEqual([newer, older]);
  });

  it('lists each customer’s IDs hard first, with its attribute and event counts', () => {
    const { db } = open();
    const ann = addCustomer(db, [
      ['email_id', 'ann@example.com'],
      ['cookie', 'ck-1'],
      ['registered', 'u-ann'],
      ['loyalty', 'L-9'],
    ]);
    addAttribute(db, ann, 'first_name', 'text', '"Ann"');
    addAttribute(db, ann, 'age', 'number', '30');
    addEvent(db, ann, 'purchase', T0_US);
    addEvent(db, ann, 'view', T0_US + 1);
    addEvent(db, ann, 'view', T0_US + 2);
    const bob = addCustomer(db, [['cookie', 'ck-2']]);
    const items = listCustomers(db, page()).items;
    expect(items.find((item) => item.id === ann)).toEqual({
      id: ann,
      // registered is the only hard type; "loyalty" is unknown to the workspace, so it counts as soft.
      ids: [
        { idType: 'registered', value: 'u-ann' },
        { idType: 'cookie', value: 'ck-1' },
        { idType: 'email_id', value: 'ann@example.com' },
        { idType: 'loyalty', value: 'L-9' },
      ],
      attributeCount: 2,
      eventCount: 3,
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(items.find((item) => item.id === bob)).toMatchObject({ attributeCount: 0, eventCount: 0 });
  });

  it('finds customers by part of an ID, ignoring case, and counts only the matches', () => {
    const { db } = open();
    const ann = addCustomer(db, [
      ['registered', 'u1'],
      ['email_id', 'Ann.Smith@Example.com'],
    ]);
    addCustomer(db, [['email_id', 'bob@other.org']]);
    const annToo = addCustomer(db, [['cookie', 'x-ann.smith@example.COM-y']]);
    const found = listCustomers(db, page('SMITH@example'));
    expect(found.total).toBe(2);
    expect(found.items.map((item) => item.id).sort()).toEqual([ann, annToo].sort());
    // The row still lists all of the customer's IDs, not only the one that matched.
    expect(found.items.find((item) => item.id === ann)?.ids).toHaveLength(2);
    expect(listCustomers(db, page('nobody')).total).toBe(0);
  });

  it('counts a customer once when several of its IDs match', () => {
    const { db } = open();
    addCustomer(db, [
      ['email_id', 'ann@example.com'],
      ['cookie', 'ann-cookie'],
    ]);
    const found = listCustomers(db, page('ann'));
    expect(found.total).toBe(1);
    expect(found.items).toHaveLength(1);
  });

  it('pages search results and keeps the total of all matches', () => {
    const { db } = open();
    for (let n = 1; n <= 5; n++) addCustomer(db, [['email_id', `user${n}@example.com`]], day(n));
    addCustomer(db, [['email_id', 'other@elsewhere.net']], day(9));
    const second = listCustomers(db, page('@example', 2, 2));
    expect(second.total).toBe(5);
    expect(second.items.map((item) => item.ids[0]?.value)).toEqual([
      'user3@example.com',
      'user2@example.com',
    ]);
  });

  it('takes % and _ in the search literally', () => {
    const { db } = open();
    const percent = addCustomer(db, [['registered', 'promo-50%-off']]);
    addCustomer(db, [['registered', 'promo-500-off']]);
    const underscore = addCustomer(db, [['registered', 'a_b']]);
    addCustomer(db, [['registered', 'axb']]);
    expect(listCustomers(db, page('50%')).items.map((item) => item.id)).toEqual([percent]);
    expect(listCustomers(db, page('%')).items.map((item) => item.id)).toEqual([percent]);
    expect(listCustomers(db, page('a_b')).items.map((item) => item.id)).toEqual([underscore]);
  });

  it('treats a blank search as no filter', () => {
    const { db } = open();
    addCustomer(db, [['registered', 'u1']]);
    addCustomer(db, [['registered', 'u2']]);
    expect(listCustomers(db, page('   ')).total).toBe(2);
  });
});
