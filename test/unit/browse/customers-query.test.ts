import { describe, expect, it } from 'vitest';
import { CONTACT_ATTRIBUTES_SQL } from '../../../src-main/services/browse/attribute-search';
import {
  CUSTOMERS_PAGE_SQL,
  listCustomers,
  SEARCH_SQL,
} from '../../../src-main/services/browse/customers-query';
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
      db.prepare(`EXPLAIN QUERY PLAN ${CUSTOMERS_PAGE_SQL}`).all({ limit: 50, offset: 0 }) as {
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

  it('says which ID matched and where, ignoring the case of A–Z as the search does', () => {
    const { db } = open();
    addCustomer(db, [
      ['registered', 'u-1'],
      ['email_id', 'Ann.Smith@Example.com'],
    ]);
    const [row] = listCustomers(db, page('smith@EXAMPLE')).items;
    expect(row?.match).toEqual({
      kind: 'id',
      idType: 'email_id',
      value: 'Ann.Smith@Example.com',
      at: 4,
      length: 13,
    });
    // Without a search nothing is said to match.
    expect(listCustomers(db, page()).items[0]?.match).toBeUndefined();
  });
});

describe('listCustomers, searching contact attributes', () => {
  const open = useBrowseWorkspace();

  /** A customer known by a registered ID only, with the given text attributes. */
  const customerWith = (
    db: Parameters<typeof addAttribute>[0],
    registered: string,
    attributes: Record<string, string>,
    updatedAt = CREATED_DAY,
  ) => {
    const id = addCustomer(db, [['registered', registered]], updatedAt);
    for (const [name, value] of Object.entries(attributes))
      addAttribute(db, id, name, 'text', JSON.stringify(value));
    return id;
  };
  const CREATED_DAY = day(1);

  it('finds a customer by the start of its email or phone, any case of A–Z, and says which matched', () => {
    const { db } = open();
    const ann = customerWith(db, 'u1', { email: 'Ann.Smith@Example.com', phone: '+420 777 123 456' });
    const bob = customerWith(db, 'u2', { email: 'Dvořák.Bob@example.cz', first_name: 'Bob' });
    expect(listCustomers(db, page('ann.smith@example')).items).toMatchObject([
      {
        id: ann,
        match: { kind: 'attribute', name: 'email', value: 'Ann.Smith@Example.com', at: 0, length: 17 },
      },
    ]);
    expect(listCustomers(db, page('+420 777')).items).toMatchObject([
      { id: ann, match: { kind: 'attribute', name: 'phone', value: '+420 777 123 456' } },
    ]);
    expect(listCustomers(db, page('DVOřák.BOB')).items).toMatchObject([
      { id: bob, match: { kind: 'attribute', name: 'email', value: 'Dvořák.Bob@example.cz' } },
    ]);
    // Letters beyond A–Z match as typed: SQLite's NOCASE folds ASCII only.
    expect(listCustomers(db, page('dvořák')).items.map((item) => item.id)).toEqual([bob]);
    expect(listCustomers(db, page('DVOŘÁK')).total).toBe(0);
    // Names are not searched (their index would cost every customers import).
    expect(listCustomers(db, page('Bob')).total).toBe(0);
  });

  it('matches the start of a value only, and contact attributes only', () => {
    const { db } = open();
    customerWith(db, 'u1', { email: 'ann@example.com', city: 'Praha', note: 'ann@example.com' });
    // The middle of an email, a city, a note: none is searched.
    expect(listCustomers(db, page('example.com')).total).toBe(0);
    expect(listCustomers(db, page('Praha')).total).toBe(0);
    // A number-typed value is not text: searching its digits does not find it.
    const numbered = addCustomer(db, [['registered', 'u9']]);
    addAttribute(db, numbered, 'phone', 'number', '420777000111');
    expect(listCustomers(db, page('420777')).total).toBe(0);
  });

  it('lists ID matches first, then attribute matches, each newest-updated first, across pages', () => {
    const { db } = open();
    // IDs contain "jan"; attributes start with it. Update days are mixed across both kinds.
    const idOld = addCustomer(db, [['email_id', 'old.jan@example.com']], day(1));
    const idNew = addCustomer(db, [['cookie', 'ck-jan-2']], day(5));
    const byPhoneNew = customerWith(db, 'u1', { phone: 'jan-line 1' }, day(9));
    const byEmailOld = customerWith(db, 'u2', { email: 'jan.novak@example.com' }, day(2));
    customerWith(db, 'u3', { email: 'petr@example.com' }, day(8));
    const all = listCustomers(db, page('jan'));
    expect(all.total).toBe(4);
    expect(all.items.map((item) => [item.id, item.match?.kind])).toEqual([
      [idNew, 'id'],
      [idOld, 'id'],
      [byPhoneNew, 'attribute'],
      [byEmailOld, 'attribute'],
    ]);
    // A page that starts among the ID matches and ends among the attribute matches.
    const middle = listCustomers(db, page('jan', 1, 2));
    expect(middle).toMatchObject({ offset: 1, total: 4 });
    expect(middle.items.map((item) => item.id)).toEqual([idOld, byPhoneNew]);
    // A page of attribute matches only, and one past the end that still counts them all.
    expect(listCustomers(db, page('jan', 3, 2)).items.map((item) => item.id)).toEqual([byEmailOld]);
    expect(listCustomers(db, page('jan', 10, 2))).toEqual({ offset: 10, total: 4, items: [] });
  });

  it('counts and lists a customer once, as an ID match, when its ID and attributes both match', () => {
    const { db } = open();
    const both = addCustomer(db, [['email_id', 'eva@example.com']]);
    addAttribute(db, both, 'email', 'text', '"eva@example.com"');
    const twice = customerWith(db, 'u2', { phone: 'eva mobile', email: 'eva.n@example.com' });
    const found = listCustomers(db, page('eva'));
    expect(found.total).toBe(2);
    expect(found.items.map((item) => [item.id, item.match?.kind])).toEqual([
      [both, 'id'],
      [twice, 'attribute'],
    ]);
    // Of two matching attributes, the first by name is shown.
    expect(found.items[1]?.match).toMatchObject({ name: 'email', value: 'eva.n@example.com' });
  });

  it('takes quotes, backslashes, % and _ in the search literally', () => {
    const { db } = open();
    const quoted = customerWith(db, 'u1', { email: 'Jan "Honza" Novák' });
    const slashed = customerWith(db, 'u2', { email: 'C:\\Users' });
    customerWith(db, 'u3', { email: 'Jan Honza' });
    const percent = customerWith(db, 'u4', { phone: '50% off' });
    customerWith(db, 'u5', { phone: '500 off' });
    expect(listCustomers(db, page('Jan "Honza"')).items.map((item) => item.id)).toEqual([quoted]);
    expect(listCustomers(db, page('c:\\u')).items.map((item) => item.id)).toEqual([slashed]);
    expect(listCustomers(db, page('50%')).items.map((item) => item.id)).toEqual([percent]);
  });

  it('reads the contact index, not every stored value (its WHERE is the migration’s, word for word)', () => {
    const { db } = open();
    const plan = (
      db
        .prepare(`EXPLAIN QUERY PLAN ${SEARCH_SQL}`)
        .all({ pattern: '%x%', low: '"x', high: '"x\u{10FFFF}', offset: 0, limit: 50 }) as {
        detail: string;
      }[]
    ).map((step) => step.detail);
    expect(plan).toContain(
      'SEARCH customer_attributes USING COVERING INDEX customer_contact_values (value>? AND value<?)',
    );
    expect(plan.filter((detail) => detail.startsWith('SCAN customer_attributes'))).toEqual([]);
    const indexSql = db
      .prepare(`SELECT sql FROM sqlite_master WHERE name = 'customer_contact_values'`)
      .pluck()
      .get() as string;
    expect(indexSql).toContain(`WHERE ${CONTACT_ATTRIBUTES_SQL}`);
  });
});
