import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { IntakeError } from '../../../src-shared/errors';
import { checkSelectText, runReadOnlyQuery, type QueryRows } from '../../services/workspace/read-only-query';
import { DATABASE_FILE } from '../../services/workspace/workspace';
import { resolveWorkspaceDir } from '../../services/workspace/workspace-path';
import { CliError } from '../cli-error';

/** Rows printed by a query before it says "truncated". */
const MAX_ROWS = 10_000;

/** How long a query may run before it is stopped (an endless recursive CTE runs forever). */
const DEFAULT_TIMEOUT_S = 60;

/**
 * `intake workspace query "<SELECT …>" [--workspace DIR] [--timeout SECONDS] [--json]`: a read-only
 * query on the workspace database, so an analyst (or a test) can check what landed. Anything but
 * one SELECT is refused before it runs; the database is opened read-only as well. A query still
 * running after the time limit (60 s by default) is stopped.
 */
export async function workspaceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      // Internal: the query process started by the one that keeps time (see queryWithTimeLimit).
      'rows-json': { type: 'boolean', default: false },
    },
  });
  const [sub, sql, ...extra] = positionals;
  if (sub !== 'query' || sql === undefined || extra.length > 0)
    throw new CliError(
      'Usage: intake workspace query "<SELECT …>" [--workspace DIR] [--timeout SECONDS] [--json]',
    );
  const timeout = values.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout < 0)
    throw new CliError(`--timeout must be a number of seconds (0: no limit), got "${values.timeout}".`);
  checkSelectText(sql);
  const workspaceDir = resolveWorkspaceDir(values.workspace);
  if (values['rows-json']) {
    const rows = runReadOnlyQuery(join(workspaceDir, DATABASE_FILE), sql, { maxRows: MAX_ROWS });
    process.stdout.write(JSON.stringify(rows, plainJson));
    return 0;
  }
  const result =
    timeout === 0
      ? runReadOnlyQuery(join(workspaceDir, DATABASE_FILE), sql, { maxRows: MAX_ROWS })
      : await queryWithTimeLimit(workspaceDir, sql, timeout);
  if (values.json) {
    const rows = result.rows.map((row) =>
      Object.fromEntries(result.columns.map((name, i) => [name, row[i]])),
    );
    process.stdout.write(`${JSON.stringify(rows, plainJson)}\n`);
  } else {
    process.stdout.write(
      `${[result.columns, ...result.rows].map((row) => row.map(cellText).join('\t')).join('\n')}\n`,
    );
  }
  if (result.truncated)
    process.stderr.write(`intake workspace query: only the first ${MAX_ROWS} rows were printed.\n`);
  return 0;
}

/**
 * Runs the query in a process of its own and kills it at the time limit. SQLite has no other way
 * to stop a statement that never yields a row (better-sqlite3 exposes no progress handler or
 * interrupt), and a worker thread cannot be stopped while it is inside SQLite's C code.
 */
function queryWithTimeLimit(workspaceDir: string, sql: string, timeoutSeconds: number): Promise<QueryRows> {
  const child = spawn(
    process.execPath,
    [intakeBin(), 'workspace', 'query', sql, '--workspace', workspaceDir, '--rows-json'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new IntakeError(
          'TIMEOUT',
          `The query ran for ${timeoutSeconds} s without finishing and was stopped. Narrow it down, or give it longer with --timeout SECONDS.`,
          { timeoutSeconds },
        ),
      );
    }, timeoutSeconds * 1000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout) as QueryRows);
      else if (code !== null)
        reject(new IntakeError('VALIDATION', stderr.replace(/^intake workspace: /, '').trim()));
    });
  });
}

/** The `intake` launcher beside the built CLI (out/main/… → bin/intake.mjs). */
function intakeBin(): string {
  for (const up of ['../..', '../../..', '../../../..']) {
    const candidate = fileURLToPath(new URL(`${up}/bin/intake.mjs`, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('bin/intake.mjs not found beside the CLI bundle.');
}

/** JSON of a query's values: big integers as numbers, bytes as their length. */
function plainJson(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array || (value as { type?: string })?.type === 'Buffer') {
    return { bytes: (value as Uint8Array).length ?? (value as { data: unknown[] }).data.length };
  }
  return value;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'object' && 'bytes' in value)
    return `<${String((value as { bytes: number }).bytes)} bytes>`;
  return String(value);
}
