import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';

/** An email as an export writes it by default: its SHA-256 in hex. */
const sha256 = (email: string) => createHash('sha256').update(email).digest('hex');

// The built `intake export`, as scripts use it: the same summary JSON and exit codes as `intake
// import`, the records in the file it was told to write, usage errors that name what is wrong, and
// a workspace query as its source, refused before it runs unless it is a SELECT.

const temp = makeTempDir();
afterAll(() => temp.remove());
const intake = (...args: string[]) =>
  spawnSync(process.execPath, [INTAKE_BIN, ...args], { encoding: 'utf8' });
const file = (name: string, text: string) => {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
};
const query = (workspace: string, sql: string) => {
  const result = intake('workspace', 'query', sql, '--workspace', workspace, '--json');
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
};

// Row 3 has no customer ID; "visits" holds numbers only, so the quick import types it a number.
const CUSTOMERS =
  'registered,email,first_name,visits\n' +
  'u1,ann@example.com,Ann,3\n' +
  ',,Nobody,1\n' +
  'u2,bob@example.com,"Bob ""B"", Jr.",-2\n';

describe('intake export', () => {
  it('writes the records as NDJSON and prints exactly the import summary shape; nothing is imported', () => {
    const workspace = join(temp.dir, 'ndjson');
    const out = join(temp.dir, 'customers.ndjson');
    const result = intake(
      'export',
      file('customers.csv', CUSTOMERS),
      '--type',
      'customers',
      '--id',
      'email=email_id',
      '--format',
      'ndjson',
      '--out',
      out,
      '--workspace',
      workspace,
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['run', 'status', 'rows', 'rejects', 'error']);
    expect(summary).toEqual({
      run: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'succeeded',
      rows: { read: 3, imported: 2, updated: 0, deduplicated: 0, rejected: 1, skipped: 0 },
      rejects: [{ row: 3, column: 'registered', value: '', reason: 'No valid customer ID' }],
      error: null,
    });
    // One line per record, typed: the ID columns by ID type, then the attributes.
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .slice(0, -1)
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      // The email ID leaves hashed (the PII guardrail's default).
      { registered: 'u1', email_id: sha256('ann@example.com'), first_name: 'Ann', visits: 3 },
      { registered: 'u2', email_id: sha256('bob@example.com'), first_name: 'Bob "B", Jr.', visits: -2 },
    ]);
    expect(readdirSync(temp.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    // A run in the history with its file; no import saved, no customer written.
    expect(query(workspace, 'SELECT id, import_id, destination FROM runs')).toEqual([
      {
        id: summary.run,
        import_id: null,
        destination: JSON.stringify({ kind: 'file', path: out, format: 'ndjson' }),
      },
    ]);
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM imports')).toEqual([{ n: 0 }]);
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM customers')).toEqual([{ n: 0 }]);
  });

  it('reads --format as the export’s format, not the source’s: an XML file exports as CSV', () => {
    const xml = file(
      'customers.xml',
      '<customers>\n' +
        '<customer><registered>u1</registered><first_name>Ann</first_name></customer>\n' +
        '<customer><registered>u2</registered><first_name>Bob</first_name></customer>\n' +
        '</customers>\n',
    );
    const out = join(temp.dir, 'from-xml.csv');
    const result = intake(
      'export',
      xml,
      '--type',
      'customers',
      '--format',
      'csv',
      '--out',
      out,
      '--workspace',
      join(temp.dir, 'xml'),
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'succeeded', rows: { read: 2, imported: 2 } });
    expect(readFileSync(out, 'utf8')).toBe('registered,first_name\r\nu1,Ann\r\nu2,Bob\r\n');
  });

  it('refuses an unknown --format and a missing --out as usage errors, naming what to give', () => {
    const source = file('usage.csv', CUSTOMERS);
    const workspace = join(temp.dir, 'usage');
    const quick = ['--type', 'customers', '--workspace', workspace];
    const out = join(temp.dir, 'usage.xml');

    const badFormat = intake('export', source, ...quick, '--format', 'xml', '--out', out);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(/--format "xml" is not an export format/);
    expect(badFormat.stderr).toMatch(/csv, ndjson/);
    expect(badFormat.stdout).toBe('');
    expect(existsSync(out)).toBe(false);

    const noOut = intake('export', source, ...quick, '--format', 'csv');
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/--out <path>/);
    expect(noOut.stdout).toBe('');
    // Refused before anything ran: no run was recorded (the workspace was not even created).
    expect(existsSync(workspace)).toBe(false);
  });

  // Six `intake` processes one after another: ~15 s alone, past the default 30 s when the suite's two
  // workers and its servers share this machine's two cores.
  it('exports the rows of a workspace query after an import, and refuses a query that is not a SELECT before it runs', () => {
    const workspace = join(temp.dir, 'query');
    const imported = intake(
      'import',
      file('query-customers.csv', CUSTOMERS),
      '--type',
      'customers',
      '--id',
      'email=email_id',
      '--workspace',
      workspace,
      '--json',
    );
    expect(imported.status, imported.stderr).toBe(0);
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM customers')).toEqual([{ n: 2 }]);

    const out = join(temp.dir, 'emails.csv');
    const exported = intake(
      'export',
      '--workspace-query',
      "SELECT value AS email FROM customer_ids WHERE id_type = 'email_id' ORDER BY value",
      '--type',
      'customers',
      '--id',
      'email=email_id',
      '--format',
      'csv',
      '--out',
      out,
      '--workspace',
      workspace,
      '--json',
    );
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      status: 'succeeded',
      rows: { read: 2, imported: 2, updated: 0, deduplicated: 0, rejected: 0, skipped: 0 },
      rejects: [],
      error: null,
    });
    // The emails of CUSTOMERS' rows that had an ID, in the query's order.
    expect(readFileSync(out, 'utf8')).toBe(
      `email_id\r\n${sha256('ann@example.com')}\r\n${sha256('bob@example.com')}\r\n`,
    );

    const runsBefore = query(workspace, 'SELECT COUNT(*) AS n FROM runs');
    const sourcesBefore = query(workspace, 'SELECT COUNT(*) AS n FROM sources');
    const refusedOut = join(temp.dir, 'deleted.csv');
    const refused = intake(
      'export',
      '--workspace-query',
      'DELETE FROM customers',
      '--type',
      'customers',
      '--out',
      refusedOut,
      '--workspace',
      workspace,
      '--json',
    );
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/Only a single SELECT statement/);
    expect(existsSync(refusedOut)).toBe(false);
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM customers')).toEqual([{ n: 2 }]);
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM customer_ids')).toEqual([{ n: 4 }]);
    // Refused before it was kept or queued: no new source, no new run.
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM runs')).toEqual(runsBefore);
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM sources')).toEqual(sourcesBefore);
  }, 60_000);
});
