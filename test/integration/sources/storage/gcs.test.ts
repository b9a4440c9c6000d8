import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ConnectionSettings } from '../../../../src-shared/model/connection';
import { gcsHarness } from './storage-harness';
import { describeStorage } from './storage-suite';

// Google Cloud Storage against the local fake (test/servers/gcs-fake.mjs) through the endpoint
// override. The shared suite signs every request with a service-account key the fake trusts (a
// wrong key is AUTH); here also: no key at all with an endpoint (no Google auth is tried), a
// bucket the account may not list (PERMISSION) and a secret that is not a key (VALIDATION).

const harness = gcsHarness();

describeStorage(harness, (suite) => {
  const settings = harness.settings() as Extract<ConnectionSettings, { kind: 'gcs' }>;

  it('reads through an endpoint without a key, never asking Google for a token', async () => {
    expect(await suite.test(await suite.connect('No key', settings, null))).toMatchObject({ ok: true });
  });

  it('says PERMISSION for a bucket the account may not list', async () => {
    const bucket = `forbidden-${Date.now()}`;
    mkdirSync(join(process.env.INTAKE_TEST_GCS_ROOT!, bucket));
    writeFileSync(join(process.env.INTAKE_TEST_GCS_ROOT!, bucket, '.forbidden'), '');
    expect(await suite.test(await suite.connect('Forbidden', { ...settings, bucket }))).toMatchObject({
      ok: false,
      code: 'PERMISSION',
      message: expect.stringContaining(bucket),
    });
  });

  it('refuses a secret that is not a service-account key, without quoting it', async () => {
    const outcome = await suite.test(await suite.connect('Not a key', settings, 'hunter2-not-json'));
    expect(outcome).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: expect.stringContaining('not valid JSON'),
    });
    expect(JSON.stringify(outcome)).not.toContain('hunter2-not-json');
  });
});
