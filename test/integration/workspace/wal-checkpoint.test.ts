import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src-main/host/runtime';
import { processRun } from '../../../src-main/services/runs/process-run';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { runStageJob } from '../../../src-main/services/stage/stage-job';
import type { CheckpointResult } from '../../../src-main/services/workspace/wal-checkpoint';
import { openWorkspace } from '../../../src-main/services/workspace/workspace';
import { createIngestPool } from '../../../src-main/workers/ingest-pool';
import { createTaskRunner } from '../../../src-main/workers/task-runner';
import { importAndWait, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { quick, recipeFor } from '../runs/run-helpers';

// Issue 18, item 4: a run's writer does not checkpoint (its COMMIT only appends to the write-ahead
// log); the run service checkpoints from an idle connection on a pool thread once the run has
// ended, and openWorkspace at start-up. These tests look at the files themselves: the database
// file grows only when a checkpoint copies pages into it, and the log's size says what is left.

const temp = makeTempDir('intake-wal-');
const runtimes: { dispose(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.dispose()));
  temp.remove();
});

function newRuntime() {
  const runtime = makeTestRuntime();
  runtimes.push(runtime);
  return runtime;
}

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);
const walOf = (runtime: Runtime) => sizeOf(`${runtime.workspace.databasePath}-wal`);

/** `rows` purchases of new customers (emails from `first` on), each with a note the import keeps. */
function eventsFile(name: string, first: number, rows: number): string {
  const lines = ['email,at,price,note'];
  for (let i = first; i < first + rows; i++) {
    lines.push(
      `buyer.${i}@example.com,${1_700_000_000 + i},${(i % 997) / 10},"note ${i}, ${'x'.repeat(60)}"`,
    );
  }
  return writeFixture(temp.dir, name, `${lines.join('\n')}\n`);
}

const FLAGS = quick('events', { eventType: 'purchase', ids: ['email=email_id'], timestamp: 'at' });

/** What a reader sees of the events: how many, and a sum over every row's text. */
function eventsSeen(db: BetterSqlite3.Database): { rows: number; chars: number } {
  return db.prepare('SELECT COUNT(*) AS rows, TOTAL(LENGTH(attributes)) AS chars FROM events').get() as {
    rows: number;
    chars: number;
  };
}

/**
 * Processes a file's events into the runtime's workspace as a run's worker does (processRun, on
 * this thread), without the run service: the run commits and nothing checkpoints after it.
 */
async function commitWithoutCheckpoint(runtime: Runtime, file: string, name: string): Promise<void> {
  const source = await registerFile(runtime.workspace.db, file);
  const preview = await runtime.previews.get(source, {});
  const recipe = await recipeFor(runtime, file, FLAGS, (mapping) => mapping, name);
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
  runtime.workspace.db
    .prepare(
      "INSERT INTO runs (id, import_id, import_type, status, queued_at) VALUES (?, NULL, 'events', 'processing', 't')",
    )
    .run(name);
  await processRun(
    {
      runId: name,
      importId: null,
      workspaceDir: runtime.workspace.dir,
      datasetPath,
      mapping: recipe.mapping,
      warnings: [],
    },
    { progress: () => undefined, checkpoint: () => undefined },
  );
}

describe('the write-ahead log of the data database', () => {
  it("holds a run's pages after its commit, until a checkpoint from an idle connection copies them and empties it", async () => {
    const runtime = newRuntime();
    const databaseBefore = sizeOf(runtime.workspace.databasePath);
    await commitWithoutCheckpoint(runtime, eventsFile('commit.csv', 0, 45_000), 'commit');

    // Committed (a reader sees every row), but the database file has not grown: the writer's
    // COMMIT did not checkpoint. With SQLite's default autocheckpoint it would have copied the
    // run's pages in (the log is far past 1,000 pages).
    expect(eventsSeen(runtime.workspace.db).rows).toBe(45_000);
    expect(sizeOf(runtime.workspace.databasePath)).toBe(databaseBefore);
    const wal = walOf(runtime);
    expect(wal).toBeGreaterThan(1_000 * 16_384);

    const pool = createIngestPool();
    try {
      const result = (await createTaskRunner(() => pool)('checkpoint', {
        workspaceDir: runtime.workspace.dir,
      }).done) as CheckpointResult;
      expect(result).toMatchObject({ busy: false, walFrames: 0, checkpointed: 0 });
    } finally {
      await pool.destroy();
    }
    expect(walOf(runtime)).toBe(0);
    expect(sizeOf(runtime.workspace.databasePath)).toBeGreaterThan(databaseBefore + wal / 2);
    expect(eventsSeen(runtime.workspace.db).rows).toBe(45_000);
  });

  it('stays empty after each of five imports in a row through the real pipeline', async () => {
    const runtime = newRuntime();
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await importAndWait(runtime, {
        file: eventsFile(`row-${i}.csv`, i * 10_000, 10_000),
        quick: FLAGS,
      });
      expect(run.status).toBe('succeeded');
      expect(run.rows.imported).toBe(10_000);
      // The checkpoint after the run holds the write lock: once it is free, the checkpoint is done.
      await runtime.writeLock(() => undefined);
      sizes.push(walOf(runtime));
    }
    // TRUNCATE with no reader in the way leaves an empty log after every run. Without the
    // checkpoint after the commit, it would hold all five runs' pages (over 50 MB).
    expect(sizes).toEqual([0, 0, 0, 0, 0]);
    const db = runtime.workspace.db;
    expect(eventsSeen(db).rows).toBe(50_000);
    expect(db.pragma('main.integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('main.foreign_key_check')).toEqual([]);
  });

  it('gives readers that start during a checkpoint the committed rows, and is truncated once an older reader ends', async () => {
    const runtime = newRuntime();
    await commitWithoutCheckpoint(runtime, eventsFile('first.csv', 0, 5_000), 'first');
    const databasePath = runtime.workspace.databasePath;
    // A reader of the committed state, in a read transaction that spans the checkpoint: the
    // checkpoint may copy every page (the reader's snapshot is the newest), but not truncate the log
    // under it, so it is still running (waiting for this reader) while the readers below start.
    const older = new BetterSqlite3(databasePath, { readonly: true });
    older.exec('BEGIN');
    const committed = eventsSeen(older);
    expect(committed.rows).toBe(5_000);
    const databaseBefore = sizeOf(databasePath);
    const walBefore = walOf(runtime);

    const pool = createIngestPool();
    try {
      const done = createTaskRunner(() => pool)('checkpoint', { workspaceDir: runtime.workspace.dir })
        .done as Promise<CheckpointResult>;
      // The checkpoint has copied the pages once the database file has grown.
      while (sizeOf(databasePath) === databaseBefore) await new Promise((resolve) => setTimeout(resolve, 5));
      const during: { rows: number; chars: number }[] = [];
      for (let i = 0; i < 20; i++) {
        const reader = new BetterSqlite3(databasePath, { readonly: true });
        try {
          during.push(eventsSeen(reader));
        } finally {
          reader.close();
        }
      }
      // Still waiting for the older reader: the log is whole.
      expect(walOf(runtime)).toBe(walBefore);
      expect(eventsSeen(older)).toEqual(committed);
      older.exec('COMMIT');
      older.close();
      const result = await done;
      expect(during).toEqual(Array(20).fill(committed));
      expect(result.busy).toBe(false);
      expect(walOf(runtime)).toBe(0);
    } finally {
      if (older.open) older.close();
      await pool.destroy();
    }
    expect(eventsSeen(runtime.workspace.db)).toEqual(committed);
  });

  it('is checkpointed at start-up when a process ended between a commit and its checkpoint', async () => {
    const runtime = newRuntime();
    await commitWithoutCheckpoint(runtime, eventsFile('left.csv', 0, 5_000), 'left');
    expect(walOf(runtime)).toBeGreaterThan(0);
    const reopened = openWorkspace(runtime.workspace.dir);
    try {
      expect(walOf(runtime)).toBe(0);
      expect(eventsSeen(reopened.db).rows).toBe(5_000);
    } finally {
      reopened.close();
    }
  });
});
