import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addIdType } from '../../../src-main/services/attributes/id-type-repository';
import { CustomersApplier } from '../../../src-main/services/destinations/workspace/customers-applier';
import type { MappedRecord } from '../../../src-shared/mapping/map-row';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';
import { applyIn, counts, DAY, recordsOf, rows, snapshot, T0, useWorkspace, NO_IMPORT } from './support';

const mapping = mappingOf('customers', [
  idCol('registered'),
  idCol('cookie'),
  idCol('email', 'email_id'),
  col('name'),
  col('age', { type: 'number' }),
  col('birthday', { type: 'date' }),
]);

/** registered, cookie, email, name, age, birthday */
const row = (registered: string, cookie: string, email: string, name = '', age = '', birthday = '') => [
  registered,
  cookie,
  email,
  name,
  age,
  birthday,
];

const ids = (db: Database) =>
  rows(db, 'SELECT id_type, value, customer_id FROM customer_ids ORDER BY customer_id, id_type, value');
const attributes = (db: Database, customerId: number) =>
  rows(
    db,
    'SELECT name, type, value, updated_at_us FROM customer_attributes WHERE customer_id = ? ORDER BY name',
    customerId,
  );
const customerCount = (db: Database) => db.prepare('SELECT COUNT(*) FROM customers').pluck().get();

describe('CustomersApplier', () => {
  const open = useWorkspace();

  it('creates a customer, links every ID of the row to it and stores typed values as JSON', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const result = applyIn(
      db,
      applier,
      recordsOf(mapping, [row(' u1 ', 'c1', 'a@x.io', 'Ann', '30', '1990-05-01')]),
    );
    expect(result).toEqual(counts(1, 0, 0));
    expect(ids(db)).toEqual([
      { id_type: 'cookie', value: 'c1', customer_id: 1 },
      { id_type: 'email_id', value: 'a@x.io', customer_id: 1 },
      { id_type: 'registered', value: 'u1', customer_id: 1 },
    ]);
    expect(attributes(db, 1)).toEqual([
      { name: 'age', type: 'number', value: '30', updated_at_us: T0 * 1000 },
      { name: 'birthday', type: 'date', value: '"1990-05-01"', updated_at_us: T0 * 1000 },
      { name: 'name', type: 'text', value: '"Ann"', updated_at_us: T0 * 1000 },
    ]);
    expect(rows(db, 'SELECT * FROM customers')).toEqual([
      { id: 1, created_at: '2026-01-15T12:00:00.000Z', updated_at: '2026-01-15T12:00:00.000Z' },
    ]);
    expect(
      rows(
        db,
        "SELECT name, data_type FROM attributes WHERE import_type = 'customers' AND name IN ('name', 'age')",
      ),
    ).toEqual(
      expect.arrayContaining([
        { name: 'name', data_type: 'text' },
        { name: 'age', data_type: 'number' },
      ]),
    );
  });

  it('links rows carrying several IDs to one customer, attaching the unknown ones', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const result = applyIn(
      db,
      applier,
      recordsOf(mapping, [
        row('', 'c1', '', 'Anonymous'),
        row('u1', 'c1', '', 'Ann'),
        row('u1', '', 'a@x.io'),
        row('', '', 'a@x.io', '', '31'),
      ]),
      T0 + DAY,
    );
    expect(result).toEqual(counts(1, 3, 0));
    expect(customerCount(db)).toBe(1);
    expect(ids(db)).toEqual([
      { id_type: 'cookie', value: 'c1', customer_id: 1 },
      { id_type: 'email_id', value: 'a@x.io', customer_id: 1 },
      { id_type: 'registered', value: 'u1', customer_id: 1 },
    ]);
    expect(attributes(db, 1)).toEqual([
      { name: 'age', type: 'number', value: '31', updated_at_us: (T0 + DAY) * 1000 },
      { name: 'birthday', type: 'date', value: null, updated_at_us: (T0 + DAY) * 1000 },
      { name: 'name', type: 'text', value: null, updated_at_us: (T0 + DAY) * 1000 },
    ]);
    expect(rows(db, 'SELECT updated_at FROM customers')).toEqual([
      { updated_at: '2026-01-16T12:00:00.000Z' },
    ]);
  });

  it('lets a known hard ID win over a soft ID of another customer, moving the soft ID to it', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    applyIn(db, applier, recordsOf(mapping, [row('u1', '', '', 'Ann'), row('', 'c9', '', 'Visitor')]));
    const result = applyIn(db, applier, recordsOf(mapping, [row('u1', 'c9', '', 'Ann B.')]));
    expect(result).toEqual(counts(0, 1, 0));
    expect(ids(db)).toEqual([
      { id_type: 'cookie', value: 'c9', customer_id: 1 },
      { id_type: 'registered', value: 'u1', customer_id: 1 },
    ]);
    expect(attributes(db, 1)).toContainEqual(expect.objectContaining({ name: 'name', value: '"Ann B."' }));
    // Profiles are not merged: the visitor keeps its values, without IDs.
    expect(attributes(db, 2)).toContainEqual(expect.objectContaining({ name: 'name', value: '"Visitor"' }));
  });

  it("creates a new customer when the soft ID's customer has another value of the row's hard ID type", () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    applyIn(db, applier, recordsOf(mapping, [row('u1', 'c1', '', 'Ann')]));
    const result = applyIn(db, applier, recordsOf(mapping, [row('u2', 'c1', '', 'Bob')]));
    expect(result).toEqual(counts(1, 0, 0));
    expect(ids(db)).toEqual([
      { id_type: 'registered', value: 'u1', customer_id: 1 },
      { id_type: 'cookie', value: 'c1', customer_id: 2 },
      { id_type: 'registered', value: 'u2', customer_id: 2 },
    ]);
    expect(attributes(db, 1)).toContainEqual(expect.objectContaining({ name: 'name', value: '"Ann"' }));
    expect(attributes(db, 2)).toContainEqual(expect.objectContaining({ name: 'name', value: '"Bob"' }));
  });

  it('rejects a row whose hard IDs point at different customers or at a second value of a hard type', () => {
    const db = open();
    addIdType(db, { name: 'crm', kind: 'hard' });
    const withCrm = mappingOf('customers', [idCol('registered'), idCol('crm'), col('name')]);
    const applier = new CustomersApplier(db, withCrm, NO_IMPORT);
    applyIn(
      db,
      applier,
      recordsOf(withCrm, [
        ['u1', 'k1', 'Ann'],
        ['u2', 'k2', 'Bob'],
      ]),
    );
    const result = applyIn(
      db,
      applier,
      recordsOf(withCrm, [
        ['u1', 'k2', 'X'],
        ['u1', 'k9', 'Y'],
        ['u1', 'k1', 'Ann 2'],
      ]),
    );
    expect(result).toEqual({
      imported: 0,
      updated: 1,
      deduplicated: 0,
      rejected: [
        {
          rowNumber: 2,
          column: 'crm',
          value: 'k2',
          reason: 'Customer IDs conflict: registered "u1" and crm "k2" belong to different customers',
        },
        {
          rowNumber: 3,
          column: 'crm',
          value: 'k9',
          reason: 'Customer IDs conflict: the customer with registered "u1" already has crm "k1"',
        },
      ],
      warnings: [],
    });
    expect(ids(db)).toEqual([
      { id_type: 'crm', value: 'k1', customer_id: 1 },
      { id_type: 'registered', value: 'u1', customer_id: 1 },
      { id_type: 'crm', value: 'k2', customer_id: 2 },
      { id_type: 'registered', value: 'u2', customer_id: 2 },
    ]);
    expect(rows(db, "SELECT customer_id, value FROM customer_attributes WHERE name = 'name'")).toEqual([
      { customer_id: 1, value: '"Ann 2"' },
      { customer_id: 2, value: '"Bob"' },
    ]);
  });

  it('links an ID given twice in one row (two columns of one ID type) once', () => {
    const db = open();
    const twoEmails = mappingOf('customers', [idCol('email', 'email_id'), idCol('work_email', 'email_id')]);
    const applier = new CustomersApplier(db, twoEmails, NO_IMPORT);
    const result = applyIn(
      db,
      applier,
      recordsOf(twoEmails, [
        ['a@x.io', 'a@x.io'],
        ['b@x.io', 'B@x.io'],
      ]),
    );
    expect(result).toEqual(counts(2, 0, 0));
    expect(ids(db)).toEqual([
      { id_type: 'email_id', value: 'a@x.io', customer_id: 1 },
      { id_type: 'email_id', value: 'B@x.io', customer_id: 2 },
      { id_type: 'email_id', value: 'b@x.io', customer_id: 2 },
    ]);
  });

  it('keeps 64 soft IDs of a type per customer, dropping the least recently linked one', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const cookies = (customerId: number) =>
      (
        rows(
          db,
          "SELECT value FROM customer_ids WHERE customer_id = ? AND id_type = 'cookie'",
          customerId,
        ) as {
          value: string;
        }[]
      ).map((row) => row.value);
    // c01…c64 one row each, then c01 again: re-linking it makes c02 the least recently linked.
    const first = Array.from({ length: 64 }, (_, i) => row('u1', `c${String(i + 1).padStart(2, '0')}`, ''));
    applyIn(db, applier, recordsOf(mapping, first), T0);
    applyIn(db, applier, recordsOf(mapping, [row('u2', 'c01', '')]), T0 + DAY);
    applyIn(db, applier, recordsOf(mapping, [row('u1', 'c01', '')]), T0 + 2 * DAY);
    expect(cookies(1)).toHaveLength(64);
    applyIn(db, applier, recordsOf(mapping, [row('u1', 'c65', ''), row('u1', 'c66', '')]), T0 + 3 * DAY);
    const kept = cookies(1);
    expect(kept).toHaveLength(64);
    expect(kept).not.toContain('c02');
    expect(kept).not.toContain('c03');
    expect(kept).toEqual(expect.arrayContaining(['c01', 'c04', 'c64', 'c65', 'c66']));
    expect(cookies(2)).toEqual([]);
    // Hard IDs and other types do not count: u1 and its email stay.
    applyIn(db, applier, recordsOf(mapping, [row('u1', 'c67', 'a@x.io')]), T0 + 4 * DAY);
    const others = rows(
      db,
      "SELECT id_type, value, customer_id FROM customer_ids WHERE customer_id = 1 AND id_type <> 'cookie' ORDER BY id_type",
    );
    expect(others).toEqual([
      { id_type: 'email_id', value: 'a@x.io', customer_id: 1 },
      { id_type: 'registered', value: 'u1', customer_id: 1 },
    ]);
    expect(cookies(1)).toHaveLength(64);
  });

  it('treats an ID the soft-ID limit dropped earlier in the same batch as unknown', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const cookies = Array.from({ length: 64 }, (_, i) => row('u1', `c${String(i + 1).padStart(2, '0')}`, ''));
    applyIn(db, applier, recordsOf(mapping, cookies), T0);
    // c65 drops c01, the least recently linked; the next row of the batch finds c01 nobody's.
    applyIn(db, applier, recordsOf(mapping, [row('u1', 'c65', ''), row('', 'c01', '')]), T0 + DAY);
    expect(
      rows(db, "SELECT customer_id FROM customer_ids WHERE value IN ('c01', 'c02', 'c65') ORDER BY value"),
    ).toEqual([{ customer_id: 2 }, { customer_id: 1 }, { customer_id: 1 }]);
    expect(customerCount(db)).toBe(2);
  });

  it('finds an ID holding a lone surrogate again instead of failing the run', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const records = recordsOf(mapping, [row('', 'c\ud800x', '')]);
    expect(applyIn(db, applier, records)).toEqual(counts(1, 0, 0));
    // A run of its own, as the next import is: its lookup reads the stored ID back from SQLite
    // (one applier would answer from its run's memory of the IDs it linked).
    expect(applyIn(db, new CustomersApplier(db, mapping, NO_IMPORT), records)).toEqual(counts(0, 1, 0));
    expect(customerCount(db)).toBe(1);
    expect(rows(db, 'SELECT customer_id FROM customer_ids')).toEqual([{ customer_id: 1 }]);
  });

  it('treats an ID type the workspace does not know as soft', () => {
    const db = open();
    const withVisitor = mappingOf('customers', [idCol('registered'), idCol('visitor'), col('name')]);
    const applier = new CustomersApplier(db, withVisitor, NO_IMPORT);
    applyIn(db, applier, recordsOf(withVisitor, [['u1', 'v1', 'Ann']]));
    const result = applyIn(db, applier, recordsOf(withVisitor, [['u2', 'v1', 'Bob']]));
    expect(result).toEqual(counts(1, 0, 0));
    expect(ids(db)).toEqual([
      { id_type: 'registered', value: 'u1', customer_id: 1 },
      { id_type: 'registered', value: 'u2', customer_id: 2 },
      { id_type: 'visitor', value: 'v1', customer_id: 2 },
    ]);
  });

  it('overwrites a stored value with a blank (NULL) and keeps the row', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    applyIn(db, applier, recordsOf(mapping, [row('u1', '', '', 'Ann', '30')]));
    const result = applyIn(db, applier, recordsOf(mapping, [row('u1', '', '', '', '30')]), T0 + 1000);
    expect(result).toEqual(counts(0, 1, 0));
    expect(attributes(db, 1)).toEqual([
      { name: 'age', type: 'number', value: '30', updated_at_us: (T0 + 1000) * 1000 },
      { name: 'birthday', type: 'date', value: null, updated_at_us: (T0 + 1000) * 1000 },
      { name: 'name', type: 'text', value: null, updated_at_us: (T0 + 1000) * 1000 },
    ]);
  });

  it('applies rows with the same IDs in file order: the last one wins', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const result = applyIn(
      db,
      applier,
      recordsOf(mapping, [
        row('u1', '', '', 'First', '1'),
        row('u1', '', '', 'Second'),
        row('u1', '', '', 'Third'),
      ]),
    );
    expect(result).toEqual(counts(1, 2, 0));
    expect(attributes(db, 1).map((a) => (a as { value: unknown }).value)).toEqual([null, null, '"Third"']);
  });

  it('never lets an older update_timestamp overwrite a newer value, attribute by attribute', () => {
    const db = open();
    const timed = mappingOf('customers', [
      idCol('registered'),
      roleCol('updated', 'update_timestamp'),
      col('name'),
      col('city'),
    ]);
    const applier = new CustomersApplier(db, timed, NO_IMPORT);
    const first = recordsOf(timed, [['u1', '2024-06-01T00:00:00.000002Z', 'New', '']]);
    applyIn(db, applier, first);
    const result = applyIn(
      db,
      applier,
      recordsOf(timed, [
        ['u1', '2024-01-01T00:00:00Z', 'Old', 'Brno'],
        ['u1', '2024-06-01T00:00:00.000001Z', 'One microsecond older', ''],
      ]),
      T0 + DAY,
    );
    expect(result).toEqual(counts(0, 2, 0));
    const june = 1717200000000000;
    expect(attributes(db, 1)).toEqual([
      // The first row's blank city is a value with its own time too: the older "Brno" does not overwrite it.
      { name: 'city', type: 'text', value: null, updated_at_us: june + 2 },
      { name: 'name', type: 'text', value: '"New"', updated_at_us: june + 2 },
    ]);
    applyIn(db, applier, recordsOf(timed, [['u1', '2024-06-01T00:00:00.000002Z', 'Same time', 'Praha']]));
    expect(attributes(db, 1)).toEqual([
      { name: 'city', type: 'text', value: '"Praha"', updated_at_us: june + 2 },
      { name: 'name', type: 'text', value: '"Same time"', updated_at_us: june + 2 },
    ]);
    applyIn(db, applier, recordsOf(timed, [['u1', '2025-01-01T00:00:00Z', 'Newer', '']]));
    expect(attributes(db, 1)).toEqual([
      { name: 'city', type: 'text', value: null, updated_at_us: 1735689600000000 },
      { name: 'name', type: 'text', value: '"Newer"', updated_at_us: 1735689600000000 },
    ]);
  });

  it('stamps values without update_timestamp with the processing time, so a later import wins', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    applyIn(db, applier, recordsOf(mapping, [row('u1', '', '', 'Ann')]), T0);
    applyIn(db, applier, recordsOf(mapping, [row('u1', '', '', 'Anna')]), T0 + DAY);
    expect(attributes(db, 1)).toContainEqual({
      name: 'name',
      type: 'text',
      value: '"Anna"',
      updated_at_us: (T0 + DAY) * 1000,
    });
  });

  it('rejects a record without IDs as "No valid customer ID"', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const [record] = recordsOf(mapping, [row('u1', '', '', 'Ann')]);
    const noIds: MappedRecord = { ...record!, rowNumber: 9, ids: [] };
    expect(applyIn(db, applier, [noIds]).rejected).toEqual([
      { rowNumber: 9, column: 'registered', value: '', reason: 'No valid customer ID' },
    ]);
    expect(customerCount(db)).toBe(0);
  });

  it('reaches the identical final state when the same batch is applied twice', () => {
    const db = open();
    const applier = new CustomersApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [
      row('u1', 'c1', '', 'Ann', '30'),
      row('u2', 'c1', 'b@x.io', 'Bob'),
      row('', 'c7', '', 'Visitor', '', '2001-02-03'),
      row('u1', '', '', ''),
    ]);
    const tables = ['customers', 'customer_attributes'];
    expect(applyIn(db, applier, batch)).toEqual(counts(3, 1, 0));
    const once = { ...snapshot(db, tables), ids: ids(db) };
    expect(applyIn(db, applier, batch)).toEqual(counts(0, 4, 0));
    // The IDs' link times (linked_us) are recency, which linking them again rightly renews.
    expect({ ...snapshot(db, tables), ids: ids(db) }).toEqual(once);
  });
});
