import { describe, expect, it } from 'vitest';
import { CustomerWrites } from '../../../src-main/services/destinations/workspace/customer-writes';
import type { KeyOrderLimits } from '../../../src-main/services/destinations/workspace/key-ordered-links';
import { seededRandom } from '../../support/seeded-random';
import { rows, useWorkspace } from './support';

// New links may wait to be written sorted by key (issue 18, item 2): what reaches customer_ids is
// the same, only the order of the inserts changes. A temporary trigger records that order.

describe('CustomerWrites with links waiting for key order', () => {
  const open = useWorkspace();

  /**
   * Links 10 to a batch; after each batch's end, `idle` links are written as a writer waiting for
   * its next batch writes them (writeSome).
   */
  function recorded(limits: KeyOrderLimits | null, links: [string, string][], idle = 0) {
    const db = open();
    db.exec(`
      CREATE TEMP TABLE insert_order (n INTEGER PRIMARY KEY, id_type TEXT, value TEXT);
      CREATE TEMP TRIGGER record_insert AFTER INSERT ON main.customer_ids BEGIN
        INSERT INTO insert_order (id_type, value) VALUES (NEW.id_type, NEW.value);
      END;`);
    const writes = new CustomerWrites(db, limits);
    const counted: number[] = [];
    db.transaction(() => {
      writes.begin();
      const customer = writes.create('2026-01-01T00:00:00.000Z');
      links.forEach(([idType, value], index) => {
        writes.link(idType, value, customer, 1_000 + index);
        if (index % 10 === 9) {
          writes.endBatch();
          if (idle > 0) writes.writeSome(idle);
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

  // By type, then by the value's UTF-8 bytes: the order of SQLite's index on (id_type, value).
  const sorted = (part: [string, string][]) =>
    [...part]
      .sort(([t1, v1], [t2, v2]) =>
        t1 < t2 ? -1 : t1 > t2 ? 1 : Buffer.compare(Buffer.from(v1, 'utf8'), Buffer.from(v2, 'utf8')),
      )
      .map(([id_type, value]) => ({ id_type, value }));

  const random = seededRandom(11);
  // Wide characters, one past U+FFFF and one above the surrogates among them: they sort too, and
  // are stored unchanged. The last two compare one way as UTF-16 and the other as UTF-8.
  const links: [string, string][] = Array.from({ length: 60 }, (_, i) => [
    i % 3 === 0 ? 'email_id' : 'cookie',
    `${['b', 'a', 'ř', 'Z', '\u{1F600}', 'Ω', '\uFF21'][i % 7]}${Math.floor(random() * 1e6)}`,
  ]);

  it('writes links in the order made at every batch when none may wait', () => {
    const { order, counted } = recorded(null, links);
    expect(order).toEqual(links.map(([id_type, value]) => ({ id_type, value })));
    expect(counted).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('holds them past batches, sorts each full set by type and value, and writes them in idle time', () => {
    const eager = recorded(null, links);
    const { order, stored, customers, counted } = recorded({ setSize: 25, maxHeld: 1000 }, links, 7);
    // Idle time with no set left sorts what waits into one (10 links after the first batch, 20 after
    // the third), and writes up to 7 of the oldest set; a set is never written past its end in one
    // call. The 55th link fills a set of 25; what is left is written at flush.
    expect(counted).toEqual([7, 10, 17, 24, 30, 37]);
    expect(order).toEqual([
      ...sorted(links.slice(0, 10)),
      ...sorted(links.slice(10, 30)),
      ...sorted(links.slice(30, 55)),
      ...sorted(links.slice(55)),
    ]);
    expect(stored).toEqual(eager.stored);
    expect(customers).toBe(1);
  });

  it('writes whole sets, oldest first, once more links wait than it may hold', () => {
    const eager = recorded(null, links);
    const { order, stored, counted } = recorded({ setSize: 10, maxHeld: 25 }, links);
    // Every 10 links make a set. The 26th is one too many: the oldest set is written whole, and so
    // at the 36th, 46th and 56th. The last two sets are written at flush.
    expect(counted).toEqual([0, 0, 10, 20, 30, 40]);
    expect(order).toEqual([
      ...sorted(links.slice(0, 10)),
      ...sorted(links.slice(10, 20)),
      ...sorted(links.slice(20, 30)),
      ...sorted(links.slice(30, 40)),
      ...sorted(links.slice(40, 50)),
      ...sorted(links.slice(50)),
    ]);
    expect(stored).toEqual(eager.stored);
  });
});
