import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CustomerIdOwners } from '../../../src-main/services/destinations/workspace/customer-id-owners';
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
});
