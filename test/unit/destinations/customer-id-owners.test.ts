import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CustomerIdOwners } from '../../../src-main/services/destinations/workspace/customer-id-owners';
import { seededRandom } from '../../support/seeded-random';
import { useWorkspace } from './support';

describe('CustomerIdOwners', () => {
  const open = useWorkspace();

  it('per batch (the identity preview), sees IDs a run committed between its batches', () => {
    const db = open();
    const reader = new BetterSqlite3(db.name, { readonly: true });
    try {
      const owners = new CustomerIdOwners(reader, () => undefined, { perBatch: true });
      const id = { idType: 'registered', value: 'u1' };
      owners.load([id]);
      expect(owners.get(id.idType, id.value)).toBeUndefined();
      // A run commits the ID while the preview is between batches.
      db.prepare("INSERT INTO customers (id, created_at, updated_at) VALUES (4, 'x', 'x')").run();
      db.prepare(
        "INSERT INTO customer_ids (id_type, value, customer_id, linked_us) VALUES ('registered', 'u1', 4, 1)",
      ).run();
      owners.load([id]);
      expect(owners.get(id.idType, id.value)).toBe(4);
    } finally {
      reader.close();
    }
  });

  it('for a run, answers from what the run linked without asking the database again', () => {
    const db = open();
    const asked: string[] = [];
    const owners = new CustomerIdOwners(db, () => asked.push('flush'));
    owners.load([{ idType: 'registered', value: 'u1' }]);
    owners.set('registered', 'u1', 9);
    // Not written anywhere: only the run's memory knows, as between a link and its batch's flush.
    owners.load([{ idType: 'registered', value: 'u1' }]);
    expect(owners.get('registered', 'u1')).toBe(9);
    expect(owners.get('registered', 'u2')).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('into an empty workspace, stays complete past its first budget while the IDs recur (no lookup ever)', () => {
    const db = open();
    const asked: string[] = [];
    const owners = new CustomerIdOwners(db, () => asked.push('flush'));
    // 100,000 customers of 20-character IDs (2.6 MB of records, past the first 2 MiB), each in five
    // rows in random order as in the realistic file: a complete memory counts these looks, sees
    // them recur and grows.
    const CUSTOMERS = 100_000;
    const random = seededRandom(5);
    const rows = Array.from({ length: CUSTOMERS * 5 }, (_, n) => n % CUSTOMERS);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const idOf = (customer: number) => `customer-${String(customer).padStart(11, '0')}`;
    let wrong = 0;
    for (let row = 0; row < rows.length; row += 500) {
      const customers = rows.slice(row, row + 500);
      owners.load(customers.map((customer) => ({ idType: 'registered', value: idOf(customer) })));
      for (const customer of customers) {
        const owner = owners.get('registered', idOf(customer));
        if (owner === undefined) owners.set('registered', idOf(customer), customer + 1);
        else if (owner !== customer + 1) wrong++;
      }
    }
    expect(wrong).toBe(0);
    // Had it forgotten, the next lookups would have gone to the database, after a flush.
    expect(asked).toEqual([]);
  });

  it('reads the stored IDs in first when asked, and answers from them alone', () => {
    const db = open();
    store(db, [
      ['registered', 'u1', 4],
      ['email_id', 'a@x.io', 4],
      ['registered', 'u2', 5],
    ]);
    const asked: string[] = [];
    const owners = new CustomerIdOwners(db, () => asked.push('flush'), { holdStored: true });
    // Gone from the table behind its back: only the memory can still answer.
    db.prepare('DELETE FROM customer_ids').run();
    owners.load([{ idType: 'registered', value: 'u1' }]);
    expect(owners.get('registered', 'u1')).toBe(4);
    expect(owners.get('email_id', 'a@x.io')).toBe(4);
    expect(owners.get('registered', 'u2')).toBe(5);
    // Complete: an ID it does not hold is nobody's, without asking.
    expect(owners.get('registered', 'u3')).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('does not read them in when a type or value holds U+FFFD (a stored lone surrogate reads back as it), nor when not asked', () => {
    const cases: [options: { holdStored?: boolean }, odd: [string, string, number]][] = [
      [{ holdStored: true }, ['cookie', 'k\ufffd', 4]],
      [{ holdStored: true }, ['cookie\ufffd', 'k', 4]],
      [{}, ['cookie', 'k', 4]],
    ];
    for (const [options, odd] of cases) {
      const db = open();
      store(db, [['registered', 'u1', 4], odd]);
      const owners = new CustomerIdOwners(db, () => undefined, options);
      db.prepare("DELETE FROM customer_ids WHERE value = 'u1'").run();
      owners.load([{ idType: 'registered', value: 'u1' }]);
      expect(owners.get('registered', 'u1'), JSON.stringify([options, odd])).toBeUndefined();
    }
  });
});

/** Stores customers and their IDs as a finished run would have. */
function store(db: Database, ids: [idType: string, value: string, owner: number][]): void {
  for (const owner of new Set(ids.map(([, , owner]) => owner))) {
    db.prepare("INSERT INTO customers (id, created_at, updated_at) VALUES (?, 'x', 'x')").run(owner);
  }
  const link = db.prepare(
    'INSERT INTO customer_ids (id_type, value, customer_id, linked_us) VALUES (?, ?, ?, 1)',
  );
  for (const [idType, value, owner] of ids) link.run(idType, value, owner);
}
