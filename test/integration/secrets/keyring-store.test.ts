import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../../src-shared/errors';
import { createKeyringStore, KEYCHAIN_SERVICE } from '../../../src-main/services/secrets/keyring-store';
import { newSecretRef } from '../../../src-main/services/secrets/secret-store';

// Against a real Secret Service: gnome-keyring on a private bus, started for the run by
// test/servers/keyring-setup.mjs (a vitest globalSetup), which also sets this marker.
const TEST_BUS = process.env.INTAKE_TEST_KEYRING_BUS;

const run = promisify(execFile);
const KEYRING_STORE = new URL('../../../src-main/services/secrets/keyring-store.ts', import.meta.url).href;

/** What secret-tool, another Secret Service client, finds for `service`: item count and accounts. */
async function searchSecretService(service: string): Promise<{ items: number; accounts: string[] }> {
  // Items go to stdout, their attributes to stderr.
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', service]);
  return {
    items: stdout.match(/^\[\//gm)?.length ?? 0,
    accounts: [...stderr.matchAll(/^attribute\.username = (.*)$/gm)].map((match) => match[1]!),
  };
}

/** The secret secret-tool reads back for one item, byte for byte; null when there is none. */
async function lookupSecretService(service: string, ref: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'username', ref], {
      maxBuffer: 1 << 20,
    });
    return stdout;
  } catch {
    return null;
  }
}

// The test server is gnome-keyring, so Linux only (test/servers/keyring-setup.mjs starts nothing elsewhere).
describe.skipIf(process.platform !== 'linux')('the keyring secret store', () => {
  const suffix = `-test-${randomUUID()}`;
  const service = KEYCHAIN_SERVICE + suffix;
  const store = createKeyringStore({ serviceSuffix: suffix });

  beforeAll(() => {
    // Never the developer's own keychain: only the throwaway bus the globalSetup started.
    if (!TEST_BUS || process.env.DBUS_SESSION_BUS_ADDRESS !== TEST_BUS) {
      throw new Error(
        'No test keyring: run these tests through vitest.config.ts, whose globalSetup test/servers/keyring-setup.mjs starts one.',
      );
    }
  });

  it('saves, reads, replaces and deletes a secret in the Secret Service', async () => {
    const ref = newSecretRef();
    await store.set(ref, 'first-Pa55');
    expect(await store.get(ref)).toBe('first-Pa55');
    // Another client sees the item under Intake's service name, with the reference as account.
    expect(await searchSecretService(service)).toEqual({ items: 1, accounts: [ref] });
    expect(await lookupSecretService(service, ref)).toBe('first-Pa55');

    await store.set(ref, 'second-Pa55');
    expect(await store.get(ref)).toBe('second-Pa55');
    expect(await searchSecretService(service)).toEqual({ items: 1, accounts: [ref] });
    expect(await lookupSecretService(service, ref)).toBe('second-Pa55');

    expect(await store.delete(ref)).toBe(true);
    expect(await store.get(ref)).toBeNull();
    expect(await searchSecretService(service)).toEqual({ items: 0, accounts: [] });
    expect(await store.delete(ref)).toBe(false);
  });

  it('answers null for a reference it never saved', async () => {
    const ref = newSecretRef();
    expect(await store.get(ref)).toBeNull();
    expect(await store.delete(ref)).toBe(false);
  });

  it('keeps secrets with unicode, quotes and newlines, and 4 KB of text, exactly', async () => {
    const line = 'Příliš žluťoučký kůň 🦄 日本語 "quoted" \'single\' \\ ; & = @ tab\there\n';
    const secrets = ['pá$$wörd-🔑-日本', line.repeat(Math.ceil(4096 / Buffer.byteLength(line)))];
    expect(Buffer.byteLength(secrets[1]!)).toBeGreaterThanOrEqual(4096);
    for (const secret of secrets) {
      const ref = newSecretRef();
      await store.set(ref, secret);
      expect(await store.get(ref)).toBe(secret);
      expect(await lookupSecretService(service, ref)).toBe(secret);
      expect(await store.delete(ref)).toBe(true);
    }
  });

  it('keeps secrets apart by reference', async () => {
    const [a, b] = [newSecretRef(), newSecretRef()];
    await store.set(a, 'secret-of-a');
    await store.set(b, 'secret-of-b');
    expect([await store.get(a), await store.get(b)]).toEqual(['secret-of-a', 'secret-of-b']);
    expect((await searchSecretService(service)).accounts.sort()).toEqual([a, b].sort());
    await store.delete(a);
    expect([await store.get(a), await store.get(b)]).toEqual([null, 'secret-of-b']);
    await store.delete(b);
  });

  it('refuses a reference that is not a secret reference, without quoting it', async () => {
    const error = await store.set('hunter2-typed-as-ref', 'x1234').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('fails with a coded IO error, without the secret, when no Secret Service answers', async () => {
    // keyring-rs keeps its D-Bus connection (or its failure) for the life of the process, so the
    // unreachable bus needs a process of its own.
    const secret = `unreachable-${randomUUID()}`;
    const script = `
      import { createKeyringStore } from ${JSON.stringify(KEYRING_STORE)};
      try {
        await createKeyringStore({ serviceSuffix: '-test-unreachable' }).set('secret:unreachable', process.env.SECRET);
        console.log(JSON.stringify({ resolved: true }));
      } catch (error) {
        console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message, details: error.details }));
      }`;
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      {
        env: {
          ...process.env,
          SECRET: secret,
          DBUS_SESSION_BUS_ADDRESS: `unix:path=/tmp/intake-no-bus-${randomUUID()}/bus`,
        },
      },
    );
    const outcome = JSON.parse(stdout) as { code?: string; message?: string; details?: unknown };
    expect(outcome).toMatchObject({
      name: 'IntakeError',
      code: 'IO',
      message: expect.stringMatching(/OS keychain is unavailable.*Secret Service.*gnome-keyring/),
      details: { operation: 'save', reason: expect.stringMatching(/Failed to connect to socket/) },
    });
    expect(stdout + stderr).not.toContain(secret);
  });
});
