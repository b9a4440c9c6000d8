import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { initialMapping } from '../../../src-shared/mapping/initial-mapping';
import * as edits from '../../../src-shared/mapping/mapping-edits';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import type { ImportDefinition, RecipeOffer } from '../../../src-shared/model/import-definition';
import type { RowsPage } from '../../../src-shared/model/dataset';
import type { IdType } from '../../../src-shared/model/id-type';
import { makeTestRuntime } from '../../support/runtime';

// The mapping step's host side through the real contract: validation in the worker pool over a
// staged file, incremental re-checks, the problems-only rows, saving and recipe offers.

describe('validating a mapping over a staged dataset', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  let datasetId: string;
  let header: string[];
  let base: ImportMapping;
  let idTypes: IdType[];

  async function request<T>(name: string, payload: unknown): Promise<T> {
    const result = await dispatch(runtime.handlers, name, payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data as T;
  }

  beforeAll(async () => {
    runtime = makeTestRuntime();
    // 2,000 purchases; a few rows are broken on purpose, at known row numbers (header is row 1).
    const lines = ['registered;timestamp;purchase_id;total_price;title'];
    for (let i = 1; i <= 2000; i++) {
      let email = `customer${i}@example.org`;
      let timestamp = String(1474886373 + i * 60);
      let price = (i % 97) + 0.5 + '';
      if (i === 10) email = '';
      if (i === 20) timestamp = '2016-13-45 10:00';
      if (i === 30) price = 'twelve';
      if (i === 40) email = `${'x'.repeat(250)}@example.org`; // 262 bytes: over the 256-byte ID limit
      lines.push(`${email};${timestamp};${100000 + i};${price};Item ${i}`);
    }
    const path = join(runtime.workspace.dir, 'purchases.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const source = await registerFile(runtime.workspace.db, path);
    const preview = await previewFile(path);
    const dataset = await runtime.staging.settled(runtime.staging.start(source, preview).id);
    expect(dataset.status).toBe('ready');
    datasetId = dataset.id;
    header = dataset.columns;
    idTypes = await request<IdType[]>('ids:listTypes', {});
    const columns = header.map((name, i) => ({ name, type: preview.columns[i]!.type }));
    base = initialMapping(columns, 'events', [], idTypes, 'UTC').mapping;
    base = edits.setOptions(base, { eventType: 'purchase' });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('tags the ID and timestamp columns from their headers and counts every rejected row with its reason', async () => {
    expect(base.columns[0]).toMatchObject({ role: 'id', idType: 'registered', include: false });
    expect(base.columns[1]).toMatchObject({ role: 'timestamp', type: 'datetime' });
    expect(base.columns[3]!.type).toBe('number');
    const summary = await request<ValidationSummary>('mapping:validate', { datasetId, mapping: base });
    expect(summary.rowCount).toBe(2000);
    expect(summary.rejectedRows).toBe(4);
    expect(summary.importRows).toBe(1996);
    expect(summary.reasons).toEqual([
      { reason: 'No valid customer ID', count: 2, rowNumbers: [11, 41] },
      { reason: 'Unparsable timestamp in "timestamp"', count: 1, rowNumbers: [21] },
      { reason: 'Malformed number in "total_price"', count: 1, rowNumbers: [31] },
    ]);
    expect(summary.columns[3]).toMatchObject({ invalid: 1, examples: [{ rowNumber: 31, value: 'twelve' }] });
    expect(summary.columns[0]).toMatchObject({ empty: 1, tooLong: 1 });
    expect(summary.columns[4]!.profile).toMatchObject({ rows: 2000, filled: 2000, distinct: 2000 });
    expect(summary.columns[3]!.profile.histogram?.bins.reduce((a, b) => a + b, 0)).toBe(1999);
    expect(summary.checkedColumns).toBe(5);
  });

  it('re-checks only the column an edit changed', async () => {
    await request('mapping:validate', { datasetId, mapping: base });
    const asText = edits.setType(base, 3, 'text');
    const summary = await request<ValidationSummary>('mapping:validate', { datasetId, mapping: asText });
    expect(summary).toMatchObject({ checkedColumns: 1, reusedColumns: 4, rejectedRows: 3 });
    expect(summary.reasons.map((r) => r.reason)).not.toContain('Malformed number in "total_price"');
  });

  it('pages the rows with problems only, in file order', async () => {
    await request('mapping:validate', { datasetId, mapping: base });
    const page = await request<RowsPage>('datasets:rows', {
      datasetId,
      offset: 0,
      limit: 10,
      problemsOnly: true,
    });
    expect(page.total).toBe(4);
    expect(page.rows.map((row) => row.rowNumber)).toEqual([11, 21, 31, 41]);
    expect(page.rows[2]!.cells[3]).toBe('twelve');
  });

  it("keeps the newest mapping's problem rows when an older validation finishes later", async () => {
    await request('mapping:validate', { datasetId, mapping: base });
    // The older request needs a worker pass (a new type); the newer one is answered from kept results.
    const older = edits.setType(base, 4, 'number');
    const [olderSummary, newerSummary] = await Promise.all([
      request<ValidationSummary>('mapping:validate', { datasetId, mapping: older }),
      request<ValidationSummary>('mapping:validate', { datasetId, mapping: base }),
    ]);
    expect(olderSummary.problemRows).toBe(2000);
    expect(newerSummary.problemRows).toBe(4);
    const page = await request<RowsPage>('datasets:rows', {
      datasetId,
      offset: 0,
      limit: 10,
      problemsOnly: true,
    });
    expect(page.total).toBe(4);
  });

  it('refuses to save while a requirement is unmet, naming it, and saves once met', async () => {
    const noTimestamp = edits.setRole(base, 1, null, idTypes);
    const refused = await dispatch(runtime.handlers, 'imports:save', {
      name: 'Purchases',
      sourceId: null,
      dialect: {},
      header,
      mapping: noTimestamp,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!refused.ok && refused.error.message).toContain('Tag a timestamp column');
    const saved = await request<ImportDefinition>('imports:save', {
      name: 'Purchases',
      sourceId: null,
      dialect: { delimiter: ';' },
      header,
      mapping: base,
    });
    expect(saved).toMatchObject({ name: 'Purchases', importType: 'events', header });
    expect((await request<ImportDefinition>('imports:get', { importId: saved.id })).mapping).toEqual(base);
    const offers = await request<RecipeOffer[]>('imports:recipeOffers', {
      header: header.map((name) => ` ${name.toUpperCase()} `),
    });
    expect(offers.map((offer) => offer.importId)).toEqual([saved.id]);
    expect(await request<RecipeOffer[]>('imports:recipeOffers', { header: [...header, 'extra'] })).toEqual(
      [],
    );
  });

  it('refuses a validation whose mapping does not fit the dataset', async () => {
    const result = await dispatch(runtime.handlers, 'mapping:validate', {
      datasetId,
      mapping: { ...base, columns: base.columns.slice(1) },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toBe('The mapping has 4 columns but the dataset has 5.');
  });

  it('adds an ID type and refuses a malformed or duplicate one', async () => {
    const added = await request<IdType[]>('ids:addType', { name: 'loyalty_id', kind: 'soft' });
    expect(added.map((t) => t.name)).toEqual(['registered', 'cookie', 'email_id', 'loyalty_id']);
    const bad = await dispatch(runtime.handlers, 'ids:addType', {
      name: 'Loyalty ID',
      kind: 'soft',
    });
    expect(!bad.ok && bad.error.message).toContain('"Loyalty ID" is not a valid name');
    const twice = await dispatch(runtime.handlers, 'ids:addType', {
      name: 'cookie',
      kind: 'hard',
    });
    expect(!twice.ok && twice.error.message).toBe('ID type "cookie" already exists (soft).');
  });
});
