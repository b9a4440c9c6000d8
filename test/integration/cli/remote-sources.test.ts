import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIntake } from '../../support/intake-cli';
import { makeTempDir } from '../../support/temp-dir';

// The command line over the real servers the vitest setup started: a PostgreSQL connection's
// tables and a query imported with --connection --query; an SFTP folder listed with --match and
// imported with --path --select, its JSON summary naming each file's rows, and 'not imported yet'
// reading only a file added since (with `sources list --import` marking what was read).

const env = process.env;
const temp = makeTempDir();
const ws = ['--workspace', join(temp.dir, 'ws')];
afterAll(() => temp.remove());

const json = <T>(stdout: string): T => JSON.parse(stdout) as T;

// Skipped when the global setup could not start PostgreSQL (its apt package missing).
describe.skipIf(!env.INTAKE_TEST_PG_PORT)('intake with a PostgreSQL connection', () => {
  it('lists the tables and imports a query through the connection', async () => {
    const added = await runIntake(
      [
        'connections',
        'add',
        'Shop DB',
        '--kind',
        'postgres',
        '--host',
        env.INTAKE_TEST_PG_HOST!,
        '--port',
        env.INTAKE_TEST_PG_PORT!,
        '--user',
        env.INTAKE_TEST_PG_USER!,
        '--database',
        env.INTAKE_TEST_PG_DATABASE!,
        '--secret-stdin',
        ...ws,
      ],
      `${env.INTAKE_TEST_PG_PASSWORD}\n`,
    );
    expect(added.status, added.stderr).toBe(0);

    const tables = await runIntake(['sources', 'tables', '--connection', 'Shop DB', '--json', ...ws]);
    expect(tables.status, tables.stderr).toBe(0);
    const typed = json<{ schema: string; name: string; columns: { name: string; type: string | null }[] }[]>(
      tables.stdout,
    ).find((table) => table.schema === 'public' && table.name === 'typed');
    expect(typed?.columns.find((column) => column.name === 'id')).toMatchObject({ type: 'number' });
    const text = await runIntake(['sources', 'tables', '--connection', 'Shop DB', ...ws]);
    expect(text.stdout).toMatch(/^sales\.orders\n {4}id {2}bigint/m);

    const imported = await runIntake([
      'import',
      '--connection',
      'Shop DB',
      '--query',
      'SELECT id, label FROM typed WHERE id <= 5 ORDER BY id;',
      '--type',
      'customers',
      '--id',
      'id=registered',
      '--name',
      'typed labels',
      '--json',
      ...ws,
    ]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(json(imported.stdout)).toMatchObject({
      status: 'succeeded',
      rows: { read: 5, imported: 5, rejected: 0 },
    });

    const refused = await runIntake([
      'import',
      '--connection',
      'Shop DB',
      '--query',
      'WITH gone AS (DELETE FROM writable RETURNING *) SELECT * FROM gone',
      '--type',
      'customers',
      ...ws,
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /A database query may only read, as one SELECT: it has DELETE at character 15/,
    );
  });
});

// Skipped when the global setup could not start sshd (it needs root to add the test users).
describe.skipIf(!env.INTAKE_TEST_SFTP_PORT)('intake with an SFTP connection', () => {
  const folder = `${env.INTAKE_TEST_SFTP_FOLDER}/cli`;
  const area = join(env.INTAKE_TEST_SFTP_AREA ?? '', 'cli');
  const put = (name: string, rows: number, minutesAgo: number) => {
    const lines = Array.from({ length: rows }, (_, i) => `${name}-${i}@example.com,${i}`);
    writeFileSync(join(area, name), `email,n\n${lines.join('\n')}\n`);
    const at = new Date(Date.now() - minutesAgo * 60_000);
    utimesSync(join(area, name), at, at);
  };

  it('lists matching files, imports them with per-file rows, then only the new one', async () => {
    mkdirSync(area, { recursive: true });
    put('export_1.csv', 3, 30);
    put('export_2.csv', 2, 20);
    put('readme.txt', 1, 10);
    const added = await runIntake(
      [
        'connections',
        'add',
        'Partner SFTP',
        '--kind',
        'sftp',
        '--host',
        '127.0.0.1',
        '--port',
        env.INTAKE_TEST_SFTP_PORT!,
        '--user',
        env.INTAKE_TEST_SFTP_USER!,
        '--secret-stdin',
        '--trust-host-key',
        '--json',
        ...ws,
      ],
      `${env.INTAKE_TEST_SFTP_PASSWORD}\n`,
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stderr).toContain(`Trusting the host key ${env.INTAKE_TEST_SFTP_HOST_KEY}`);
    expect(json(added.stdout)).toMatchObject({
      settings: { hostKeySha256: env.INTAKE_TEST_SFTP_HOST_KEY },
      lastTest: { ok: true },
    });
    expect(added.stdout).not.toContain(env.INTAKE_TEST_SFTP_PASSWORD!);

    const match = ['--connection', 'Partner SFTP', '--path', folder, '--match', '/^export_[0-9]+\\.csv$/'];
    const listed = await runIntake(['sources', 'list', ...match, '--json', ...ws]);
    expect(listed.status, listed.stderr).toBe(0);
    expect(
      json<{ name: string; imported: boolean }[]>(listed.stdout).map((file) => [file.name, file.imported]),
    ).toEqual([
      ['export_1.csv', false],
      ['export_2.csv', false],
    ]);

    const quick = ['--type', 'customers', '--id', 'email=email_id', '--name', 'partner files', '--json'];
    const first = await runIntake(['import', ...match, '--select', 'not-imported-yet', ...quick, ...ws]);
    expect(first.status, first.stderr).toBe(0);
    expect(json(first.stdout)).toMatchObject({
      status: 'succeeded',
      rows: { read: 5, imported: 5 },
      files: [
        { name: 'export_1.csv', rows: 3 },
        { name: 'export_2.csv', rows: 2 },
      ],
    });

    put('export_3.csv', 4, 1);
    const marked = await runIntake([
      'sources',
      'list',
      ...match,
      '--import',
      'partner files',
      '--json',
      ...ws,
    ]);
    expect(
      json<{ name: string; imported: boolean }[]>(marked.stdout).map((file) => [file.name, file.imported]),
    ).toEqual([
      ['export_1.csv', true],
      ['export_2.csv', true],
      ['export_3.csv', false],
    ]);
    const second = await runIntake(['run', 'partner files', '--json', ...ws]);
    expect(second.status, second.stderr).toBe(0);
    expect(json(second.stdout)).toMatchObject({
      status: 'succeeded',
      rows: { read: 4, imported: 4 },
      files: [{ name: 'export_3.csv', rows: 4 }],
    });
    const text = await runIntake(['run', 'partner files', ...ws]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/read 0 ·/);
  });

  it('refuses a pattern that is not a regular expression, naming the reason', async () => {
    const bad = await runIntake([
      'sources',
      'list',
      '--connection',
      'Partner SFTP',
      '--path',
      folder,
      '--match',
      '/export_[0-9+\\.csv/',
      ...ws,
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/The pattern \/export_\[0-9\+\\\.csv\/ is not a valid regular expression/);
  });
});
