import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { importFile } from '../../../src-main/services/runs/import-file';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { receiveUpload } from '../../../src-main/services/sources/upload-source';
import { runValuesAt } from '../../../src-shared/mapping/static-placeholders';
import type { ImportDefinition } from '../../../src-shared/model/import-definition';
import type { Run } from '../../../src-shared/model/run';
import type { Result } from '../../../src-shared/result';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { attributesOf, customerOf, quick } from './run-helpers';

// A saved import's static columns with {file_name} and {run_date}, filled by each run, and a saved
// import of one file run again over another file (a path in the desktop app, an upload in a
// browser): the import's mapping and statics apply to the new file, the import keeps its own.

const temp = makeTempDir();
afterAll(() => temp.remove());

let runtime: ReturnType<typeof makeTestRuntime>;
beforeEach(() => (runtime = makeTestRuntime()));
afterEach(() => runtime.dispose());

const STATICS = ['file={file_name}', 'batch=Import_{run_date}', 'braces={{file_name}}'];

function customersCsv(name: string, ids: string[], header = 'registered,name'): string {
  return writeFixture(temp.dir, name, `${header}\n${ids.map((id) => `${id},Name ${id}`).join('\n')}\n`);
}

/** The run's date as the run filled it: the day before or after the call (a run at midnight). */
async function withDates<T>(act: () => Promise<T>): Promise<{ result: T; dates: string[] }> {
  const before = runValuesAt(new Date(), '').run_date;
  const result = await act();
  return { result, dates: [before, runValuesAt(new Date(), '').run_date] };
}

async function startRun(importId: string, sourceId: string): Promise<Run> {
  const started = (await dispatch(runtime.handlers, 'runs:start', { importId, sourceId })) as Result<Run>;
  if (!started.ok) throw new Error(`runs:start failed: ${started.error.message}`);
  return runtime.runs.settled(started.data.id);
}

const attributes = (id: string) => attributesOf(runtime, customerOf(runtime, 'registered', id));

describe('static column placeholders in a run', () => {
  it("fills {file_name} and {run_date} with the run's file and day; {{…}} stays text", async () => {
    const file = customersCsv('customers_oct.csv', ['c1', 'c2']);
    const { result: run, dates } = await withDates(() =>
      importAndWait(runtime, {
        file,
        quick: quick('customers', { ids: ['registered=registered'], statics: STATICS }),
      }),
    );
    expect(run.status, run.error?.message).toBe('succeeded');
    for (const id of ['c1', 'c2']) {
      const stored = attributes(id);
      expect(stored).toMatchObject({ file: 'customers_oct.csv', braces: '{file_name}' });
      expect(dates.map((date) => `Import_${date}`)).toContain(stored.batch);
    }
  });

  it('refuses to save a static column that names an unknown placeholder, naming the column', async () => {
    const file = customersCsv('unknown.csv', ['c1']);
    const planned = importFile(runtime, {
      file,
      quick: quick('customers', { ids: ['registered=registered'], statics: ['batch=Import_{today}'] }),
    });
    await expect(planned).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('Static column "batch": {today} is not a placeholder'),
    });
  });

  it('fails a run of an import saved before placeholders whose value holds {name}, before reading the file', async () => {
    const file = customersCsv('older.csv', ['c1']);
    const { definition, run } = await importFile(runtime, {
      file,
      quick: quick('customers', { ids: ['registered=registered'], statics: ['batch=Import_x'] }),
    });
    await runtime.runs.settled(run.id);
    // As an older Intake saved it: braces were plain text then.
    const mapping = {
      ...definition.mapping,
      statics: [{ name: 'batch', value: 'Import_{today}', type: 'text' }],
    };
    runtime.workspace.db
      .prepare('UPDATE imports SET mapping = ? WHERE id = ?')
      .run(JSON.stringify(mapping), definition.id);
    const started = (await dispatch(runtime.handlers, 'runs:start', {
      importId: definition.id,
    })) as Result<Run>;
    if (!started.ok) throw new Error(started.error.message);
    const failed = await runtime.runs.settled(started.data.id);
    expect(failed).toMatchObject({
      status: 'failed',
      rowsTotal: null,
      bytesRead: 0,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(
          /^Static column "batch": \{today\} is not a placeholder; .* or write \{\{today\}\} for the text itself \(file "older\.csv"\)\.$/,
        ),
        details: { column: 'batch', setting: 'statics', file: 'older.csv' },
      },
    });
  });
});

describe('Run again with another file', () => {
  async function savedImport(): Promise<ImportDefinition> {
    const file = customersCsv('customers_oct.csv', ['c1', 'c2']);
    const { definition, run } = await importFile(runtime, {
      file,
      name: 'monthly customers',
      quick: quick('customers', { ids: ['registered=registered'], statics: STATICS }),
    });
    expect((await runtime.runs.settled(run.id)).status).toBe('succeeded');
    return definition;
  }

  it("reads a file from disk with the import's mapping; the import keeps its own file", async () => {
    const definition = await savedImport();
    const other = await registerFile(runtime.workspace.db, customersCsv('customers_nov.csv', ['c3', 'c4']));
    const run = await startRun(definition.id, other.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      sourceName: 'customers_nov.csv',
      importId: definition.id,
    });
    expect(run.rows).toMatchObject({ read: 2, imported: 2, rejected: 0 });
    expect(attributes('c3')).toMatchObject({ file: 'customers_nov.csv', name: 'Name c3' });
    // The first run's rows keep their file's name.
    expect(attributes('c1')).toMatchObject({ file: 'customers_oct.csv' });
    const overview = rows<{ source_id: string }>(
      runtime,
      'SELECT source_id FROM imports WHERE id = ?',
      definition.id,
    );
    expect(overview[0]!.source_id).toBe(definition.source!.id);
    // The file registered for this one run is forgotten once it ended (after its dataset is
    // dropped, just after it settles); the file on disk is not touched.
    await vi.waitFor(() =>
      expect(rows(runtime, 'SELECT id FROM sources WHERE id = ?', other.id)).toEqual([]),
    );
    expect(existsSync(other.path!)).toBe(true);
  });

  it("imports an upload (a browser's bytes) and deletes the uploaded copy when the run ends", async () => {
    const definition = await savedImport();
    const upload = await receiveUpload(
      runtime.workspace.db,
      runtime.workspace.dir,
      'customers_dec.csv',
      null,
      Readable.from([Buffer.from('registered,name\nc5,Name c5\n')]),
    );
    expect(existsSync(upload.path!)).toBe(true);
    const run = await startRun(definition.id, upload.id);
    expect(run).toMatchObject({ status: 'succeeded', sourceName: 'customers_dec.csv' });
    expect(attributes('c5')).toMatchObject({ file: 'customers_dec.csv' });
    await vi.waitFor(() => expect(existsSync(upload.path!)).toBe(false));
    expect(rows(runtime, 'SELECT id FROM sources WHERE id = ?', upload.id)).toEqual([]);
  });

  it('fails, naming the missing columns, when the new file lacks columns the import maps', async () => {
    const definition = await savedImport();
    const other = await registerFile(
      runtime.workspace.db,
      customersCsv('renamed.csv', ['c6'], 'customer,name'),
    );
    const run = await startRun(definition.id, other.id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'VALIDATION',
      message: 'The file has no column "registered", which the import maps. Its columns are: customer, name.',
      details: { missing: ['registered'] },
    });
    expect(customerOf(runtime, 'registered', 'c6')).toBeUndefined();
  });

  it('is refused for an import that does not read a file, and for a source that is not a file', async () => {
    const definition = await savedImport();
    const query = (await dispatch(runtime.handlers, 'sources:add', {
      kind: 'workspace',
      query: 'SELECT 1 AS registered',
    })) as Result<{ id: string }>;
    if (!query.ok) throw new Error(query.error.message);
    expect(
      await dispatch(runtime.handlers, 'runs:start', { importId: definition.id, sourceId: query.data.id }),
    ).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          '"Workspace query" is not a file (it is a workspace source): choose a file to run "monthly customers" with.',
        details: { setting: 'source', sourceId: query.data.id },
      },
    });
    const { definition: fromQuery } = await importFile(runtime, {
      workspaceQuery: "SELECT 'q1' AS registered",
      name: 'from a query',
      quick: quick('customers', { ids: ['registered=registered'] }),
    });
    const other = await registerFile(runtime.workspace.db, customersCsv('any.csv', ['c7']));
    const refused = (await dispatch(runtime.handlers, 'runs:start', {
      importId: fromQuery.id,
      sourceId: other.id,
    })) as Result<Run>;
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          '"from a query" reads a workspace source, not a file: only an import of a file can run with another file.',
      },
    });
  });
});
