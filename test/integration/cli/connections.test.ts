import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIntake } from '../../support/intake-cli';
import { makeTempDir } from '../../support/temp-dir';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startFeedServer } from '../../servers/feed-server.mjs';

// `intake connections`, `intake import --url --connection` and `intake run` as scripts use them:
// the secret comes from standard input only and never shows again (not in output, not in the
// workspace), usage errors name the flag, a used connection cannot be removed.

const SECRET = 'cli-feed-pa55-4411';
const temp = makeTempDir();
const workspace = join(temp.dir, 'ws');
const ws = ['--workspace', workspace];
let feed: { url: string; requests: { phase: string | null; authorized: boolean }[]; close(): Promise<void> };

beforeAll(async () => {
  feed = await startFeedServer({
    files: { '/customers.csv': 'email,name\nann@example.com,Ann\nbob@example.com,Bob\n' },
    user: 'analyst',
    password: SECRET,
  });
});
afterAll(async () => {
  await feed.close();
  temp.remove();
});

function filesOf(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir).map((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesOf(path) : readFileSync(path);
    }),
  );
}

describe('intake connections', () => {
  it('adds a connection with its secret from standard input, tests it, and lists it without the secret', async () => {
    const added = await runIntake(
      [
        'connections',
        'add',
        'Partner feed',
        '--kind',
        'url',
        '--user',
        'analyst',
        '--url',
        `${feed.url}/private/customers.csv`,
        '--secret-stdin',
        '--json',
        ...ws,
      ],
      `${SECRET}\n`,
    );
    expect(added.status, added.stderr).toBe(0);
    const summary = JSON.parse(added.stdout) as {
      name: string;
      hasSecret: boolean;
      lastTest: { ok: boolean };
    };
    expect(summary).toMatchObject({ name: 'Partner feed', hasSecret: true, lastTest: { ok: true } });

    const listed = await runIntake(['connections', 'list', ...ws]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      /^Partner feed \(url\) http:\/\/127\.0\.0\.1:\d+\/private\/customers\.csv as analyst · OK/,
    );
    for (const output of [added.stdout, added.stderr, listed.stdout, listed.stderr])
      expect(output).not.toContain(SECRET);
  });

  it('imports a feed through the connection, runs the saved import again, and keeps the secret out of the workspace', async () => {
    const imported = await runIntake([
      'import',
      '--url',
      `${feed.url}/private/customers.csv`,
      '--connection',
      'Partner feed',
      '--type',
      'customers',
      '--id',
      'email=email_id',
      '--name',
      'partner customers',
      '--json',
      ...ws,
    ]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      status: 'succeeded',
      rows: { read: 2, imported: 2 },
    });
    expect(JSON.parse(imported.stdout)).not.toHaveProperty('files');

    const before = feed.requests.length;
    const again = await runIntake(['run', 'partner customers', '--json', ...ws]);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'succeeded', rows: { read: 2, updated: 2 } });
    const sent = feed.requests.slice(before);
    expect(sent.map((request) => request.phase)).toContain('download');
    expect(sent.every((request) => request.authorized)).toBe(true);

    const missing = await runIntake(['run', 'no such import', ...ws]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /No saved import is named "no such import" \(there are: "partner customers"\)/,
    );
    expect(filesOf(workspace).includes(SECRET)).toBe(false);
  });

  it('refuses to remove a connection an import uses, naming the import', async () => {
    const refused = await runIntake(['connections', 'remove', 'Partner feed', ...ws]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/"Partner feed" is used by the import: "partner customers"/);
  });

  it('reports a failed test with exit 1 and its code, and keeps the connection to fix', async () => {
    const added = await runIntake(
      [
        'connections',
        'add',
        'Stale',
        '--kind',
        'url',
        '--user',
        'analyst',
        '--url',
        `${feed.url}/private/customers.csv`,
        '--secret-stdin',
        ...ws,
      ],
      'wrong-password\n',
    );
    expect(added.status).toBe(1);
    expect(added.stdout).toMatch(
      /Stale \(url\) .* AUTH: .*refused the credentials of connection "Stale" \(user "analyst"\)/,
    );
    const tested = await runIntake(['connections', 'test', 'Stale', '--json', ...ws]);
    expect(tested.status).toBe(1);
    expect(JSON.parse(tested.stdout)).toMatchObject({ lastTest: { ok: false, code: 'AUTH' } });
    const removed = await runIntake(['connections', 'remove', 'Stale', ...ws]);
    expect(removed.status, removed.stderr).toBe(0);
    expect((await runIntake(['connections', 'list', '--json', ...ws])).stdout).not.toContain('"Stale"');
  });

  it('refuses usage errors before the workspace changes, naming the flag', async () => {
    const foreign = await runIntake([
      'connections',
      'add',
      'X',
      '--kind',
      'url',
      '--host',
      'db.example.com',
      ...ws,
    ]);
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(
      /--host is not a setting of a url connection \(its settings: --user, --url\)/,
    );
    const kind = await runIntake(['connections', 'add', 'X', '--kind', 'ftp', ...ws]);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toMatch(/--kind "ftp" is not a connection kind/);
    const empty = await runIntake(
      [
        'connections',
        'add',
        'X',
        '--kind',
        'postgres',
        '--host',
        'h',
        '--user',
        'u',
        '--database',
        'd',
        '--secret-stdin',
        ...ws,
      ],
      '',
    );
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/standard input held no secret/);
    const noConnection = await runIntake(['import', '--query', 'SELECT 1', '--type', 'customers', ...ws]);
    expect(noConnection.status).toBe(2);
    expect(noConnection.stderr).toMatch(/--query reads through a connection: add --connection NAME/);
    const unknown = await runIntake([
      'import',
      '--url',
      `${feed.url}/customers.csv`,
      '--connection',
      'Nobody',
      '--type',
      'customers',
      ...ws,
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No connection named "Nobody" \(there are: Partner feed\)/);
    const list = await runIntake(['connections', 'list', '--json', ...ws]);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((connection) => connection.name)).toEqual([
      'Partner feed',
    ]);
  });
});
