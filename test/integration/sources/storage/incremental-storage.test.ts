import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import { createRuntime } from '../../../../src-main/host/runtime';
import { listIdTypes } from '../../../../src-main/services/attributes/id-type-repository';
import { importFile } from '../../../../src-main/services/runs/import-file';
import { quickMapping } from '../../../../src-main/services/runs/quick-mapping';
import { createKeyringStore } from '../../../../src-main/services/secrets/keyring-store';
import { missingTimeFieldReason } from '../../../../src-shared/mapping/incremental';
import type { ConnectionSummary } from '../../../../src-shared/model/connection';
import type { Preview } from '../../../../src-shared/model/preview';
import type { SourceRef } from '../../../../src-shared/model/source';
import type { Result } from '../../../../src-shared/result';
import { rows } from '../../../support/import-run';
import { makeTempDir } from '../../../support/temp-dir';
import { countsOf, editOptions, quick, rejectsOf } from '../../runs/run-helpers';
import { sftpHarness } from './storage-harness';

// Incremental sync over files in storage (SFTP): the files are read whole, and the run skips the
// rows whose time field is not after the cursor — counted as skipped, not rejected.

const harness = sftpHarness();

// Skipped when the global setup could not start sshd (it needs root to add the test users).
describe.skipIf(!harness.available)('incremental sync from files in storage', () => {
  const temp = makeTempDir();
  const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
  const runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined, secrets });
  let connectionId = '';
  let folder = '';

  async function call<T>(name: string, payload: unknown): Promise<T> {
    const result = (await dispatch(runtime.handlers, name, payload, runtime.log)) as Result<T>;
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  beforeAll(async () => {
    await harness.init();
    folder = await harness.folder('incremental');
    connectionId = (
      await call<ConnectionSummary>('connections:create', {
        name: 'Exports',
        settings: harness.settings(),
        secret: harness.secret(),
      })
    ).id;
  });
  afterAll(async () => {
    await runtime.close();
    await harness.dispose();
    temp.remove();
  });

  it('skips the rows of every file not after the cursor, and imports the newer ones', async () => {
    await harness.put(
      folder,
      'orders-1.csv',
      'email,changed_at,tier\na@x.cz,2026-02-01T08:00:00Z,gold\nb@x.cz,2026-02-01T09:00:00Z,silver\n',
    );
    const spec = { path: folder, match: '/orders-[0-9]+\\.csv/', select: 'all' as const };
    const source = await call<SourceRef>('sources:add', { kind: 'storage', connectionId, ...spec });
    const preview = await call<Preview>('sources:preview', { sourceId: source.id });
    const mapping = quickMapping(
      preview.columns,
      quick('customers', { ids: ['email=email_id'], roles: ['changed_at=update_timestamp'] }),
      { idTypes: listIdTypes(runtime.workspace.db), attributes: [] },
    );
    const { definition, run } = await importFile(runtime, {
      source: { kind: 'storage', connectionId, ...spec },
      recipe: {
        kind: 'intake.import',
        version: 1,
        name: 'Customers since',
        dialect: {},
        header: preview.header,
        mapping: editOptions(mapping, { incremental: true }),
      },
    });
    const first = await runtime.runs.settled(run.id);
    expect(countsOf(first)).toMatchObject({ read: 2, imported: 2, skipped: 0 });

    // A later export repeats an old row, and brings a newer one and one without a time.
    await harness.put(
      folder,
      'orders-2.csv',
      'email,changed_at,tier\nb@x.cz,2026-02-01T09:00:00Z,silver\nc@x.cz,2026-02-01T10:00:00Z,bronze\nd@x.cz,,gold\n',
    );
    const second = await runtime.runs.settled(runtime.runs.start(definition.id).id);
    // Both files are read (the rule is 'all'): their three rows not after 09:00 are skipped.
    expect(countsOf(second)).toEqual({
      read: 5,
      imported: 1,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 3,
    });
    expect(rejectsOf(runtime, second)).toMatchObject([
      { column_name: 'changed_at', reason: missingTimeFieldReason('changed_at') },
    ]);
    expect(
      rows<{ value: string }>(runtime, 'SELECT value FROM import_cursors WHERE import_id = ?', definition.id),
    ).toEqual([{ value: JSON.stringify('2026-02-01T10:00:00.000000Z') }]);
  });
});
