import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { addIdType } from '../../../src-main/services/attributes/id-type-repository';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import {
  attributesOf,
  countOf,
  countsOf,
  customerOf,
  dumpTable,
  editColumn,
  idsOf,
  quick,
  recipeFor,
  rejectsOf,
} from './run-helpers';

// Customers (DESIGN.md §4): each row upserts one customer found by its IDs (hard IDs win), a row's
// IDs link to one customer, a blank overwrites with blank, rows apply in file order unless an
// update_timestamp says a value is older, and a row without a usable ID is rejected.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const SEED = join(__dirname, '../../fixtures/seed-samples/customers.csv');

/** A recipe whose `updated` column is the update_timestamp (no quick flag says that). */
async function withUpdateTimestamp(file: string, name: string) {
  return recipeFor(
    runtime,
    file,
    quick('customers'),
    (m) => editColumn(m, 'updated', { role: 'update_timestamp', type: 'datetime', include: false }),
    name,
  );
}

describe('customers import', () => {
  it('upserts one customer per row by its IDs, links a row’s IDs, applies same-ID rows in file order and blanks as NULL', async () => {
    const file = writeFixture(
      temp.dir,
      'upsert.csv',
      'registered,email,first_name,city\n' +
        'u1,ann@example.com,Ann,Prague\n' +
        ',bob@example.com,Bob,Brno\n' +
        'u1,,Annie,\n',
    );
    const run = await importAndWait(runtime, {
      file,
      quick: quick('customers', { ids: ['email=email_id'] }),
    });

    expect(countsOf(run)).toEqual({
      read: 3,
      imported: 2,
      updated: 1,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    const ann = customerOf(runtime, 'registered', 'u1');
    const bob = customerOf(runtime, 'email_id', 'bob@example.com');
    expect(ann).toBeDefined();
    expect(bob).toBeDefined();
    expect(bob).not.toBe(ann);
    // Both IDs of row 2 belong to the one customer; row 4 (same registered) updated it.
    expect(customerOf(runtime, 'email_id', 'ann@example.com')).toBe(ann);
    expect(idsOf(runtime, ann)).toEqual(['email_id:ann@example.com', 'registered:u1']);
    // Last row wins; its empty city overwrote "Prague" with a blank (a NULL value, not a missing one).
    expect(attributesOf(runtime, ann)).toEqual({ first_name: 'Annie', city: null });
    expect(
      rows(runtime, "SELECT value FROM customer_attributes WHERE customer_id = ? AND name = 'city'", ann),
    ).toEqual([{ value: null }]);
    expect(attributesOf(runtime, bob)).toEqual({ first_name: 'Bob', city: 'Brno' });
    // ID columns are not attributes.
    expect(rows(runtime, "SELECT * FROM customer_attributes WHERE name IN ('registered', 'email')")).toEqual(
      [],
    );
  });

  it('an empty cell in a later run overwrites the stored value with blank', async () => {
    const first = writeFixture(temp.dir, 'blank-1.csv', 'registered,city,phone\nu2,Olomouc,123\n');
    const second = writeFixture(temp.dir, 'blank-2.csv', 'registered,city,phone\nu2,,456\n');
    countsOf(await importAndWait(runtime, { file: first, quick: quick('customers') }));
    const run = await importAndWait(runtime, { file: second, quick: quick('customers') });

    expect(countsOf(run)).toMatchObject({ read: 1, imported: 0, updated: 1 });
    expect(attributesOf(runtime, customerOf(runtime, 'registered', 'u2'))).toEqual({
      city: null,
      phone: '456',
    });
  });

  it('hard IDs win over soft ones: the hard ID’s customer takes the row, and a soft ID moves to it', async () => {
    const first = writeFixture(
      temp.dir,
      'hard-1.csv',
      'registered,cookie,first_name\nu10,,Hard\n,c10,Soft\n',
    );
    expect(countsOf(await importAndWait(runtime, { file: first, quick: quick('customers') }))).toMatchObject({
      imported: 2,
    });
    const hard = customerOf(runtime, 'registered', 'u10');
    const soft = customerOf(runtime, 'cookie', 'c10');
    expect(hard).not.toBe(soft);

    // The row's cookie points at the soft customer, its registered ID at the hard one: hard wins.
    const second = writeFixture(temp.dir, 'hard-2.csv', 'registered,cookie,first_name\nu10,c10,Merged\n');
    const run = await importAndWait(runtime, { file: second, quick: quick('customers') });
    expect(countsOf(run)).toMatchObject({ read: 1, imported: 0, updated: 1 });
    expect(idsOf(runtime, hard)).toEqual(['cookie:c10', 'registered:u10']);
    expect(attributesOf(runtime, hard)).toEqual({ first_name: 'Merged' });
    expect(attributesOf(runtime, soft)).toEqual({ first_name: 'Soft' });
    expect(idsOf(runtime, soft)).toEqual([]);

    // A soft ID whose customer has another registered value does not pull a new hard ID in: new customer.
    const third = writeFixture(temp.dir, 'hard-3.csv', 'registered,cookie,first_name\nu11,c10,Other\n');
    const other = await importAndWait(runtime, { file: third, quick: quick('customers') });
    expect(countsOf(other)).toMatchObject({ read: 1, imported: 1, updated: 0 });
    const created = customerOf(runtime, 'registered', 'u11');
    expect(created).not.toBe(hard);
    expect(idsOf(runtime, created)).toEqual(['cookie:c10', 'registered:u11']);
    expect(idsOf(runtime, hard)).toEqual(['registered:u10']);
    expect(attributesOf(runtime, hard)).toEqual({ first_name: 'Merged' });
    expect(attributesOf(runtime, created)).toEqual({ first_name: 'Other' });
  });

  it('rejects a row whose hard IDs belong to different customers, or would give one a second hard ID', async () => {
    addIdType(runtime.workspace.db, { name: 'crm_id', kind: 'hard' });
    const first = writeFixture(temp.dir, 'crm-1.csv', 'registered,crm_id,first_name\nh1,,One\n,X9,Two\n');
    const flags = quick('customers', { ids: ['crm_id=crm_id'] });
    countsOf(await importAndWait(runtime, { file: first, quick: flags }));
    const one = customerOf(runtime, 'registered', 'h1');
    const two = customerOf(runtime, 'crm_id', 'X9');
    expect(one).not.toBe(two);

    const second = writeFixture(
      temp.dir,
      'crm-2.csv',
      'registered,crm_id,first_name\nh1,X9,Both\nh1,X10,Linked\nh1,X11,Third\n',
    );
    const run = await importAndWait(runtime, { file: second, quick: flags });
    expect(countsOf(run)).toEqual({
      read: 3,
      imported: 0,
      updated: 1,
      deduplicated: 0,
      rejected: 2,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([
      {
        row_number: 2,
        column_name: 'crm_id',
        value: 'X9',
        reason: 'Customer IDs conflict: registered "h1" and crm_id "X9" belong to different customers',
      },
      {
        row_number: 4,
        column_name: 'crm_id',
        value: 'X11',
        reason: 'Customer IDs conflict: the customer with registered "h1" already has crm_id "X10"',
      },
    ]);
    expect(idsOf(runtime, one)).toEqual(['crm_id:X10', 'registered:h1']);
    expect(idsOf(runtime, two)).toEqual(['crm_id:X9']);
    expect(attributesOf(runtime, one)).toEqual({ first_name: 'Linked' });
    expect(attributesOf(runtime, two)).toEqual({ first_name: 'Two' });
  });

  it('with an update_timestamp an older value never overwrites a newer one, in one file and across runs', async () => {
    const first = writeFixture(
      temp.dir,
      'stamped-1.csv',
      'registered,first_name,updated\n' +
        'u20,Newer,2026-01-02T00:00:00Z\n' +
        'u20,Older,2026-01-01T00:00:00Z\n' +
        'u21,Same1,2026-01-01T00:00:00Z\n' +
        'u21,Same2,2026-01-01T00:00:00Z\n',
    );
    const run = await importAndWait(runtime, {
      file: first,
      recipe: await withUpdateTimestamp(first, 'stamped'),
    });
    expect(countsOf(run)).toEqual({
      read: 4,
      imported: 2,
      updated: 2,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    const u20 = customerOf(runtime, 'registered', 'u20');
    const u21 = customerOf(runtime, 'registered', 'u21');
    // The update timestamp orders values, it is not one.
    expect(attributesOf(runtime, u20)).toEqual({ first_name: 'Newer' });
    // Equal update times: file order.
    expect(attributesOf(runtime, u21)).toEqual({ first_name: 'Same2' });
    expect(rows(runtime, 'SELECT updated_at_us FROM customer_attributes WHERE customer_id = ?', u20)).toEqual(
      [{ updated_at_us: Date.parse('2026-01-02T00:00:00Z') * 1000 }],
    );

    const second = writeFixture(
      temp.dir,
      'stamped-2.csv',
      'registered,first_name,updated\nu20,Stale,2025-12-31T23:59:59.999999Z\nu21,Fresh,2026-02-01T00:00:00Z\n',
    );
    const again = await importAndWait(runtime, {
      file: second,
      recipe: await withUpdateTimestamp(second, 'stamped'),
    });
    expect(countsOf(again)).toMatchObject({ read: 2, rejected: 0 });
    expect(attributesOf(runtime, u20)).toEqual({ first_name: 'Newer' });
    expect(attributesOf(runtime, u21)).toEqual({ first_name: 'Fresh' });
  });

  it('rejects a row without a usable ID (missing, or over 256 UTF-8 bytes) as "No valid customer ID", naming column and row; IDs are trimmed', async () => {
    const tooLong = 'č'.repeat(129); // 129 characters, 258 bytes
    const exactly = 'č'.repeat(128); // 256 bytes: the limit itself is fine
    const file = writeFixture(
      temp.dir,
      'rejects.csv',
      'registered,email,first_name\n' +
        ',,NoId\n' +
        `${tooLong},,TooLong\n` +
        `${exactly},,Exactly\n` +
        '"  u30  ",,Trimmed\n' +
        `${tooLong},partial@example.com,Partial\n`,
    );
    const run = await importAndWait(runtime, {
      file,
      quick: quick('customers', { ids: ['email=email_id'] }),
    });

    expect(countsOf(run)).toEqual({
      read: 5,
      imported: 3,
      updated: 0,
      deduplicated: 0,
      rejected: 2,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([
      { row_number: 2, column_name: 'registered', value: '', reason: 'No valid customer ID' },
      { row_number: 3, column_name: 'registered', value: tooLong, reason: 'No valid customer ID' },
    ]);
    expect(attributesOf(runtime, customerOf(runtime, 'registered', exactly))).toEqual({
      first_name: 'Exactly',
    });
    expect(attributesOf(runtime, customerOf(runtime, 'registered', 'u30'))).toEqual({
      first_name: 'Trimmed',
    });
    expect(customerOf(runtime, 'registered', '  u30  ')).toBeUndefined();
    // The over-long ID is left out; the row's other ID still identifies it.
    const partial = customerOf(runtime, 'email_id', 'partial@example.com');
    expect(idsOf(runtime, partial)).toEqual(['email_id:partial@example.com']);
    expect(rows(runtime, 'SELECT * FROM customer_ids WHERE value = ?', tooLong)).toEqual([]);
    expect(
      rows(runtime, 'SELECT * FROM customer_attributes WHERE value IN (\'"NoId"\', \'"TooLong"\')'),
    ).toEqual([]);
  });

  it('lowercases IDs when asked, and keeps their case otherwise', async () => {
    const lower = writeFixture(
      temp.dir,
      'lower.csv',
      'email,first_name\nAnn.Mixed@Example.COM,Ann\nann.mixed@example.com,Ann2\n',
    );
    const run = await importAndWait(runtime, {
      file: lower,
      quick: quick('customers', { ids: ['email=email_id'], lowercaseIds: true }),
    });
    expect(countsOf(run)).toMatchObject({ read: 2, imported: 1, updated: 1 });
    const ann = customerOf(runtime, 'email_id', 'ann.mixed@example.com');
    expect(attributesOf(runtime, ann)).toEqual({ first_name: 'Ann2' });
    expect(customerOf(runtime, 'email_id', 'Ann.Mixed@Example.COM')).toBeUndefined();

    const kept = writeFixture(
      temp.dir,
      'case.csv',
      'email,first_name\nCase@Example.com,A\ncase@example.com,B\n',
    );
    const plain = await importAndWait(runtime, {
      file: kept,
      quick: quick('customers', { ids: ['email=email_id'] }),
    });
    expect(countsOf(plain)).toMatchObject({ read: 2, imported: 2, updated: 0 });
    expect(attributesOf(runtime, customerOf(runtime, 'email_id', 'Case@Example.com'))).toEqual({
      first_name: 'A',
    });
    expect(attributesOf(runtime, customerOf(runtime, 'email_id', 'case@example.com'))).toEqual({
      first_name: 'B',
    });
  });

  it('imports the seed customers from a semicolon-delimited cp1250 file', async () => {
    const text = readFileSync(SEED, 'utf8');
    const file = writeFixture(temp.dir, 'seed-cp1250.csv', iconv.encode(text, 'cp1250'));
    const run = await importAndWait(runtime, { file, quick: quick('customers') });

    expect(countsOf(run)).toEqual({
      read: 5,
      imported: 5,
      updated: 0,
      deduplicated: 0,
      rejected: 0,
      skipped: 0,
    });
    const tomas = customerOf(runtime, 'registered', 'tomas.dvorak@example.cz');
    expect(attributesOf(runtime, tomas)).toMatchObject({
      first_name: 'Tomáš',
      last_name: 'Dvořák',
      email: 'tomas.dvorak@example.cz',
    });
    const jana = customerOf(runtime, 'registered', 'jana.novakova@example.com');
    expect(attributesOf(runtime, jana)).toMatchObject({ first_name: 'Jana', last_name: 'Nováková' });
    const maria = customerOf(runtime, 'registered', 'maria.garcia@example.net');
    expect(attributesOf(runtime, maria)).toMatchObject({ first_name: 'María', last_name: 'García' });
  });
});

describe('customers re-run', () => {
  it('importing the same file again reaches the identical final state', async () => {
    const own = makeTestRuntime();
    try {
      const file = writeFixture(
        temp.dir,
        'rerun.csv',
        'registered,cookie,first_name,city,updated\n' +
          'r1,k1,Ann,Prague,2026-01-01T00:00:00Z\n' +
          ',k2,Visitor,,2026-01-01T00:00:00Z\n' +
          'r2,k1,Bob,Brno,2026-01-02T00:00:00Z\n' +
          'r1,,Ann B,,2026-01-03T00:00:00Z\n' +
          ',,Nobody,Nowhere,2026-01-03T00:00:00Z\n' +
          'r3,k2,Cyril,Ostrava,2025-12-01T00:00:00Z\n',
      );
      const recipe = await recipeFor(
        own,
        file,
        quick('customers'),
        (m) => editColumn(m, 'updated', { role: 'update_timestamp', type: 'datetime', include: false }),
        'rerun',
      );
      const snapshot = () => ({
        customers: dumpTable(own, 'customers', ['updated_at']),
        // linked_us is the IDs' link recency, which the second run's moves rightly renew.
        customer_ids: dumpTable(own, 'customer_ids', ['linked_us']),
        customer_attributes: dumpTable(own, 'customer_attributes'),
        attributes: dumpTable(own, 'attributes'),
      });

      const first = await importAndWait(own, { file, recipe });
      expect(countsOf(first)).toEqual({
        read: 6,
        imported: 3,
        updated: 2,
        deduplicated: 0,
        rejected: 1,
        skipped: 0,
      });
      const after = snapshot();
      expect(after.customers).toHaveLength(3);
      expect(after.customer_ids).toHaveLength(5);

      const second = await importAndWait(own, { file, recipe });
      expect(countsOf(second)).toEqual({
        read: 6,
        imported: 0,
        updated: 5,
        deduplicated: 0,
        rejected: 1,
        skipped: 0,
      });
      expect(snapshot()).toEqual(after);
      expect(countOf(own, 'customers')).toBe(3);
    } finally {
      await own.dispose();
    }
  });
});
