import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { registerFile } from '../../../src-main/services/sources/register-file';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { editColumn, quick, recipeFor } from './run-helpers';

// Hardening #2: a file mixing CRLF, LF and lone CR line ends, with rows longer and shorter than the
// header, used to import 3 of 5 records, merge one into another's `age`, drop extra fields and
// report 0 rejects. Every line end is now a line end, and a row with the wrong number of fields is
// rejected with its row number — in the mapping step's counts exactly as in the run — unless the
// import says to fit such rows, which the run then says.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const MIXED = 'id,name,age\r\n1,Ann,30\n2,Bob,41\r3,Cid\r\n4,Dee,52,extra\n5,Eve,23\r';
const REASON = 'The row does not have 3 fields like the header';

describe('rows with missing or extra fields', () => {
  it('are rejected with their row numbers; every line end counts, nothing is merged', async () => {
    const file = writeFixture(temp.dir, 'mixed.csv', MIXED);
    const run = await importAndWait(runtime, {
      file,
      quick: quick('customers', { ids: ['id=registered'] }),
      name: 'mixed',
    });
    expect(run.status).toBe('succeeded');
    expect(run.rows).toEqual({ read: 5, imported: 3, updated: 0, deduplicated: 0, rejected: 2, skipped: 0 });
    expect(
      rows(
        runtime,
        'SELECT row_number, column_name, value, reason FROM run_rejects WHERE run_id = ? ORDER BY row_number',
        run.id,
      ),
    ).toEqual([
      { row_number: 4, column_name: null, value: '2 fields', reason: REASON },
      { row_number: 5, column_name: null, value: '4 fields', reason: REASON },
    ]);
    // The three good rows, each with its own age: Bob's row did not swallow Cid's.
    expect(
      rows(
        runtime,
        `SELECT i.value AS id, json_extract(a.value, '$') AS age FROM customer_ids i
         JOIN customer_attributes a ON a.customer_id = i.customer_id AND a.name = 'age'
         WHERE i.id_type = 'registered' ORDER BY i.value`,
      ),
    ).toEqual([
      { id: '1', age: 30 },
      { id: '2', age: 41 },
      { id: '5', age: 23 },
    ]);
  });

  it('are counted the same way by the mapping step, before the run', async () => {
    const file = writeFixture(temp.dir, 'mixed-validate.csv', MIXED);
    const source = await registerFile(runtime.workspace.db, file);
    const preview = await runtime.previews.get(source, {});
    expect(preview.dialect.newline).toBe('mixed');
    expect(preview.issues.find((issue) => issue.code === 'ragged-rows')?.message).toMatch(
      /2 rows do not have 3 fields like the header: row 4 has 2, row 5 has 4\. An import rejects these rows/,
    );
    const dataset = await runtime.staging.settled(runtime.staging.start(source, preview).id);
    expect(dataset.rowCount).toBe(5);
    const recipe = await recipeFor(
      runtime,
      file,
      quick('customers', { ids: ['id=registered'] }),
      (m) => m,
      'v',
    );
    const validate = async (mapping: typeof recipe.mapping) =>
      (
        (await dispatch(runtime.handlers, 'mapping:validate', { datasetId: dataset.id, mapping })) as {
          ok: true;
          data: ValidationSummary;
        }
      ).data;
    const rejecting = await validate(recipe.mapping);
    expect(rejecting).toMatchObject({ importRows: 3, rejectedRows: 2 });
    expect(rejecting.reasons).toEqual([{ reason: REASON, count: 2, rowNumbers: [4, 5] }]);
    // The grid's "problems only" filter shows them.
    const problems = await dispatch(runtime.handlers, 'datasets:rows', {
      datasetId: dataset.id,
      offset: 0,
      limit: 10,
      problemsOnly: true,
    });
    expect(problems).toMatchObject({
      ok: true,
      data: { total: 2, rows: [{ rowNumber: 4 }, { rowNumber: 5 }] },
    });
    const fitting = await validate({
      ...recipe.mapping,
      options: { ...recipe.mapping.options, raggedRows: 'fit' },
    });
    expect(fitting).toMatchObject({ importRows: 5, rejectedRows: 0, reasons: [] });
  });

  it('are fitted when the import says so: missing fields read as blanks, extra ones left out, and the run says how many', async () => {
    const file = writeFixture(temp.dir, 'mixed-fit.csv', MIXED);
    const recipe = await recipeFor(
      runtime,
      file,
      quick('customers', { ids: ['id=registered'] }),
      (mapping) => editColumn({ ...mapping, options: { ...mapping.options, raggedRows: 'fit' } }, 'name', {}),
      'fit',
    );
    const run = await importAndWait(runtime, { file, recipe });
    expect(run.status).toBe('succeeded');
    // Customers 1, 2 and 5 exist from the first test: updated now; 3 and 4 are new.
    expect(run.rows).toMatchObject({ read: 5, imported: 2, updated: 3, rejected: 0 });
    expect(run.warnings).toContain(
      '2 rows did not have 3 fields like the header: missing fields were read as blanks and extra ones left out, as the import says.',
    );
    expect(
      rows(
        runtime,
        `SELECT i.value AS id, a.value AS age FROM customer_ids i
         LEFT JOIN customer_attributes a ON a.customer_id = i.customer_id AND a.name = 'age'
         WHERE i.id_type = 'registered' AND i.value IN ('3', '4') ORDER BY i.value`,
      ),
    ).toEqual([
      { id: '3', age: null },
      { id: '4', age: '52' },
    ]);
  });

  it('an XML record without a column first seen later is not short: its blank is a blank', async () => {
    const file = writeFixture(
      temp.dir,
      'late.xml',
      `<customers>${Array.from({ length: 300 }, (_, i) => `<customer><id>x${i}</id>${i === 299 ? '<vip>yes</vip>' : ''}</customer>`).join('')}</customers>`,
    );
    const run = await importAndWait(runtime, {
      file,
      quick: quick('customers', { ids: ['id=registered'] }),
      name: 'xml',
    });
    expect(run.status).toBe('succeeded');
    expect(run.rows).toMatchObject({ read: 300, rejected: 0 });
  });
});
