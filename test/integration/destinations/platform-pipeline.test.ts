import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { processRun, type ProcessOutcome } from '../../../src-main/services/runs/process-run';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { runStageJob } from '../../../src-main/services/stage/stage-job';
import type { ConnectionSettings } from '../../../src-shared/model/connection';
import { writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { editColumn, quick, recipeFor } from '../runs/run-helpers';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startPlatformFake } from '../../servers/platform-fake.mjs';

// A large push builds its commands on a thread of its own while the run's thread sends
// (command-pipeline). The same file pushed both ways, through processRun itself, must send the
// same commands and count and reject the same rows.

interface Fake {
  url: string;
  credentials: { projectToken: string; apiKey: string; apiSecret: string };
  received(): { data: { properties: Record<string, unknown>; customer_ids: Record<string, string> } }[];
  reset(): void;
  close(): Promise<void>;
}

const temp = makeTempDir();
const runtime = makeTestRuntime();
let fake: Fake;
beforeAll(async () => {
  fake = (await startPlatformFake()) as Fake;
});
afterAll(async () => {
  await fake.close();
  await runtime.dispose();
  temp.remove();
});

/** 3,100 rows (seven batches): rows without an email, bad emails the guard refuses, bad amounts. */
function eventsFile(): string {
  const lines = ['email,ts,amount,n'];
  for (let n = 1; n <= 3_100; n++) {
    const email = n % 500 === 0 ? '' : n % 333 === 0 ? 'not-an-email' : `Buyer.${n % 900}@Example.com`;
    lines.push(
      `${email},2024-05-01T10:00:00.${String(n).padStart(6, '0')}Z,${n % 401 === 0 ? 'lots' : n * 1.5},${n}`,
    );
  }
  return writeFixture(temp.dir, 'events.csv', `${lines.join('\n')}\n`);
}

async function push(
  staged: { datasetPath: string; mapping: Awaited<ReturnType<typeof recipeFor>>['mapping'] },
  pipelineFromRows: number,
  index: number,
): Promise<ProcessOutcome> {
  const runId = `push-${index}`;
  runtime.workspace.db
    .prepare(
      "INSERT INTO runs (id, import_id, import_type, status, queued_at) VALUES (?, NULL, 'events', 'processing', 't')",
    )
    .run(runId);
  const settings: ConnectionSettings = {
    kind: 'bloomreach',
    endpoint: fake.url,
    project: fake.credentials.projectToken,
    user: fake.credentials.apiKey,
  } as ConnectionSettings;
  return processRun(
    {
      runId,
      // Each run its own destination: the delta of one does not skip the other's records.
      importId: `import-${index}`,
      workspaceDir: runtime.workspace.dir,
      ...staged,
      warnings: [],
      pipelineFromRows,
      destination: { kind: 'platform', connectionId: `connection-${index}` },
      connection: {
        id: `connection-${index}`,
        name: 'Platform',
        settings,
        secret: fake.credentials.apiSecret,
      },
    },
    { progress: () => undefined, checkpoint: () => undefined },
  );
}

it('sends the same commands and counts the same rows on two threads as on one', async () => {
  const file = eventsFile();
  const source = await registerFile(runtime.workspace.db, file);
  const preview = await runtime.previews.get(source, {});
  const recipe = await recipeFor(
    runtime,
    file,
    quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'ts' }),
    (mapping) => editColumn(mapping, 'amount', { type: 'number' }),
    'pipeline push',
  );
  const datasetPath = join(temp.dir, 'dataset.sqlite');
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
  const staged = { datasetPath, mapping: recipe.mapping };

  const sent: string[][] = [];
  const outcomes: ProcessOutcome[] = [];
  for (const [index, from] of [0, Infinity].entries()) {
    fake.reset();
    outcomes.push(await push(staged, from, index));
    sent.push(
      fake
        .received()
        .map((command) => JSON.stringify([command.data.customer_ids, command.data.properties]))
        .sort(),
    );
  }
  expect(outcomes[0]).toEqual(outcomes[1]);
  expect(outcomes[0]!.counts).toMatchObject({ read: 3_100, skipped: 0 });
  // 6 rows without an email, 9 the guard refuses, 7 amounts that are not numbers.
  expect(outcomes[0]!.counts.rejected).toBe(22);
  expect(outcomes[0]!.counts.imported).toBe(3_100 - 22);
  expect(sent[0]).toHaveLength(3_100 - 22);
  expect(sent[0]).toEqual(sent[1]);
  const rejects = (runId: string) =>
    runtime.workspace.db
      .prepare('SELECT row_number, column_name, reason FROM run_rejects WHERE run_id = ? ORDER BY row_number')
      .raw()
      .all(runId);
  expect(rejects('push-0')).toEqual(rejects('push-1'));
});
