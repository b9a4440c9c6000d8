import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';

// The built `intake import` and `intake workspace query`, as scripts use them: exit codes, the JSON
// summary's exact shape, quick flags, definition files, and refusals that name what was wrong.

const temp = makeTempDir();
afterAll(() => temp.remove());
const SAMPLES = join(process.cwd(), 'test', 'fixtures', 'seed-samples');
const intake = (...args: string[]) =>
  spawnSync(process.execPath, [INTAKE_BIN, ...args], { encoding: 'utf8' });
const file = (name: string, bytes: Buffer | string) => {
  const path = join(temp.dir, name);
  writeFileSync(path, bytes);
  return path;
};
const query = (workspace: string, sql: string) => {
  const result = intake('workspace', 'query', sql, '--workspace', workspace, '--json');
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
};

describe('intake import', () => {
  it('waits for another process that holds the write lock instead of failing as busy', async () => {
    const workspace = join(temp.dir, 'locked');
    const sample = join(SAMPLES, 'purchase-items.csv');
    const quick = ['--type', 'events', '--event-type', 'purchase_item', '--id', 'customer_email=email_id'];
    expect(
      intake('import', sample, ...quick, '--timestamp', 'purchased_at', '--workspace', workspace).status,
    ).toBe(0);
    // Another process's run, as SQLite sees it: a connection holding the write lock.
    const other = new BetterSqlite3(join(workspace, 'workspace.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    const child = spawn(
      process.execPath,
      [
        INTAKE_BIN,
        'import',
        sample,
        ...quick,
        '--timestamp',
        'purchased_at',
        '--workspace',
        workspace,
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Longer than the app's 250 ms, well inside the command line's wait.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const stillWaiting = child.exitCode === null;
    other.exec('COMMIT');
    other.close();
    const status = await exited;
    expect(stillWaiting, stderr).toBe(true);
    expect(status, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'succeeded', rows: { read: 8, deduplicated: 8 } });
  });

  it('imports the purchase sample as events and prints exactly the summary shape; a second run deduplicates all', () => {
    const workspace = join(temp.dir, 'events');
    const args = [
      'import',
      join(SAMPLES, 'purchase-items.csv'),
      '--type',
      'events',
      '--event-type',
      'purchase_item',
      '--id',
      'customer_email=email_id',
      '--timestamp',
      'purchased_at',
      '--static',
      'source=Import_cli',
      '--workspace',
      workspace,
      '--json',
    ];
    const first = intake(...args);
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(Object.keys(summary)).toEqual(['run', 'status', 'rows', 'rejects', 'error']);
    expect(summary).toMatchObject({
      status: 'succeeded',
      rows: { read: 8, imported: 8, updated: 0, deduplicated: 0, rejected: 0, skipped: 0 },
      rejects: [],
      error: null,
    });
    expect(first.stderr).toMatch(/processing:/);

    const second = JSON.parse(intake(...args).stdout);
    expect(second.rows).toEqual({
      read: 8,
      imported: 0,
      updated: 0,
      deduplicated: 8,
      rejected: 0,
      skipped: 0,
    });
    expect(second.run).not.toBe(summary.run);

    expect(query(workspace, "SELECT id FROM events WHERE event_type = 'purchase_item'")).toHaveLength(8);
    // The event_attributes view reads an event's attributes by name (events store an array).
    const stored = query(
      workspace,
      `SELECT a.name, a.value FROM event_attributes a
       WHERE a.event_id = (SELECT MIN(id) FROM events WHERE event_type = 'purchase_item') AND a.name IN ('source', 'title')
       ORDER BY a.name`,
    );
    expect(stored).toEqual([
      { name: 'source', value: 'Import_cli' },
      { name: 'title', value: 'Colorful bracelet' },
    ]);
    // One import per name: both runs are in its history.
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM imports')[0]!.n).toBe(1);
    expect(query(workspace, "SELECT COUNT(*) AS n FROM runs WHERE status = 'succeeded'")[0]!.n).toBe(2);
  });

  it('reports rejects with row, column, value and reason, and lowercases IDs when asked', () => {
    const workspace = join(temp.dir, 'customers');
    const path = file(
      'customers-cp1250.csv',
      iconv.encode(
        'registered;jméno;město\n  Jana@Example.com ;Jana;Brno\n;Petr;Praha\nTomas@Example.cz;Tomáš;Ústí\n',
        'cp1250',
      ),
    );
    const result = intake(
      'import',
      path,
      '--type',
      'customers',
      '--id',
      'registered=registered',
      '--lowercase-ids',
      '--workspace',
      workspace,
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.rows).toEqual({
      read: 3,
      imported: 2,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(summary.rejects).toEqual([
      { row: 3, column: 'registered', value: '', reason: 'No valid customer ID' },
    ]);
    const ids = query(
      workspace,
      "SELECT value FROM customer_ids WHERE id_type = 'registered' ORDER BY value",
    );
    expect(ids.map((row) => row.value)).toEqual(['jana@example.com', 'tomas@example.cz']);
    const city = query(
      workspace,
      "SELECT value FROM customer_attributes WHERE name = 'město' ORDER BY value",
    );
    expect(city.map((row) => JSON.parse(row.value as string))).toEqual(['Brno', 'Ústí']);
  });

  it('runs a definition file exported by the app, and names a column the file lacks', () => {
    const workspace = join(temp.dir, 'definition');
    const definition = {
      kind: 'intake.import',
      version: 1,
      name: 'Customers nightly',
      dialect: { delimiter: ';' },
      header: ['registered', 'first_name', 'last_name', 'email', 'birthday'],
      mapping: {
        importType: 'customers',
        options: {
          timeZone: 'Europe/Prague',
          decimalSeparator: '.',
          dateOrder: 'DMY',
          convertMilliseconds: false,
          eventType: '',
          catalogName: '',
          catalogKind: 'general',
          poolName: '',
          retentionDays: null,
        },
        columns: ['registered', 'first_name', 'last_name', 'email', 'birthday'].map((name) => ({
          source: name,
          include: name !== 'registered',
          target: name,
          type: name === 'birthday' ? 'date' : 'text',
          role: name === 'registered' ? 'id' : null,
          idType: name === 'registered' ? 'registered' : null,
          trim: name === 'registered',
          lowercase: false,
          timeZone: null,
          searchable: false,
        })),
        statics: [],
      },
    };
    const definitionPath = file('customers.import.json', JSON.stringify(definition));
    const ok = intake(
      'import',
      join(SAMPLES, 'customers.csv'),
      '--definition',
      definitionPath,
      '--workspace',
      workspace,
      '--json',
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).rows.imported).toBe(5);
    expect(query(workspace, 'SELECT name FROM imports')[0]!.name).toBe('Customers nightly');
    const birthday = query(
      workspace,
      "SELECT a.value FROM customer_attributes a JOIN customer_ids i USING (customer_id) WHERE i.value = 'jana.novakova@example.com' AND a.name = 'birthday'",
    );
    expect(JSON.parse(birthday[0]!.value as string)).toBe('1996-09-28');

    const renamed = file('renamed.csv', 'user;first_name\njana@example.com;Jana\n');
    const failed = intake(
      'import',
      renamed,
      '--definition',
      definitionPath,
      '--workspace',
      workspace,
      '--json',
    );
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/no column "registered"/);
  });

  it('refuses usage errors, naming the flag', () => {
    const path = join(SAMPLES, 'customers.csv');
    const workspace = join(temp.dir, 'usage');
    const noMode = intake('import', path, '--workspace', workspace);
    expect(noMode.status).toBe(2);
    expect(noMode.stderr).toMatch(/--definition .* or --type/);
    const badType = intake('import', path, '--type', 'people', '--workspace', workspace);
    expect(badType.status).toBe(2);
    expect(badType.stderr).toMatch(/--type "people" is not an import type/);
    const badColumn = intake(
      'import',
      path,
      '--type',
      'customers',
      '--id',
      'mail=registered',
      '--workspace',
      workspace,
    );
    expect(badColumn.status).toBe(1);
    expect(badColumn.stderr).toMatch(/no column "mail"/);
    const badIdType = intake(
      'import',
      path,
      '--type',
      'customers',
      '--id',
      'email=phone',
      '--workspace',
      workspace,
    );
    expect(badIdType.stderr).toMatch(/"phone" is not an ID type of this workspace/);
    const unmet = intake(
      'import',
      join(SAMPLES, 'purchase-items.csv'),
      '--type',
      'events',
      '--id',
      'customer_email=email_id',
      '--workspace',
      workspace,
    );
    expect(unmet.status).toBe(1);
    expect(unmet.stderr).toMatch(/cannot run/);
  });
});

describe('intake workspace query', () => {
  it('answers SELECTs and refuses anything else', () => {
    const workspace = join(temp.dir, 'events');
    const text = intake('workspace', 'query', 'SELECT COUNT(*) AS n FROM events', '--workspace', workspace);
    expect(text.status).toBe(0);
    expect(text.stdout).toBe('n\n8\n');
    for (const sql of [
      'DELETE FROM events',
      'DROP TABLE events',
      'SELECT 1; DELETE FROM events',
      "ATTACH 'x.db' AS x",
    ]) {
      const refused = intake('workspace', 'query', sql, '--workspace', workspace);
      expect(refused.status, sql).not.toBe(0);
      expect(refused.stderr, sql).toMatch(/SELECT/);
    }
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM events')[0]!.n).toBe(8);
  });
});
