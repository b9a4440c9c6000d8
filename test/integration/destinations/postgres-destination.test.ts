import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../../src-shared/model/run';
import { writeFixture } from '../../support/import-run';
import { makeTempDir } from '../../support/temp-dir';
import { countsOf, editColumn, quick, rejectsOf } from '../runs/run-helpers';
import { eventually } from '../sources/sql/sql-servers';
import { pgPort, postgresHarness } from './postgres-harness';

/** How the PII guardrail stores an email that leaves the machine: SHA-256 of it, trimmed and lowercased. */
const h = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

// PostgreSQL as a destination (issue 15), through the real pipeline: each import type's file
// runs twice into a schema whose name needs quoting, and the tables hold exactly the expected
// rows after each run — the second run changes nothing, not even which run last wrote a row.

const temp = makeTempDir();
const test = postgresHarness();
const SCHEMA = 'Intake Out';

/** Every row of a table of SCHEMA, all columns in table order. */
function tableRows(table: string, orderBy: string): Promise<(string | null)[][]> {
  return test.query(`SELECT * FROM "${SCHEMA}"."${table}" ORDER BY ${orderBy}`);
}

/** The rows of a table after a run, with the run that wrote them and its time checked and cut off. */
function written(rows: (string | null)[][], run: Run): (string | null)[][] {
  for (const row of rows) {
    expect(row.at(-2)).toBe(run.id);
    expect(row.at(-1)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+00$/);
  }
  return rows.map((row) => row.slice(0, -2));
}

beforeAll(async () => {
  if (pgPort > 0) await test.setup();
});
afterAll(async () => {
  if (pgPort > 0) await test.dispose();
  temp.remove();
});

// Skipped when the global setup could not start PostgreSQL (its apt package missing), and off Linux (the keychain).
describe.skipIf(pgPort === 0 || process.platform !== 'linux')('PostgreSQL destination', () => {
  it('customers: upserted by their hard ID (else their first ID), newest update wins, IDs merged; a re-run changes nothing', async () => {
    const file = writeFixture(
      temp.dir,
      'customers.csv',
      'registered,email,name,age,vip,born,seen,tags,updated\n' +
        'u1,ann@x.cz,Ann,30,true,1990-01-02,2024-01-01T10:00:00Z,"[""a"",""b""]",2024-05-01T00:00:00Z\n' +
        ',bob@x.cz,Bob,,false,,,,\n' +
        'u1,ann2@x.cz,Annie,31,,,,,2024-04-01T00:00:00Z\n' +
        ',,Nobody,1,,,,,\n' +
        'u1,,Ann B,32,false,1990-01-02,2024-06-01T10:00:00.5Z,,2024-06-01T00:00:00Z\n',
    );
    const flags = quick('customers', { ids: ['email=email_id'] });
    const edit = (mapping: Parameters<typeof editColumn>[0]) => {
      let m = editColumn(mapping, 'updated', { role: 'update_timestamp', type: 'datetime', include: false });
      for (const [source, type] of [
        ['age', 'number'],
        ['vip', 'boolean'],
        ['born', 'date'],
        ['seen', 'datetime'],
        ['tags', 'list'],
      ] as const) {
        m = editColumn(m, source, { type });
      }
      return m;
    };
    const first = await test.load(file, flags, SCHEMA, edit);
    expect(countsOf(first)).toEqual({
      read: 5,
      imported: 2,
      updated: 2,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(rejectsOf(test.runtime, first)).toMatchObject([
      { row_number: 5, reason: expect.stringMatching(/customer ID/i) },
    ]);
    expect(first.warnings).toEqual(['Created the table "Intake Out"."customers" in PostgreSQL.']);
    expect(await test.columns(SCHEMA, 'customers')).toEqual([
      'customer_id_type text',
      'customer_id text',
      'ids jsonb',
      'update_timestamp timestamp with time zone',
      'name text',
      'age double precision',
      'vip boolean',
      'born date',
      'seen timestamp with time zone',
      'tags jsonb',
      '_intake_run_id text',
      '_intake_loaded_at timestamp with time zone',
    ]);
    const afterFirst = await tableRows('customers', 'customer_id');
    expect(written(afterFirst, first)).toEqual([
      [
        'email_id',
        h('bob@x.cz'),
        `{"email_id": "${h('bob@x.cz')}"}`,
        null,
        'Bob',
        null,
        'f',
        null,
        null,
        null,
      ],
      [
        'registered',
        'u1',
        // Every row's IDs, the last value of a type winning; row 4 is older, yet its ID counts.
        `{"email_id": "${h('ann2@x.cz')}", "registered": "u1"}`,
        '2024-06-01 00:00:00+00',
        // The newest row (by update_timestamp) wins whole: row 4 (April) never overwrote row 2 (May).
        'Ann B',
        '32',
        'f',
        '1990-01-02',
        '2024-06-01 10:00:00.5+00',
        null,
      ],
    ]);

    const second = await test.load(file, flags, SCHEMA, edit);
    expect(countsOf(second)).toEqual({
      read: 5,
      imported: 0,
      updated: 4,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(second.warnings).toEqual([]);
    expect(await tableRows('customers', 'customer_id')).toEqual(afterFirst);
  });
  it('events: one table per event type, inserted unless their dedup key is there (the workspace’s key); a re-run adds nothing', async () => {
    const file = writeFixture(
      temp.dir,
      'events.csv',
      'email,registered,ts,amount,sku,extra\n' +
        'a@x.cz,u1,2024-01-01T10:00:00.123456Z,10.5,S1,"{""b"":1,""a"":2}"\n' +
        'b@x.cz,,2024-01-01T10:00:00Z,7,S2,\n' +
        // Row 2 again, its JSON's keys in another order: the same event.
        'a@x.cz,u1,2024-01-01T10:00:00.123456Z,10.5,S1,"{""a"":2,""b"":1}"\n' +
        'a@x.cz,u1,2024-01-01T10:00:00.123456Z,10.5,S9,\n' +
        'c@x.cz,,,1,S3,\n',
    );
    const flags = quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'ts' });
    const edit = (mapping: Parameters<typeof editColumn>[0]) =>
      editColumn(
        editColumn(editColumn(mapping, 'amount', { type: 'number' }), 'extra', { type: 'json' }),
        'sku',
        {
          type: 'text',
        },
      );
    const first = await test.load(file, flags, SCHEMA, edit);
    expect(countsOf(first)).toEqual({
      read: 5,
      imported: 3,
      updated: 0,
      deduplicated: 1,
      rejected: 1,
      skipped: 0,
    });
    expect(rejectsOf(test.runtime, first)).toMatchObject([{ row_number: 6, column_name: 'ts' }]);
    expect(await test.columns(SCHEMA, 'events_purchase')).toEqual([
      'customer_id_type text',
      'customer_id text',
      'timestamp timestamp with time zone',
      'dedup_key bigint',
      'ids jsonb',
      'amount double precision',
      'sku text',
      'extra jsonb',
      '_intake_run_id text',
      '_intake_loaded_at timestamp with time zone',
    ]);
    const types = '{"amount":"number","extra":"json","sku":"text"}';
    const ann = `{"email_id": "${h('a@x.cz')}", "registered": "u1"}`;
    const afterFirst = await tableRows('events_purchase', 'customer_id, sku');
    expect(written(afterFirst, first)).toEqual([
      [
        'email_id',
        h('b@x.cz'),
        '2024-01-01 10:00:00+00',
        dedupKey('2024-01-01T10:00:00.000000Z', types, '{"amount":7,"extra":null,"sku":"S2"}'),
        `{"email_id": "${h('b@x.cz')}"}`,
        '7',
        'S2',
        null,
      ],
      [
        'registered',
        'u1',
        '2024-01-01 10:00:00.123456+00',
        dedupKey('2024-01-01T10:00:00.123456Z', types, '{"amount":10.5,"extra":{"a":2,"b":1},"sku":"S1"}'),
        ann,
        '10.5',
        'S1',
        '{"a": 2, "b": 1}',
      ],
      [
        'registered',
        'u1',
        '2024-01-01 10:00:00.123456+00',
        dedupKey('2024-01-01T10:00:00.123456Z', types, '{"amount":10.5,"extra":null,"sku":"S9"}'),
        ann,
        '10.5',
        'S9',
        null,
      ],
    ]);

    const second = await test.load(file, flags, SCHEMA, edit);
    expect(countsOf(second)).toEqual({
      read: 5,
      imported: 0,
      updated: 0,
      deduplicated: 4,
      rejected: 1,
      skipped: 0,
    });
    expect(await tableRows('events_purchase', 'customer_id, sku')).toEqual(afterFirst);
  });

  it('catalog: items upserted by item_id, the last row in the file winning; a re-run changes nothing', async () => {
    const file = writeFixture(
      temp.dir,
      'catalog.csv',
      'item_id,title,price,color\ni1,Shirt,10,red\ni2,Hat,5,\ni1,Shirt v2,12,blue\n,Nothing,1,x\n',
    );
    const flags = quick('catalog', { catalog: 'products', itemId: 'item_id' });
    const edit = (mapping: Parameters<typeof editColumn>[0]) =>
      editColumn(mapping, 'price', { type: 'number' });
    const first = await test.load(file, flags, SCHEMA, edit);
    expect(countsOf(first)).toEqual({
      read: 4,
      imported: 2,
      updated: 1,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(await test.columns(SCHEMA, 'catalog_products')).toEqual([
      'item_id text',
      'product_id text',
      'title text',
      'price double precision',
      'color text',
      '_intake_run_id text',
      '_intake_loaded_at timestamp with time zone',
    ]);
    const afterFirst = await tableRows('catalog_products', 'item_id');
    expect(written(afterFirst, first)).toEqual([
      ['i1', null, 'Shirt v2', '12', 'blue'],
      ['i2', null, 'Hat', '5', null],
    ]);

    const second = await test.load(file, flags, SCHEMA, edit);
    expect(countsOf(second)).toMatchObject({ read: 4, imported: 0, updated: 3, rejected: 1 });
    expect(await tableRows('catalog_products', 'item_id')).toEqual(afterFirst);

    // The mapping grows (a static column: ALTER TABLE ADD COLUMN) and drops "color": an item is
    // replaced whole, as the platform's bulk update does, so its color is gone.
    const grown = await test.load(
      writeFixture(temp.dir, 'catalog-2.csv', 'item_id,title,price,color\ni1,Shirt v3,13,green\n'),
      { ...flags, statics: ['season=summer'] },
      SCHEMA,
      (mapping) => editColumn(edit(mapping), 'color', { include: false }),
    );
    expect(countsOf(grown)).toMatchObject({ read: 1, imported: 0, updated: 1 });
    expect(grown.warnings).toEqual(['Added the column "season" to "Intake Out"."catalog_products".']);
    // Added at the table's end, after Intake's own columns.
    expect((await test.columns(SCHEMA, 'catalog_products')).at(-1)).toBe('season text');
    const columns = 'item_id, product_id, title, price, color, season, _intake_run_id';
    expect(await test.query(`SELECT ${columns} FROM "${SCHEMA}".catalog_products ORDER BY 1`)).toEqual([
      ['i1', null, 'Shirt v3', '13', null, 'summer', grown.id],
      ['i2', null, 'Hat', '5', null, null, first.id],
    ]);
  });

  it('identity links: upserted by (match key, identifier); a re-run changes nothing', async () => {
    const file = writeFixture(
      temp.dir,
      'identity.csv',
      'email,cookie,at\na@x.cz,c1,2024-01-01T00:00:00Z\na@x.cz,c2,\na@x.cz,c1,2024-02-01T00:00:00Z\n,c3,\n',
    );
    const flags = quick('identity', {
      roles: ['email=match_key:email_id', 'cookie=identifier:cookie', 'at=timestamp'],
    });
    const first = await test.load(file, flags, SCHEMA);
    expect(countsOf(first)).toEqual({
      read: 4,
      imported: 2,
      updated: 1,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    const afterFirst = await tableRows('identity_links', 'id_value');
    expect(written(afterFirst, first)).toEqual([
      ['email_id', 'a@x.cz', 'cookie', 'c1', '2024-02-01 00:00:00+00'],
      ['email_id', 'a@x.cz', 'cookie', 'c2', null],
    ]);

    const second = await test.load(file, flags, SCHEMA);
    expect(countsOf(second)).toMatchObject({ read: 4, imported: 0, updated: 3, rejected: 1 });
    expect(await tableRows('identity_links', 'id_value')).toEqual(afterFirst);
  });

  it('group memberships: upserted by (group, user) in file order, is_deleted removes one; a re-run changes nothing', async () => {
    const file = writeFixture(
      temp.dir,
      'group.csv',
      'user,group,cursor,deleted\n' +
        'u1,g1,2024-01-01T00:00:00Z,false\n' +
        'u2,g1,2024-01-02T00:00:00Z,\n' +
        'u3,g1,2024-01-03T00:00:00Z,\n' +
        'u3,g1,2024-01-04T00:00:00Z,true\n' +
        'u1,g2,,\n',
    );
    const flags = quick('group', {
      ids: ['user=registered'],
      roles: ['group=group_id', 'cursor=cursor', 'deleted=is_deleted'],
    });
    const first = await test.load(file, flags, SCHEMA);
    // u1, u2 and u3 join (new); u3 leaves (an update); u1 in g2 has no cursor.
    expect(countsOf(first)).toEqual({
      read: 5,
      imported: 3,
      updated: 1,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    const afterFirst = await tableRows('group_memberships', 'group_id, user_id');
    expect(written(afterFirst, first)).toEqual([
      ['g1', 'registered', 'u1', '2024-01-01 00:00:00+00'],
      ['g1', 'registered', 'u2', '2024-01-02 00:00:00+00'],
    ]);

    // Again: u1 and u2 are members already (updates), u3 joins anew and leaves again.
    const second = await test.load(file, flags, SCHEMA);
    expect(countsOf(second)).toMatchObject({ read: 5, imported: 1, updated: 3, rejected: 1 });
    expect(await tableRows('group_memberships', 'group_id, user_id')).toEqual(afterFirst);

    const leave = await test.load(
      writeFixture(
        temp.dir,
        'group-leave.csv',
        'user,group,cursor,deleted\nu2,g1,2024-01-05T00:00:00Z,true\n',
      ),
      flags,
      SCHEMA,
    );
    expect(countsOf(leave)).toMatchObject({ read: 1, imported: 0, updated: 1 });
    expect(await tableRows('group_memberships', 'group_id, user_id')).toEqual([afterFirst[0]]);
  });

  it('vouchers: codes added to the pool’s table unless present; a re-run adds nothing', async () => {
    const file = writeFixture(
      temp.dir,
      'vouchers.csv',
      'voucher_code,value\nA1,10\nB2,10\nA1,10\n,10\nC3,5\n',
    );
    const flags = quick('vouchers', { pool: 'spring', roles: ['voucher_code=voucher_code'] });
    const first = await test.load(file, flags, SCHEMA);
    expect(countsOf(first)).toEqual({
      read: 5,
      imported: 3,
      updated: 0,
      deduplicated: 1,
      rejected: 1,
      skipped: 0,
    });
    expect(await test.columns(SCHEMA, 'vouchers_spring')).toEqual([
      'code text',
      '_intake_run_id text',
      '_intake_loaded_at timestamp with time zone',
    ]);
    const afterFirst = await tableRows('vouchers_spring', 'code');
    expect(written(afterFirst, first)).toEqual([['A1'], ['B2'], ['C3']]);

    const second = await test.load(file, flags, SCHEMA);
    expect(countsOf(second)).toMatchObject({ read: 5, imported: 0, deduplicated: 4, rejected: 1 });
    expect(await tableRows('vouchers_spring', 'code')).toEqual(afterFirst);
  });

  it('rejects a row PostgreSQL cannot store (a NUL character) and keeps tabs, newlines and backslashes exact', async () => {
    // Files with NUL bytes are refused when read; JSON can still spell one (\u0000), which jsonb refuses.
    const file = writeFixture(
      temp.dir,
      'odd.csv',
      'registered,name,extra\n' +
        'u1,Ann,"{""k"":""a\\u0000b""}"\n' +
        'u2,"tab\there, line\nthere","{""k"":""back\\\\u0000slash \\\\N""}"\n',
    );
    const run = await test.load(file, quick('customers'), 'odd', (mapping) =>
      editColumn(mapping, 'extra', { type: 'json' }),
    );
    expect(countsOf(run)).toMatchObject({ read: 2, imported: 1, rejected: 1 });
    expect(rejectsOf(test.runtime, run)).toEqual([
      {
        row_number: 2,
        column_name: 'extra',
        value: '{"k":"a\\u0000b"}',
        reason: 'PostgreSQL cannot store the NUL character (U+0000) in text',
      },
    ]);
    expect(await test.query(`SELECT customer_id, name, extra->>'k' FROM odd.customers`)).toEqual([
      ['u2', 'tab\there, line\nthere', 'back\\u0000slash \\N'],
    ]);
  });

  it('refuses a column whose type conflicts with the mapping, naming table, column and both types, before writing anything', async () => {
    await test.query(`CREATE SCHEMA conflict AUTHORIZATION ${test.role}`);
    await test.query(`CREATE TABLE conflict.customers (
      customer_id_type text, customer_id text, ids jsonb, name text, age text, seen timestamp,
      PRIMARY KEY (customer_id_type, customer_id))`);
    await test.query(`ALTER TABLE conflict.customers OWNER TO ${test.role}`);
    await test.query(
      `INSERT INTO conflict.customers VALUES ('registered', 'u0', '{}', 'Zed', 'forty', NULL)`,
    );
    const before = await test.query('SELECT * FROM conflict.customers');
    const file = writeFixture(
      temp.dir,
      'conflict.csv',
      'registered,name,age,seen,vip\nu1,Ann,30,2024-01-01T00:00:00Z,true\n',
    );
    const run = await test.load(file, quick('customers'), 'conflict', (mapping) =>
      editColumn(
        editColumn(editColumn(mapping, 'age', { type: 'number' }), 'seen', { type: 'datetime' }),
        'vip',
        {
          type: 'boolean',
        },
      ),
    );

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'VALIDATION',
      message:
        'Cannot load into "conflict"."customers": column "age" is text, and the mapping imports it as number (double precision); ' +
        'column "seen" is timestamp without time zone, and the mapping imports it as datetime (timestamp with time zone). ' +
        'Change the type in the mapping, or the column in PostgreSQL (ALTER TABLE … ALTER COLUMN … TYPE), and run again.',
    });
    // Nothing written: no row, and not even the columns the run would have added (vip, bookkeeping).
    expect(await test.columns('conflict', 'customers')).toEqual([
      'customer_id_type text',
      'customer_id text',
      'ids jsonb',
      'name text',
      'age text',
      'seen timestamp without time zone',
    ]);
    expect(await test.query('SELECT * FROM conflict.customers')).toEqual(before);
  });

  it('leaves no session open after its runs, succeeded or failed', async () => {
    // A backend leaves pg_stat_activity a moment after its client has gone.
    const sessions = () =>
      test.query('SELECT count(*) FROM pg_stat_activity WHERE usename = $1', [test.role]);
    await eventually(async () => (await sessions())[0]![0] === '0', 'no session of the role', 2_000);
  });
});

/** The workspace's event dedup key, recomputed: the first 48 bits of a SHA-256, as decimal text. */
function dedupKey(iso: string, types: string, values: string): string {
  const digest = createHash('sha256').update(`"purchase"\n${iso}\n${types}\n${values}`).digest();
  return String(digest.readUIntBE(0, 6));
}
