import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { findSource } from '../../../src-main/services/sources/source-repository';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { initialMapping } from '../../../src-shared/mapping/initial-mapping';
import { setIdType, setRole } from '../../../src-shared/mapping/mapping-edits';
import { makeTestRuntime, requestsOf } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { join } from 'node:path';

// Closing a draft without saving it forgets its paste or upload (the web host's uploads and every
// paste are bytes Intake keeps in the workspace's sources/ folder), never what something still uses.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const call = requestsOf(runtime);

/** A pasted source, staged, and where Intake keeps its bytes. */
async function pasteStaged(text: string) {
  const { id } = await call<{ id: string }>('sources:addPaste', { text });
  const path = findSource(runtime.workspace.db, id)!.path!;
  const dataset = await call<{ id: string }>('datasets:stage', { sourceId: id, overrides: {} });
  await runtime.staging.settled(dataset.id);
  return { sourceId: id, path, datasetId: dataset.id };
}

describe('sources:forget (a draft closed without saving)', () => {
  it("forgets a paste once its draft's dataset is dropped, deleting the bytes Intake kept", async () => {
    const { sourceId, path, datasetId } = await pasteStaged('email\tname\nann@example.com\tAnn\n');
    expect(existsSync(path)).toBe(true);
    // Another draft still reads it: kept.
    expect(await call('sources:forget', { sourceId })).toEqual({ forgotten: false });
    expect(existsSync(path)).toBe(true);

    await call('datasets:drop', { datasetId });
    expect(await call('sources:forget', { sourceId })).toEqual({ forgotten: true });
    expect(existsSync(path)).toBe(false);
    expect(findSource(runtime.workspace.db, sourceId)).toBeNull();
    // Forgetting twice is not an error: the draft may be closed while a request is on its way.
    expect(await call('sources:forget', { sourceId })).toEqual({ forgotten: false });
  });

  it('keeps a paste a saved import reads, and a file the user opened by path', async () => {
    const { sourceId, path, datasetId } = await pasteStaged('email\tname\nbob@example.com\tBob\n');
    const dataset = runtime.staging.get(datasetId);
    const idTypes = await call<{ name: string; kind: 'hard' | 'soft' }[]>('ids:listTypes', {});
    const columns = dataset.columns.map((name) => ({ name, type: 'text' as const }));
    const mapping = setIdType(
      setRole(initialMapping(columns, 'customers', [], idTypes, 'UTC').mapping, 0, 'id', idTypes),
      0,
      'email_id',
    );
    await call('imports:save', {
      name: 'Pasted customers',
      sourceId,
      dialect: {},
      header: dataset.columns,
      mapping,
    });
    await call('datasets:drop', { datasetId });
    expect(await call('sources:forget', { sourceId })).toEqual({ forgotten: false });
    expect(existsSync(path)).toBe(true);

    const own = join(temp.dir, 'mine.csv');
    writeFileSync(own, 'a\n1\n');
    const opened = await registerFile(runtime.workspace.db, own);
    expect(await call('sources:forget', { sourceId: opened.id })).toEqual({ forgotten: false });
    expect(existsSync(own)).toBe(true);
    expect(findSource(runtime.workspace.db, opened.id)).not.toBeNull();
  });
});
