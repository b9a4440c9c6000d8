import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { createRuntime, type Runtime } from '../../../src-main/host/runtime';
import { importFile } from '../../../src-main/services/runs/import-file';
import { createKeyringStore } from '../../../src-main/services/secrets/keyring-store';
import type { ConnectionSummary } from '../../../src-shared/model/connection';
import type { Result } from '../../../src-shared/result';
import { makeTempDir } from '../../support/temp-dir';
import { gcsHarness } from '../sources/storage/storage-harness';
import { attributesOf, customerOf, quick } from './run-helpers';

// A storage run reads every file its rule picks into one dataset: a static column with
// {file_name} gives each row the name of the file it came from (against the local GCS fake).

const harness = gcsHarness();

// Skipped when the global setup could not start the GCS fake (test/servers/; it serves the JSON API on 127.0.0.1).
describe.skipIf(!harness.available)('{file_name} in a storage run over several files', () => {
  const temp = makeTempDir();
  const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined, secrets });
    await harness.init();
  });
  afterAll(async () => {
    await runtime.close();
    await harness.dispose();
    temp.remove();
  });

  it('fills each row with its own file name; the run date is the same for all', async () => {
    const folder = await harness.folder('monthly');
    await harness.put(
      folder,
      'jan.csv',
      'registered,name\nj1,Jan 1\nj2,Jan 2\n',
      new Date(Date.UTC(2026, 0, 1)),
    );
    await harness.put(folder, 'empty.csv', 'registered,name\n', new Date(Date.UTC(2026, 0, 2)));
    await harness.put(folder, 'feb.csv', 'registered,name\nf1,Feb 1\n', new Date(Date.UTC(2026, 0, 3)));
    const created = (await dispatch(runtime.handlers, 'connections:create', {
      name: `GCS ${randomUUID().slice(0, 8)}`,
      settings: harness.settings(),
      secret: harness.secret()!,
    })) as Result<ConnectionSummary>;
    if (!created.ok) throw new Error(created.error.message);
    const { run } = await importFile(runtime, {
      source: {
        kind: 'storage',
        connectionId: created.data.id,
        path: folder,
        match: '/\\.csv$/',
        select: 'all',
      },
      quick: quick('customers', {
        ids: ['registered=registered'],
        statics: ['file={file_name}', 'batch={run_date} {file_name}'],
      }),
      name: 'monthly files',
    });
    const done = await runtime.runs.settled(run.id);
    expect(done.status, done.error?.message).toBe('succeeded');
    // The file with no rows sits between the two: rows after it still get their own file's name.
    expect(done.files.map((file) => [file.name, file.rows])).toEqual([
      ['empty.csv', 0],
      ['feb.csv', 1],
      ['jan.csv', 2],
    ]);
    const stored = Object.fromEntries(
      ['j1', 'j2', 'f1'].map((id) => [id, attributesOf(runtime, customerOf(runtime, 'registered', id))]),
    );
    expect([stored.j1!.file, stored.j2!.file, stored.f1!.file]).toEqual(['jan.csv', 'jan.csv', 'feb.csv']);
    const dates = Object.values(stored).map((attributes) => String(attributes.batch).split(' ')[0]);
    expect(new Set(dates).size).toBe(1);
    expect(stored.f1!.batch).toBe(`${dates[0]} feb.csv`);
  });
});
