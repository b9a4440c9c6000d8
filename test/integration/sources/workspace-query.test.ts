import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import type { Preview } from '../../../src-shared/model/preview';
import type { SourceRef } from '../../../src-shared/model/source';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { quick } from '../runs/run-helpers';

// A read-only SELECT over the workspace is a source like a file: registered only when it is one
// read-only SELECT, previewed with the types it declares, staged and imported (customers with a
// computed attribute, as the seed's "data from your analyses").

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

async function seedCustomers(): Promise<void> {
  const file = writeFixture(
    temp.dir,
    'events.csv',
    'email,at,price\nann@example.com,1700000000,10\nann@example.com,1700000100,32.5\nbob@example.com,1700000200,5\n',
  );
  const run = await importAndWait(runtime, {
    file,
    quick: quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'at' }),
    name: 'purchases',
  });
  expect(run.status).toBe('succeeded');
}

// Events keep their attributes as an array of values: the event_attributes view names them.
const SPENT = `SELECT i.value AS email, SUM(a.value) AS spent, COUNT(*) AS orders
FROM customer_ids i JOIN events e ON e.customer_id = i.customer_id
JOIN event_attributes a ON a.event_id = e.id AND a.name = 'price'
WHERE i.id_type = 'email_id' GROUP BY i.value ORDER BY i.value`;

describe('a workspace query source', () => {
  it('is refused before anything runs unless it is one read-only SELECT', async () => {
    await seedCustomers();
    for (const [query, message] of [
      ['DELETE FROM customers', /Only a single SELECT statement/],
      [
        'WITH x AS (SELECT 1) DELETE FROM customers WHERE id IN (SELECT * FROM x)',
        /Only a single SELECT statement/,
      ],
      ['SELECT 1; DELETE FROM customers', /more than one statement/],
      ['SELECT * FROM no_such_table', /no such table: no_such_table/],
      ['PRAGMA writable_schema = 1', /Only a single SELECT statement/],
    ] as const) {
      const result = await dispatch(runtime.handlers, 'sources:add', { kind: 'workspace', query });
      expect([query, result]).toMatchObject([
        query,
        { ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(message) } },
      ]);
    }
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM customers')).toEqual([{ n: 2 }]);
    expect(rows(runtime, "SELECT COUNT(*) AS n FROM sources WHERE kind = 'workspace'")).toEqual([{ n: 0 }]);
  });

  it('previews its rows with the column names and declared types, without a dialect to choose', async () => {
    const added = (await dispatch(runtime.handlers, 'sources:add', { kind: 'workspace', query: SPENT })) as {
      ok: true;
      data: SourceRef;
    };
    expect(added.data).toMatchObject({ kind: 'workspace', name: 'Workspace query', size: null });
    expect(added.data.detail).toMatch(/^SELECT i\.value AS email/);
    const preview = (await dispatch(runtime.handlers, 'sources:preview', { sourceId: added.data.id })) as {
      ok: true;
      data: Preview;
    };
    expect(preview.data.dialectFixed).toBe(true);
    expect(preview.data.header).toEqual(['email', 'spent', 'orders']);
    expect(preview.data.rows).toEqual([
      ['ann@example.com', '42.5', '2'],
      ['bob@example.com', '5', '1'],
    ]);
    expect(preview.data.columns.map((column) => [column.name, column.type])).toEqual([
      ['email', 'text'],
      ['spent', 'number'],
      ['orders', 'number'],
    ]);
  });

  it('imports its rows like a file: customers with a computed attribute, and a run of it reads the data anew', async () => {
    const first = await importAndWait(runtime, {
      workspaceQuery: SPENT,
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: 'spend',
    });
    expect(first.status).toBe('succeeded');
    expect(first.rows).toMatchObject({ read: 2, updated: 2, rejected: 0 });
    const spent = () =>
      rows(
        runtime,
        `SELECT i.value AS email, a.value AS spent FROM customer_attributes a
         JOIN customer_ids i ON i.customer_id = a.customer_id AND i.id_type = 'email_id'
         WHERE a.name = 'spent' ORDER BY i.value`,
      );
    expect(spent()).toEqual([
      { email: 'ann@example.com', spent: '42.5' },
      { email: 'bob@example.com', spent: '5' },
    ]);
    // New purchases, then the saved import again: the query reads the workspace as it is now.
    const more = writeFixture(temp.dir, 'more.csv', 'email,at,price\nbob@example.com,1700000300,20\n');
    await importAndWait(runtime, {
      file: more,
      quick: quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'at' }),
      name: 'purchases',
    });
    const definition = rows<{ id: string }>(runtime, "SELECT id FROM imports WHERE name = 'spend'")[0]!;
    const again = await runtime.runs.settled(runtime.runs.start(definition.id).id);
    expect(again.status).toBe('succeeded');
    expect(spent()).toEqual([
      { email: 'ann@example.com', spent: '42.5' },
      { email: 'bob@example.com', spent: '25' },
    ]);
  });
});
