import {
  generateBlobSASQueryParameters,
  ContainerSASPermissions,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { expect, it } from 'vitest';
import type { ConnectionSettings } from '../../../../src-shared/model/connection';
import { azureHarness } from './storage-harness';
import { describeStorage } from './storage-suite';

// Azure Blob against Azurite (test/servers/azurite.mjs): an account key (the shared suite), a
// connection string, and SAS tokens — one that may read and list, one that may only read
// (PERMISSION on listing) and one whose signature is wrong (AUTH).

const harness = azureHarness();

describeStorage(harness, (suite) => {
  const settings = harness.settings() as Extract<ConnectionSettings, { kind: 'azure' }>;
  const sas = (permissions: string, key = process.env.INTAKE_TEST_AZURE_KEY!) =>
    generateBlobSASQueryParameters(
      {
        containerName: settings.container,
        permissions: ContainerSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + 3_600_000),
      },
      new StorageSharedKeyCredential(settings.account, key),
    ).toString();

  it('connects with a connection string', async () => {
    const id = await suite.connect(
      'Connection string',
      { ...settings, auth: 'connectionString', account: '', endpoint: '' },
      process.env.INTAKE_TEST_AZURE_CONNECTION_STRING!,
    );
    expect(await suite.test(id)).toMatchObject({ ok: true });
  });

  it('connects with a SAS token; a SAS without list permission is PERMISSION, a forged one AUTH', async () => {
    expect(
      await suite.test(await suite.connect('SAS', { ...settings, auth: 'sas' }, sas('rl'))),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await suite.test(await suite.connect('SAS read only', { ...settings, auth: 'sas' }, sas('r'))),
    ).toMatchObject({
      ok: false,
      code: 'PERMISSION',
    });
    const forged = sas('rl', Buffer.alloc(64, 7).toString('base64'));
    const outcome = await suite.test(await suite.connect('SAS forged', { ...settings, auth: 'sas' }, forged));
    expect(outcome).toMatchObject({ ok: false, code: 'AUTH' });
    expect(JSON.stringify(outcome)).not.toContain(forged);
  });
});
