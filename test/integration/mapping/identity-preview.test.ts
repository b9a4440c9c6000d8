import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { addIdType } from '../../../src-main/services/attributes/id-type-repository';
import { registerFile } from '../../../src-main/services/sources/register-file';
import type { IdentityPreview } from '../../../src-shared/model/identity-preview';
import type { ImportMapping, ImportRecipe } from '../../../src-shared/model/mapping';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { countsOf, quick, recipeFor, rejectsOf } from '../runs/run-helpers';

// The identity preview (issue 16): before a customers or events import, how many customers its rows
// resolve to, which rows merge into one customer through a shared ID, and which conflict — worked
// out over every staged row in a worker against the workspace's IDs, by the rules the import itself
// applies. The strongest check is the last: the forecast of a shuffled file equals what importing
// it then does, customer for customer.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

async function request<T>(name: string, payload: unknown): Promise<T> {
  const result = await dispatch(runtime.handlers, name, payload);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data as T;
}

/** Stages a file and forecasts the recipe's mapping over it. */
async function forecast(file: string, recipe: ImportRecipe): Promise<IdentityPreview> {
  const source = await registerFile(runtime.workspace.db, file);
  const preview = await runtime.previews.get(source, recipe.dialect);
  const dataset = await runtime.staging.settled(runtime.staging.start(source, preview).id);
  expect(dataset.status).toBe('ready');
  return request<IdentityPreview>('mapping:previewIdentities', {
    datasetId: dataset.id,
    mapping: recipe.mapping,
  });
}

const customersFlags = (ids: string[]) => quick('customers', { ids });
const same = (mapping: ImportMapping) => mapping;

describe('identity preview', () => {
  it('counts the customers of a file, the rows merged through a shared ID, and a conflict of two hard IDs', async () => {
    addIdType(runtime.workspace.db, { name: 'loyalty', kind: 'hard' });
    // Already in the workspace: customer A (registered A1, loyalty L1) and customer B (loyalty L2).
    const before = writeFixture(temp.dir, 'before.csv', 'registered,loyalty\nA1,L1\n,L2\n');
    countsOf(
      await importAndWait(runtime, {
        file: before,
        quick: customersFlags(['registered=registered', 'loyalty=loyalty']),
      }),
    );
    const file = writeFixture(
      temp.dir,
      'merges.csv',
      [
        'registered,cookie,email,loyalty',
        'C1,K9,,', // row 2: a new customer
        'C2,,,', // row 3: another
        ',K9,e@x.com,', // row 4: K9 is row 2's customer: joins it, bringing the email
        ',,e@x.com,', // row 5: the same customer again, nothing new
        'A1,K7,,', // row 6: the workspace's customer A, given a cookie
        'A1,,,L2', // row 7: A1 is A's, L2 is B's: a conflict
        ',K7,,L1', // row 8: K7 is now A's, L1 too: A again, nothing new
      ].join('\n') + '\n',
    );
    const recipe = await recipeFor(
      runtime,
      file,
      customersFlags(['registered=registered', 'cookie=cookie', 'email=email_id', 'loyalty=loyalty']),
      same,
      'merges',
    );
    const preview = await forecast(file, recipe);
    expect(preview).toMatchObject({
      rows: 7,
      customers: 3,
      existingCustomers: 1,
      newCustomers: 2,
      movedIds: 0,
      conflicts: {
        count: 1,
        examples: [
          {
            rowNumber: 7,
            column: 'loyalty',
            value: 'L2',
            reason: 'Customer IDs conflict: registered "A1" and loyalty "L2" belong to different customers',
          },
        ],
      },
    });
    expect(preview.merges.count).toBe(1);
    expect(preview.merges.largest).toEqual([
      {
        existing: false,
        rowCount: 3,
        rows: [
          {
            rowNumber: 2,
            ids: [
              { idType: 'registered', value: 'C1' },
              { idType: 'cookie', value: 'K9' },
            ],
          },
          {
            rowNumber: 4,
            ids: [
              { idType: 'cookie', value: 'K9' },
              { idType: 'email_id', value: 'e@x.com' },
            ],
          },
          { rowNumber: 5, ids: [{ idType: 'email_id', value: 'e@x.com' }] },
        ],
      },
    ]);
    // The preview wrote nothing: the workspace still has its two customers.
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM customers')).toEqual([{ n: 2 }]);
  });

  it('leaves out the rows the mapping rejects and the rows a dedupe step removes', async () => {
    const file = writeFixture(
      temp.dir,
      'rejects.csv',
      'registered,email\nR1,r1@x.com\n,\nR2,r2@x.com\nR1,r1@x.com\n',
    );
    const recipe = await recipeFor(
      runtime,
      file,
      customersFlags(['registered=registered', 'email=email_id']),
      (mapping) => ({
        ...mapping,
        cleanup: [{ kind: 'dedupe', columns: ['email'], keep: 'first' }],
      }),
      'rejects',
    );
    const preview = await forecast(file, recipe);
    // Row 3 has no ID (rejected), row 5 repeats row 2's email (removed): rows 2 and 4 remain.
    expect(preview).toMatchObject({ rows: 2, customers: 2, newCustomers: 2, merges: { count: 0 } });
  });

  it('reads IDs a fill-down step fills, in the pass and in the rows listed for a merge', async () => {
    // A report's layout: the registered ID written once per customer, a cookie per visit. Row 4
    // repeats row 3's cookie and is removed by dedupe, but still passes C1 down to row 5.
    const file = writeFixture(temp.dir, 'grouped.csv', 'registered,cookie\nC1,G1\n,G2\n,G2\n,G3\nC2,G4\n');
    const recipe = await recipeFor(
      runtime,
      file,
      customersFlags(['registered=registered', 'cookie=cookie']),
      (mapping) => ({
        ...mapping,
        cleanup: [
          { kind: 'fill-down', column: 'registered' },
          { kind: 'dedupe', columns: ['cookie'], keep: 'first' },
        ],
      }),
      'grouped',
    );
    const preview = await forecast(file, recipe);
    expect(preview).toMatchObject({ rows: 4, customers: 2, newCustomers: 2, merges: { count: 1 } });
    expect(preview.merges.largest[0]!.rows).toEqual(
      [2, 3, 5].map((rowNumber, i) => ({
        rowNumber,
        ids: [
          { idType: 'registered', value: 'C1' },
          { idType: 'cookie', value: ['G1', 'G2', 'G3'][i] },
        ],
      })),
    );
  });

  it('refuses an import type without customers, with a coded error naming the setting', async () => {
    const file = writeFixture(temp.dir, 'vouchers.csv', 'code\nV1\n');
    const recipe = await recipeFor(runtime, file, quick('vouchers', { pool: 'spring' }), same, 'vouchers');
    await expect(forecast(file, recipe)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('customers and events imports'),
    });
  });

  it('forecasts exactly what importing a shuffled events file then does: customers, new ones, conflicts', async () => {
    addIdType(runtime.workspace.db, { name: 'member', kind: 'hard' });
    // A seeded shuffle: IDs drawn from small pools so rows meet through cookies and emails, move
    // cookies between customers and now and then bring two members' hard IDs together.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const maybe = (prefix: string, pool: number, chance: number) =>
      random(100) < chance ? `${prefix}${random(pool)}` : '';
    const ids: string[][] = [];
    for (let i = 0; i < 3000; i++) {
      const line: string[] = [
        maybe('r', 400, 50),
        maybe('m', 300, 15),
        maybe('k', 900, 70),
        maybe('e', 500, 40),
      ];
      if (line.join('') === '') line[2] = `k${random(900)}`;
      ids.push(line);
    }
    // Every row its own time, so no event of the file is a duplicate of another (each is stored).
    const csv = (lines: string[][], firstTime: number) =>
      [
        'registered,member,cookie,email,ts',
        ...lines.map((line, i) => [...line, firstTime + i].join(',')),
      ].join('\n') + '\n';
    const file = writeFixture(temp.dir, 'shuffled.csv', csv(ids, 1_700_000_000));
    // Half of the IDs are already in the workspace from an earlier import.
    const earlier = writeFixture(temp.dir, 'earlier.csv', csv(ids.slice(0, 1500), 1_600_000_000));
    const flags = quick('events', {
      ids: ['registered=registered', 'member=member', 'cookie=cookie', 'email=email_id'],
      timestamp: 'ts',
      eventType: 'visit',
    });
    countsOf(await importAndWait(runtime, { file: earlier, quick: flags }));
    const highestBefore = rows<{ id: number }>(runtime, 'SELECT MAX(id) AS id FROM customers')[0]!.id;

    const recipe = await recipeFor(runtime, file, flags, same, 'shuffled');
    const preview = await forecast(file, recipe);
    const run = await importAndWait(runtime, { file, recipe });
    const counts = countsOf(run);

    const conflicts = rejectsOf(runtime, run).filter((reject) =>
      reject.reason.startsWith('Customer IDs conflict'),
    );
    expect(counts.read).toBe(3000);
    expect(preview.rows).toBe(3000);
    expect(preview.conflicts.count).toBe(conflicts.length);
    expect(preview.conflicts.count).toBeGreaterThan(0);
    const touched = rows<{ id: number }>(
      runtime,
      `SELECT DISTINCT customer_id AS id FROM events
       WHERE event_type = 'visit' AND run_number IN (SELECT number FROM event_runs WHERE run_id = ?)`,
      run.id,
    );
    expect(preview.customers).toBe(touched.length);
    const created = rows<{ n: number }>(
      runtime,
      'SELECT COUNT(*) AS n FROM customers WHERE id > ?',
      highestBefore,
    );
    expect(preview.newCustomers).toBe(created[0]!.n);
    expect(preview.existingCustomers).toBe(touched.filter((row) => row.id <= highestBefore).length);
    expect(preview.merges.count).toBeGreaterThan(0);
    expect(preview.movedIds).toBeGreaterThan(0);
  });
});
