import { expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import type { ConnectionSettings, ConnectionSummary } from '../../../../src-shared/model/connection';
import type { SourceRef, StorageFileInfo } from '../../../../src-shared/model/source';
import type { Result } from '../../../../src-shared/result';
import { sftpHarness, unreadableSftpFolder } from './storage-harness';
import { describeStorage } from './storage-suite';
import { describeNewFileTrigger } from './trigger-suite';

// SFTP against OpenSSH's sshd (test/servers/sshd.mjs): a password, a key, a key with a
// passphrase, the host key pinned on first use and a changed one refused loudly.

const harness = sftpHarness();
const hostKey = process.env.INTAKE_TEST_SFTP_HOST_KEY ?? '';

describeStorage(harness, (suite) => {
  describeNewFileTrigger(suite);

  const sftp = (change: Partial<Extract<ConnectionSettings, { kind: 'sftp' }>>): ConnectionSettings => ({
    ...(harness.settings() as Extract<ConnectionSettings, { kind: 'sftp' }>),
    ...change,
  });

  it('asks to trust an unknown host key, showing its SHA-256 fingerprint, and connects once it is pinned', async () => {
    const id = await suite.connect('First use', sftp({ hostKeySha256: null }));
    const first = await suite.test(id);
    expect(first).toMatchObject({
      ok: false,
      code: 'HOST_KEY',
      hostKeySha256: hostKey,
      message: expect.stringContaining(`is not known yet: ${hostKey}`),
    });
    const trusted = (await dispatch(suite.runtime().handlers, 'connections:trustHostKey', {
      id,
      sha256: first.hostKeySha256,
    })) as Result<ConnectionSummary>;
    expect(trusted).toMatchObject({
      ok: true,
      data: { settings: { hostKeySha256: hostKey }, lastTest: { ok: true, code: null } },
    });
  });

  it('refuses a host key that differs from the pinned one, loudly, with both fingerprints', async () => {
    const pinned = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
    const outcome = await suite.test(await suite.connect('Changed key', sftp({ hostKeySha256: pinned })));
    expect(outcome).toMatchObject({ ok: false, code: 'HOST_KEY', hostKeySha256: hostKey });
    expect(outcome.message).toContain('HAS CHANGED');
    expect(outcome.message).toContain(pinned);
    expect(outcome.message).toContain(hostKey);
  });

  it('logs in with a private key, and with a key and its passphrase; a wrong passphrase is AUTH', async () => {
    const keyFile = process.env.INTAKE_TEST_SFTP_KEY_FILE!;
    const passphraseKeyFile = process.env.INTAKE_TEST_SFTP_PASSPHRASE_KEY_FILE!;
    const passphrase = process.env.INTAKE_TEST_SFTP_PASSPHRASE!;
    expect(await suite.test(await suite.connect('Key', sftp({ keyFile }), null))).toMatchObject({ ok: true });
    expect(
      await suite.test(
        await suite.connect('Key with passphrase', sftp({ keyFile: passphraseKeyFile }), passphrase),
      ),
    ).toMatchObject({ ok: true });
    const wrong = await suite.test(
      await suite.connect('Wrong passphrase', sftp({ keyFile: passphraseKeyFile }), 'not the passphrase'),
    );
    expect(wrong).toMatchObject({ ok: false, code: 'AUTH', message: expect.stringContaining('passphrase') });
    expect(JSON.stringify(wrong)).not.toContain('not the passphrase');
  });

  it('says PERMISSION for a folder the user may not read', async () => {
    const folder = `${process.env.INTAKE_TEST_SFTP_FOLDER}/locked`;
    unreadableSftpFolder(folder);
    const source = (await dispatch(suite.runtime().handlers, 'sources:add', {
      kind: 'storage',
      connectionId: await suite.connect('Locked'),
      path: folder,
      match: '/\\.csv$/',
      select: 'all',
    })) as Result<SourceRef>;
    if (!source.ok) throw new Error(source.error.message);
    const listed = (await dispatch(suite.runtime().handlers, 'sources:files', {
      sourceId: source.data.id,
    })) as Result<StorageFileInfo[]>;
    expect(listed).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION', message: expect.stringContaining('intakesftp') },
    });
  });
});
