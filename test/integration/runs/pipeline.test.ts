import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src-main/host/runtime';
import {
  processRun,
  type ProcessOutcome,
  type ProcessTask,
} from '../../../src-main/services/runs/process-run';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { runStageJob } from '../../../src-main/services/stage/stage-job';
import { IntakeError } from '../../../src-shared/errors';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { dumpTable, editColumn, quick, recipeFor } from './run-helpers';

// A large events run prepares its rows (parse, map, timestamp, attributes text) on a thread of its
// own while the run's thread writes (prepare-pipeline). These tests run the same file both ways,
// through processRun itself, and compare everything the runs wrote.

const temp = makeTempDir();
const pipelined = makeTestRuntime();
const inline = makeTestRuntime();
afterAll(async () => {
  await Promise.all([pipelined.dispose(), inline.dispose()]);
  temp.remove();
});

/**
 * 5,600 rows, so the pipeline carries three batches: repeat customers, in-file duplicates (every
 * 7th row repeats the row before), rows without an email or a timestamp, amounts that are not
 * numbers, and a UTF-8 name.
 */
function eventsFile(): string {
  const lines = ['email,ts,amount,name,note'];
  for (let i = 1; i <= 5_600; i++) {
    const n = i % 7 === 0 ? i - 1 : i;
    const email = n % 500 === 0 ? '' : `Buyer.${n % 900}@Example.com`;
    const ts = n % 613 === 0 ? '' : `2024-0${(n % 9) + 1}-1${n % 10}T10:00:0${n % 10}.${n}Z`;
    const amount = n % 401 === 0 ? 'lots' : String((n * 37) % 1000) + '.5';
    lines.push(`${email},${ts},${amount},Jiří Nový ${n % 13},"note, ${n}"`);
  }
  return writeFixture(temp.dir, 'events.csv', `${lines.join('\n')}\n`);
}

async function stage(
  runtime: Runtime,
  file: string,
  name: string,
  { amount = true } = {},
): Promise<{ datasetPath: string; mapping: ImportMapping }> {
  const source = await registerFile(runtime.workspace.db, file);
  const preview = await runtime.previews.get(source, {});
  const recipe = await recipeFor(
    runtime,
    file,
    quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'ts', lowercaseIds: true }),
    (mapping) => (amount ? editColumn(mapping, 'amount', { type: 'number' }) : mapping),
    'pipeline',
  );
  const datasetPath = join(temp.dir, `${name}.sqlite`);
  await runStageJob(
    {
      spec: { kind: 'file', path: file },
      workspaceDir: runtime.workspace.dir,
      datasetPath,
      format: 'csv',
      dialect: preview.dialect,
      columns: preview.header,
    },
    { progress: () => undefined, checkpoint: () => undefined },
  );
  return { datasetPath, mapping: recipe.mapping };
}

let runs = 0;

/** A processing task for a new run (its row in `runs`, which rejects refer to). */
function task(
  runtime: Runtime,
  staged: { datasetPath: string; mapping: ImportMapping },
  pipelineFromRows: number,
): ProcessTask {
  const runId = `run-${++runs}`;
  runtime.workspace.db
    .prepare(
      "INSERT INTO runs (id, import_id, import_type, status, queued_at) VALUES (?, NULL, 'events', 'processing', 't')",
    )
    .run(runId);
  return {
    runId,
    importId: 'import-1',
    workspaceDir: runtime.workspace.dir,
    ...staged,
    warnings: [],
    pipelineFromRows,
  };
}

/** Everything a run writes, but the processing times (each run has its own). */
function written(runtime: Runtime): Record<string, unknown[][]> {
  return Object.fromEntries(
    [
      'events',
      'customers',
      'customer_ids',
      'run_rejects',
      'event_attribute_types',
      'event_type_spans',
      'attributes',
    ].map((table) => [
      table,
      dumpTable(runtime, table, [
        'run_id',
        'run_number',
        'dedup_until_us',
        'created_at',
        'updated_at',
        'recorded_at',
        'linked_us',
      ]),
    ]),
  );
}

describe('the processing pipeline of a large events run', () => {
  it('writes exactly what processing on one thread writes, counts and rejects included', async () => {
    const file = eventsFile();
    const progress: number[][] = [[], []];
    const outcomes = await Promise.all(
      [pipelined, inline].map(async (runtime, index) => {
        const staged = await stage(runtime, file, `dataset-${index}`);
        return processRun(task(runtime, staged, index === 0 ? 0 : Infinity), {
          progress: (rowsDone) => progress[index]!.push(rowsDone),
          checkpoint: () => undefined,
        });
      }),
    );
    expect(outcomes[0]).toEqual(outcomes[1]);
    const counts = outcomes[0]!.counts;
    // Worked out from the file's rules: row i is row n's copy when i is a multiple of 7.
    const source = Array.from({ length: 5_600 }, (_, index) => ((index + 1) % 7 === 0 ? index : index + 1));
    const valid = (n: number) => n % 500 !== 0 && n % 613 !== 0 && n % 401 !== 0;
    const rejected = source.filter((n) => !valid(n)).length;
    const deduplicated = source.filter((n, index) => valid(n) && n !== index + 1).length;
    expect(counts).toEqual({
      read: 5_600,
      imported: 5_600 - rejected - deduplicated,
      updated: 0,
      deduplicated,
      rejected,
      skipped: 0,
    });
    expect(deduplicated).toBeGreaterThan(700);
    // Progress after every batch, rising to every row read (the pipeline's batches are smaller).
    for (const reported of progress) {
      expect(reported.at(-1)).toBe(5_600);
      expect(reported.every((rowsDone, i) => i === 0 || rowsDone > reported[i - 1]!)).toBe(true);
    }
    expect(progress[0]!.length).toBeGreaterThan(progress[1]!.length);
    expect(progress[1]!.length).toBeGreaterThanOrEqual(3);

    const both = [written(pipelined), written(inline)];
    expect(both[0]).toEqual(both[1]);
    expect(both[0]!.events!.length).toBe(counts.imported);
    const reasons = rows(
      pipelined,
      'SELECT reason, COUNT(*) AS n FROM run_rejects GROUP BY reason ORDER BY reason',
    );
    const where = (test: (n: number) => boolean) => source.filter(test).length;
    expect(reasons).toEqual([
      { reason: 'Malformed number in "amount"', n: where((n) => n % 401 === 0) },
      { reason: 'Missing timestamp in "ts"', n: where((n) => n % 613 === 0) },
      { reason: 'No valid customer ID', n: where((n) => n % 500 === 0) },
    ]);
    expect(
      rows(pipelined, "SELECT value FROM customer_ids WHERE value = 'buyer.1@example.com'"),
    ).toHaveLength(1);
  });

  it('imports very wide rows (200 KB of Cyrillic per row) as the inline run does, batching them by size', async () => {
    const lines = ['email,ts,payload'];
    for (let i = 1; i <= 600; i++)
      lines.push(
        `wide.${i % 50}@example.com,2024-05-0${(i % 9) + 1}T08:00:00.${i}Z,${'ж'.repeat(30_000)} ${i}`,
      );
    const file = writeFixture(temp.dir, 'wide.csv', `${lines.join('\n')}\n`);
    const runtimes = [makeTestRuntime(), makeTestRuntime()];
    try {
      const outcomes = await Promise.all(
        runtimes.map(async (runtime, index) => {
          const staged = await stage(runtime, file, `wide-${index}`, { amount: false });
          return processRun(task(runtime, staged, index === 0 ? 0 : Infinity), {
            progress: () => undefined,
            checkpoint: () => undefined,
          });
        }),
      );
      expect(outcomes[0]!.counts).toEqual({
        read: 600,
        imported: 600,
        updated: 0,
        deduplicated: 0,
        rejected: 0,
        skipped: 0,
      });
      expect(outcomes[0]).toEqual(outcomes[1]);
      expect(written(runtimes[0]!)).toEqual(written(runtimes[1]!));
    } finally {
      await Promise.all(runtimes.map((runtime) => runtime.dispose()));
    }
  });

  it('a cancelled pipelined run leaves no rows, and the same dataset then processes whole', async () => {
    const runtime = makeTestRuntime();
    try {
      const staged = await stage(runtime, eventsFile(), 'cancelled');
      let batches = 0;
      expect(() =>
        processRun(task(runtime, staged, 0), {
          progress: () => undefined,
          checkpoint: () => {
            if (++batches === 2) throw new IntakeError('CANCELLED', 'The run was cancelled.');
          },
        }),
      ).toThrow(/cancelled/);
      for (const table of ['events', 'customers', 'customer_ids', 'run_rejects', 'event_type_spans'])
        expect([table, rows(runtime, `SELECT COUNT(*) AS n FROM ${table}`)[0]]).toEqual([table, { n: 0 }]);
      // The same dataset processes whole afterwards: nothing of the first attempt is in the way.
      // Local destinations process synchronously (see processRun).
      const outcome = processRun(task(runtime, staged, 0), {
        progress: () => undefined,
        checkpoint: () => undefined,
      }) as ProcessOutcome;
      expect(outcome.counts.read).toBe(5_600);
    } finally {
      await runtime.dispose();
    }
  });

  it("skips an incremental run's rows not after the cursor on the pipeline's thread as inline", async () => {
    const cursor = '2024-05-15T00:00:00.000000Z';
    const runtimes = [makeTestRuntime(), makeTestRuntime()];
    try {
      const outcomes = await Promise.all(
        runtimes.map(async (runtime, index) => {
          const staged = await stage(runtime, eventsFile(), `incremental-${index}`);
          const mapping = { ...staged.mapping, options: { ...staged.mapping.options, incremental: true } };
          return processRun(
            { ...task(runtime, { ...staged, mapping }, index === 0 ? 0 : Infinity), cursor },
            { progress: () => undefined, checkpoint: () => undefined },
          ) as ProcessOutcome & { cursor?: string };
        }),
      );
      expect(outcomes[0]).toEqual(outcomes[1]);
      const { counts, cursor: reached } = outcomes[0]!;
      expect(counts.skipped).toBeGreaterThan(2_000);
      expect(counts.imported + counts.deduplicated + counts.rejected + counts.skipped).toBe(counts.read);
      // The newest timestamp of the file (September, day 19, 10:00:09 and the row's number).
      expect(reached).toMatch(/^2024-09-19T10:00:09\.\d{6}Z$/);
      expect(written(runtimes[0]!)).toEqual(written(runtimes[1]!));
    } finally {
      await Promise.all(runtimes.map((runtime) => runtime.dispose()));
    }
  });
});
