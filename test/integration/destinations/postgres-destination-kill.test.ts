import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { runStageJob } from '../../../src-main/services/stage/stage-job';
import { writeFixture } from '../../support/import-run';
import { makeTempDir } from '../../support/temp-dir';
import { countsOf, editColumn, quick, recipeFor } from '../runs/run-helpers';
import { eventually } from '../sources/sql/sql-servers';
import { pgPort, postgresHarness } from './postgres-harness';

// A PostgreSQL load is one transaction: a process SIGKILLed in the middle of a COPY — after
// earlier batches were merged into the table, and with a column added for its mapping — leaves
// nothing of its run: the server rolls the transaction back when the connection drops.

const CHILD = fileURLToPath(new URL('./postgres-load-child.ts', import.meta.url));
const ROWS = 200_000;
const SCHEMA = 'kill';

const temp = makeTempDir();
const test = postgresHarness();

beforeAll(async () => {
  if (pgPort > 0) await test.setup();
});
afterAll(async () => {
  if (pgPort > 0) await test.dispose();
  temp.remove();
});

/** 200,000 events of 5,000 customers, with a `note` column the committed run's table lacks. */
function bigFile(): string {
  const lines = ['email,ts,amount,note'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`user${i % 5000}@example.com,${1_700_000_000 + i},${(i % 997) / 10},note ${i}`);
  }
  return writeFixture(temp.dir, 'big.csv', `${lines.join('\n')}\n`);
}

const flags = quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'ts' });
const numeric = (mapping: Parameters<typeof editColumn>[0]) =>
  editColumn(mapping, 'amount', { type: 'number' });

/** Stages a file into a dataset of its own and gives its mapping, as a run's loading would. */
async function staged(file: string) {
  const source = await registerFile(test.runtime.workspace.db, file);
  const preview = await test.runtime.previews.get(source, {});
  const recipe = await recipeFor(test.runtime, file, flags, numeric, 'big');
  const datasetPath = join(temp.dir, 'big.sqlite');
  await runStageJob(
    {
      spec: { kind: 'file', path: file },
      workspaceDir: test.runtime.workspace.dir,
      datasetPath,
      format: 'csv',
      dialect: preview.dialect,
      columns: preview.header,
    },
    { progress: () => undefined, checkpoint: () => undefined },
  );
  return { datasetPath, mapping: recipe.mapping };
}

/** The backend of the role's COPY … FROM STDIN once it has taken rows, or null. */
async function copyInProgress(): Promise<string | null> {
  const found = await test.query(
    `SELECT p.pid FROM pg_stat_progress_copy p JOIN pg_stat_activity a ON a.pid = p.pid
      WHERE a.usename = $1 AND p.command = 'COPY FROM' AND p.tuples_processed > 0`,
    [test.role],
  );
  return found[0]?.[0] ?? null;
}

// Skipped when the global setup could not start PostgreSQL (its apt package missing), and off Linux (the keychain).
describe.skipIf(pgPort === 0 || process.platform !== 'linux')('PostgreSQL destination, killed', () => {
  it('leaves no row, column or lock of a run SIGKILLed mid-COPY, after batches were merged', async () => {
    const small = writeFixture(
      temp.dir,
      'small.csv',
      'email,ts,amount\nuser1@example.com,1600000000,1.5\nuser2@example.com,1600000001,2\n',
    );
    const committed = await test.load(small, flags, SCHEMA, numeric);
    expect(countsOf(committed)).toMatchObject({ read: 2, imported: 2 });
    const table = `"${SCHEMA}".events_purchase`;
    const before = await test.query(`SELECT * FROM ${table} ORDER BY customer_id`);
    const columnsBefore = await test.columns(SCHEMA, 'events_purchase');

    const file = bigFile();
    const { datasetPath, mapping } = await staged(file);
    const killedRun = randomUUID();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        INTAKE_LOAD_JOB: JSON.stringify({
          runId: killedRun,
          workspaceDir: test.runtime.workspace.dir,
          datasetPath,
          mapping,
          connection: {
            id: test.connectionId,
            name: 'Warehouse',
            settings: test.settings,
            secret: test.password,
          },
          schema: SCHEMA,
        }),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );

    // A batch is merged (uncommitted rows in the table), and the next COPY has taken rows: kill.
    await eventually(async () => /applied [1-9]/.test(output), `a merged batch (output: ${output})`, 30_000);
    let backend: string | null = null;
    await eventually(async () => (backend = await copyInProgress()) !== null, 'a COPY in progress', 30_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toMatch(/committed/);

    // The server notices the dropped connection, rolls back, and the backend ends.
    await eventually(
      async () => (await test.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [backend])).length === 0,
      'the killed backend to end',
    );
    expect(await test.query(`SELECT * FROM ${table} ORDER BY customer_id`)).toEqual(before);
    expect(await test.query(`SELECT count(*) FROM ${table} WHERE _intake_run_id = $1`, [killedRun])).toEqual([
      ['0'],
    ]);
    expect(await test.columns(SCHEMA, 'events_purchase')).toEqual(columnsBefore);

    // Nothing lingers: no lock of the killed run (the table's advisory lock went with its
    // transaction), and the next load into the table runs (the small file again: all duplicates).
    expect(await test.query(`SELECT count(*) FROM pg_locks WHERE pid = $1`, [backend])).toEqual([['0']]);
    const again = await test.load(small, flags, SCHEMA, numeric);
    expect(countsOf(again)).toMatchObject({ read: 2, imported: 0, deduplicated: 2 });
    expect(await test.query(`SELECT * FROM ${table} ORDER BY customer_id`)).toEqual(before);
  }, 90_000);
});
