import { describe, expect, it } from 'vitest';
import { CustomerWrites } from '../../../src-main/services/destinations/workspace/customer-writes';
import { seededRandom } from '../../support/seeded-random';
import { rows, useWorkspace } from './support';

// New links may wait to be written sorted by key (issue 18, item 2): what reaches customer_ids is
// the same, only the order of the inserts changes. A temporary trigger records that order.

describe('CustomerWrites with links waiting for key order', () => {
  const open = useWorkspace();

  function recorded(linksInKeyOrder: number, links: [string, string][]) {
    const db = open();
    db.exec(`
      CREATE TEMP TABLE insert_order (n INTEGER PRIMARY KEY, id_type TEXT, value TEXT);
      CREATE TEMP TRIGGER record_insert AFTER INSERT ON main.customer_ids BEGIN
        INSERT INTO insert_order (id_type, value) VALUES (NEW.id_type, NEW.value);
      END;`);
    const writes = new CustomerWrites(db, linksInKeyOrder);
    const counted: number[] = [];
    db.transaction(() => {
      writes.begin();
      const customer = writes.create('2026-01-01T00:00:00.000Z');
      links.forEach(([idType, value], index) => {
        writes.link(idType, value, customer, 1_000 + index);
        if (index % 10 === 9) {
          writes.endBatch();
          counted.push(db.prepare('SELECT COUNT(*) FROM customer_ids').pluck().get() as number);
        }
      });
      writes.flush();
    })();
    return {
      order: rows(db, 'SELECT id_type, value FROM insert_order ORDER BY n'),
      stored: rows(db, 'SELECT * FROM customer_ids ORDER BY id_type, value'),
      customers: db.prepare('SELECT COUNT(*) FROM customers').pluck().get(),
      counted,
    };
  }

  const random = seededRandom(11);
  // Wide characters and one past U+FFFF among them: they sort too, and are stored unchanged.
  const links: [string, string][] = Array.from({ length: 60 }, (_, i) => [
    i % 3 === 0 ? 'email_id' : 'cookie',
    `${['b', 'a', 'ř', 'Z', '\u{1F600}', 'Ω'][i % 6]}${Math.floor(random() * 1e6)}`,
  ]);

  it('writes links in the order made at every batch when none may wait', () => {
    const { order, counted } = recorded(0, links);
    expect(order).toEqual(links.map(([id_type, value]) => ({ id_type, value })));
    expect(counted).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('holds them past batches and writes each full set sorted by type and value, a slice per batch', () => {
    const eager = recorded(0, links);
    const { order, stored, customers, counted } = recorded(25, links);
    // The 25th link makes a set, written a row (25 / 64, rounded up) at each batch's end; the 50th
    // makes the next, so the rest of the first is written then. The last 10 are written at flush.
    expect(counted).toEqual([0, 0, 1, 2, 26, 27]);
    const sorted = (part: [string, string][]) =>
      [...part]
        .sort(([t1, v1], [t2, v2]) => (t1 < t2 ? -1 : t1 > t2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
        .map(([id_type, value]) => ({ id_type, value }));
    expect(order).toEqual([
      ...sorted(links.slice(0, 25)),
      ...sorted(links.slice(25, 50)),
      ...sorted(links.slice(50)),
    ]);
    expect(stored).toEqual(eager.stored);
    expect(customers).toBe(1);
  });
});
