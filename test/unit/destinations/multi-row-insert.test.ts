import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MultiRowInsert } from '../../../src-main/services/destinations/workspace/multi-row-insert';

describe('MultiRowInsert', () => {
  const db = new BetterSqlite3(':memory:');
  afterEach(() => db.exec('DROP TABLE IF EXISTS t'));

  const table = () => {
    db.exec('CREATE TABLE t (n INTEGER NOT NULL, label TEXT, big INTEGER)');
    return new MultiRowInsert(db, 't', ['n', 'label', 'big']);
  };
  const stored = () => db.prepare('SELECT n, label, big FROM t ORDER BY rowid').raw().safeIntegers().all();

  // Below, at and far above the size where rows go into multi-row statements, and past the most
  // rows one statement holds (2,345 rows: two of 1,024, one of 288, then 9 one by one).
  it.each([1, 31, 32, 500, 2_345])('writes %i rows in the order they were added, values intact', (count) => {
    const insert = table();
    const expected: unknown[][] = [];
    for (let n = 0; n < count; n++) {
      const row = [n, n % 3 ? `row ${n}` : null, 2n ** 60n + BigInt(n)];
      insert.add(...row);
      expected.push([BigInt(n), row[1], row[2]]);
    }
    expect(insert.pending).toBe(count);
    expect(stored()).toEqual([]);
    insert.flush();
    expect(insert.pending).toBe(0);
    expect(stored()).toEqual(expected);
    insert.flush();
    expect(stored()).toHaveLength(count);
  });

  it('refuses a row with the wrong number of values, naming the table', () => {
    expect(() => table().add(1, 'x')).toThrow('t: a row needs 3 values, got 2');
  });

  it("writes none of a failing statement's rows and empties the buffer either way", () => {
    const insert = table();
    for (let n = 0; n < 40; n++) insert.add(n === 35 ? null : n, 'x', 1);
    // 40 rows: one 32-row statement, then 8 one by one; the 4th of those fails.
    expect(() => insert.flush()).toThrow(/NOT NULL/);
    expect(stored()).toHaveLength(35);
    expect(insert.pending).toBe(0);
  });

  it("keeps each statement within SQLite's parameter limit, however wide the table", () => {
    const columns = Array.from({ length: 40 }, (_, i) => `c${i}`);
    db.exec(`CREATE TABLE t (${columns.join(', ')})`);
    const insert = new MultiRowInsert(db, 't', columns);
    for (let n = 0; n < 2_000; n++) insert.add(...columns.map((_, i) => n * 100 + i));
    insert.flush();
    expect(db.prepare('SELECT COUNT(*), SUM(c0), MAX(c39) FROM t').raw().get()).toEqual([
      2_000,
      (1_999 * 2_000 * 100) / 2,
      1_999 * 100 + 39,
    ]);
  });
});
