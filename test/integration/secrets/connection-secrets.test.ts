import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { createRuntime } from '../../../src-main/host/runtime';
import { toAppError } from '../../../src-main/services/errors/to-app-error';
import { createKeyringStore } from '../../../src-main/services/secrets/keyring-store';
import { makeTempDir } from '../../support/temp-dir';

// A connection's secret goes in once and never comes out: not in the workspace's files, not in
// the log, not in any answer of its lifecycle. Against the real Secret Service of the test run.

/** Every file under a folder, as bytes (SQLite files and their WALs, the log). */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

// Skipped off Linux: the test keychain is gnome-keyring, which test/servers/keyring-setup.mjs starts on Linux only.
describe.skipIf(process.platform !== 'linux')('a connection secret', () => {
  const temp = makeTempDir();
  const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
  const runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined, secrets });
  afterAll(async () => {
    await runtime.close();
    temp.remove();
  });

  it('is stored in the keychain only and appears in no file, log line or answer of its lifecycle', async () => {
    const first = `Pw-${randomUUID()}`;
    const second = `Pw2-${randomUUID()}`;
    const answers: unknown[] = [];
    const call = async (name: string, payload: unknown) => {
      const result = await dispatch(runtime.handlers, name, payload, runtime.log);
      answers.push(result);
      return result as { ok: boolean; data?: { id: string; hasSecret: boolean }; error?: { code: string } };
    };
    const created = await call('connections:create', {
      name: 'Warehouse',
      settings: { kind: 'postgres', host: 'db.example.com', user: 'analyst', database: 'sales' },
      secret: first,
    });
    expect(created).toMatchObject({ ok: true, data: { hasSecret: true } });
    const id = created.data!.id;
    expect(await call('connections:list', {})).toMatchObject({ ok: true, data: [{ id, name: 'Warehouse' }] });
    expect(await call('connections:get', { id })).toMatchObject({
      ok: true,
      data: { settings: { host: 'db.example.com', port: 5432, user: 'analyst' } },
    });
    // A second connection of the same name is refused; the first keeps its secret.
    expect(
      await call('connections:create', {
        name: 'warehouse',
        settings: { kind: 'url', user: 'x' },
        secret: second,
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('connections:update', { id, name: 'Sales warehouse' })).toMatchObject({ ok: true });
    expect(
      await call('connections:update', {
        id,
        settings: { kind: 'mysql', host: 'h', user: 'u', database: 'd' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('connections:replaceSecret', { id, secret: second })).toMatchObject({ ok: true });
    // A driver's error that quotes the connection string comes out redacted.
    answers.push(toAppError(new Error(`connect failed: postgres://analyst:${second}@db.example.com/sales`)));
    runtime.log.warn('test connection failed', { url: `postgres://analyst:${second}@db.example.com` });

    // The keychain has the current secret under the connection's reference.
    const ref = runtime.workspace.db
      .prepare('SELECT secret_ref FROM connections WHERE id = ?')
      .pluck()
      .get(id) as string;
    expect(ref).toMatch(/^secret:/);
    expect(await secrets.get(ref)).toBe(second);

    expect(await call('connections:delete', { id })).toMatchObject({ ok: true, data: { deleted: true } });
    expect(await secrets.get(ref)).toBeNull();
    expect(await call('connections:list', {})).toMatchObject({ ok: true, data: [] });

    runtime.workspace.db.pragma('wal_checkpoint(PASSIVE)');
    const text = JSON.stringify(answers);
    for (const secret of [first, second]) {
      expect(text).not.toContain(secret);
      for (const file of filesUnder(temp.dir)) {
        expect([file.path, file.bytes.includes(secret)]).toEqual([file.path, false]);
      }
    }
    // What the log kept says what failed, without the password.
    const log = readFileSync(join(temp.dir, 'logs', 'intake.log'), 'utf8');
    expect(log).toContain('postgres://analyst:***@db.example.com');
  });
});
