import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { importFile } from '../../../src-main/services/runs/import-file';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { cleanedView } from '../../../src-shared/cleanup/cleaned-view';
import type { FillCarry, StepPreview } from '../../../src-shared/model/cleanup';
import type { RowsPage } from '../../../src-shared/model/dataset';
import type { ImportMapping, ImportRecipe } from '../../../src-shared/model/mapping';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { rows } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { col, idCol, mappingOf } from '../mapping/fixtures';

// Fill down through the real contract and worker pool: the live validation counts, the grid's
// pages (sorted, from the middle of the file) with their carry-ins, the step's preview, and a saved
// import whose runs apply it — the first run and "Run again" over a changed file.

const GROUP = 5;
/** A report: the customer and city written on a group's first row only; no group starts in 500–540. */
function report(rowCount: number, prefix: string): { text: string; customer: string[]; city: string[] } {
  const customer: string[] = [];
  const city: string[] = [];
  const lines = ['customer,city,item'];
  let current = -1;
  for (let i = 0; i < rowCount; i++) {
    const starts = i % GROUP === 0 && !(i > 500 && i < 540);
    if (starts) current = i;
    customer.push(`${prefix}${current}`);
    city.push(current % 2 === 0 ? 'Praha' : 'Brno');
    lines.push(`${starts ? `${prefix}${i}` : ''},${starts ? city[i] : ''},i${String(i).padStart(5, '0')}`);
  }
  return { text: `${lines.join('\n')}\n`, customer, city };
}

const mappingWith = (cleanup: ImportMapping['cleanup']): ImportMapping => ({
  ...mappingOf('customers', [idCol('customer', 'registered'), col('city'), col('item')]),
  cleanup,
});
const fills = mappingWith([
  { kind: 'fill-down', column: 'customer' },
  { kind: 'fill-down', column: 'city' },
]);

describe('fill down in the app and in runs', () => {
  const runtime = makeTestRuntime();
  const file = report(1200, 'c');
  let datasetId: string;

  async function request<T>(name: string, payload: unknown): Promise<T> {
    const result = await dispatch(runtime.handlers, name, payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data as T;
  }

  beforeAll(async () => {
    const path = join(runtime.workspace.dir, 'report.csv');
    writeFileSync(path, file.text);
    const source = await registerFile(runtime.workspace.db, path);
    const dataset = await runtime.staging.settled(runtime.staging.start(source, await previewFile(path)).id);
    expect(dataset.status).toBe('ready');
    datasetId = dataset.id;
  });
  afterAll(() => runtime.dispose());

  it('turns the rows without a customer from rejected to importing in the live counts', async () => {
    const blanks = file.text.split('\n').filter((line) => line.startsWith(',')).length;
    const before = await request<ValidationSummary>('mapping:validate', {
      datasetId,
      mapping: mappingWith([]),
    });
    expect(before).toMatchObject({ rowCount: 1200, rejectedRows: blanks, importRows: 1200 - blanks });
    const preview = await request<StepPreview>('mapping:previewStep', {
      datasetId,
      mapping: mappingWith([]),
      step: { kind: 'fill-down', column: 'customer' },
    });
    expect(preview).toMatchObject({ changedCells: blanks, changedRows: blanks });
    expect(preview.examples[0]).toEqual({ rowNumber: 3, column: 'customer', before: '', after: 'c0' });
    const after = await request<ValidationSummary>('mapping:validate', { datasetId, mapping: fills });
    expect(after).toMatchObject({ rejectedRows: 0, importRows: 1200 });
    expect(after.columns[0]).toMatchObject({ empty: 0, invalid: 0 });
  });

  it('shows each row of a sorted page from the middle of the file with its own filled values', async () => {
    const page = await request<RowsPage>('datasets:rows', {
      datasetId,
      offset: 640,
      limit: 100,
      sort: { column: 2, direction: 'desc' },
    });
    // Item descending: row indexes 559 down to 460, across the stretch with no group start.
    expect(page.rows.map((row) => row.rowNumber - 2)).toEqual(Array.from({ length: 100 }, (_, k) => 559 - k));
    const carries = await request<(FillCarry | null)[]>('mapping:fillCarries', {
      datasetId,
      mapping: fills,
      rowNumbers: page.rows.map((row) => row.rowNumber),
    });
    const view = cleanedView(fills);
    for (const [k, row] of page.rows.entries()) {
      const cleaned = view({ ...row, fill: carries[k]! }).cleaned;
      expect([cleaned[0], cleaned[1]]).toEqual([
        file.customer[row.rowNumber - 2],
        file.city[row.rowNumber - 2],
      ]);
    }
    // Row 541 (index 539) is 39 rows below row 502, where its customer was written.
    expect(file.customer[539]).toBe('c500');
    // Without a fill-down step there is nothing to carry, and no dataset is read.
    await expect(
      request('mapping:fillCarries', { datasetId, mapping: mappingWith([]), rowNumbers: [2, 3] }),
    ).resolves.toEqual([[], []]);
  });

  it('sorts and filters by the filled values the grid shows when given the mapping, by the file’s without', async () => {
    const byCity = (mapping?: ImportMapping, filter?: string) =>
      request<RowsPage>('datasets:rows', {
        datasetId,
        offset: 0,
        limit: 2000,
        sort: { column: 1, direction: 'asc' },
        ...(filter ? { filter } : {}),
        ...(mapping ? { mapping } : {}),
      });
    // Brno's rows before Praha's, each group in file order (the sort is stable).
    const expected = (city: string) => file.city.flatMap((each, index) => (each === city ? [index + 2] : []));
    const filled = await byCity(fills);
    expect(filled.rows.map((row) => row.rowNumber)).toEqual([...expected('Brno'), ...expected('Praha')]);
    // The file's cells: the blanks of every group's later rows sort first.
    const raw = await byCity();
    const blanks = file.text.split('\n').filter((line) => /^[^,]*,,/.test(line)).length;
    expect(raw.rows.slice(0, blanks).every((row) => row.cells[1] === '')).toBe(true);
    expect(raw.rows[blanks]!.cells[1]).toBe('Brno');
    // After a column's own steps too: Brno mapped to Zlín now sorts after Praha.
    const renamed = await byCity(
      mappingWith([
        ...fills.cleanup!,
        { kind: 'map-values', column: 'city', pairs: [['Brno', 'Zlín']], caseSensitive: false },
      ]),
    );
    expect(renamed.rows.map((row) => row.rowNumber)).toEqual([...expected('Praha'), ...expected('Brno')]);
    // A filter finds a filled value on every row that shows it, not only where the file has it.
    const praha = await byCity(fills, 'praha');
    expect(praha.total).toBe(expected('Praha').length);
    expect((await byCity(undefined, 'praha')).total).toBeLessThan(praha.total / 2);
  });

  it('tells the grid which rows of a page a dedupe step removes, as the live counts do', async () => {
    // After the fills, one row per customer is kept: each group's first.
    const deduped = mappingWith([
      { kind: 'fill-down', column: 'customer' },
      { kind: 'fill-down', column: 'city' },
      { kind: 'dedupe', columns: ['customer'], keep: 'first' },
    ]);
    const summary = await request<ValidationSummary>('mapping:validate', { datasetId, mapping: deduped });
    const groups = new Set(file.customer).size;
    expect(summary.duplicateRows).toBe(1200 - groups);
    // Rows 2–8 (indexes 0–6): groups start at indexes 0 and 5; row 99999 is not in the file.
    const rowNumbers = [2, 3, 4, 5, 6, 7, 8, 99_999];
    const removed = await request<boolean[]>('mapping:removedRows', {
      datasetId,
      mapping: deduped,
      rowNumbers,
    });
    expect(removed).toEqual([false, true, true, true, true, false, true, false]);
    // Inside the stretch with no group start (indexes 501–539) every row repeats customer c500.
    const stretch = Array.from({ length: 10 }, (_, k) => 510 + k);
    await expect(
      request('mapping:removedRows', { datasetId, mapping: deduped, rowNumbers: stretch }),
    ).resolves.toEqual(stretch.map(() => true));
    // Without a dedupe step nothing is removed, and nothing is read.
    await expect(request('mapping:removedRows', { datasetId, mapping: fills, rowNumbers })).resolves.toEqual(
      rowNumbers.map(() => false),
    );
  });

  it('applies the step in a saved import’s runs, and again when the file changed', async () => {
    const path = join(runtime.workspace.dir, 'report-run.csv');
    writeFileSync(path, file.text);
    const recipe: ImportRecipe = {
      kind: 'intake.import',
      version: 2,
      name: 'grouped report',
      dialect: {},
      header: ['customer', 'city', 'item'],
      mapping: fills,
    };
    const { definition, run } = await importFile(runtime, { file: path, recipe });
    const first = await runtime.runs.settled(run.id);
    const groups = new Set(file.customer).size;
    expect(first.status).toBe('succeeded');
    expect(first.rows).toMatchObject({ read: 1200, imported: groups, updated: 1200 - groups, rejected: 0 });
    expect(citiesOf('c')).toEqual(expectedCities(file));

    // Next month's report: other customers, the same shape. "Run again" replays the steps.
    const changed = report(700, 'd');
    writeFileSync(path, changed.text);
    const again = await runtime.runs.settled(runtime.runs.start(definition.id).id);
    expect(again.status).toBe('succeeded');
    expect(again.rows).toMatchObject({ read: 700, rejected: 0 });
    expect(citiesOf('d')).toEqual(expectedCities(changed));
  });

  /** Each stored customer's city, by the registered ID starting with `prefix`. */
  function citiesOf(prefix: string): Record<string, string> {
    const stored = rows<{ id: string; city: string }>(
      runtime,
      `SELECT i.value AS id, a.value AS city FROM customer_ids i
         JOIN customer_attributes a ON a.customer_id = i.customer_id AND a.name = 'city'
        WHERE i.id_type = 'registered' AND i.value LIKE ?`,
      `${prefix}%`,
    );
    return Object.fromEntries(stored.map(({ id, city }) => [id, JSON.parse(city) as string]));
  }

  function expectedCities(written: { customer: string[]; city: string[] }): Record<string, string> {
    return Object.fromEntries(written.customer.map((id, i) => [id, written.city[i]!]));
  }
});
