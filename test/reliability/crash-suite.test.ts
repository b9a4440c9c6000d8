import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src-main/host/runtime';
import type { ImportRecipe } from '../../src-shared/model/mapping';
import type { Run } from '../../src-shared/model/run';
import { editColumn, quick, recipeFor } from '../integration/runs/run-helpers';
import { importAndWait } from '../support/import-run';
import { INTAKE_BIN } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { importKilledAt, sizeOf, type KillPoint } from './kill-at';
import { formatTable } from './measured-run';
import { firstDifference, snapshot, type TableDigest } from './workspace-snapshot';
import { seededRandom } from '../support/seeded-random';

// Issue 19's crash suite: an import killed with SIGKILL at seeded random points of staging and
// processing, and once right after its commit. After each kill the workspace is opened again (the
// start-up recovery runs) and must pass integrity_check in both databases, hold no partial rows, keep
// no dataset file nobody owns, say the run was interrupted (or succeeded, with a whole run's counts,
// when the kill came after the commit), and a re-run must leave exactly the data an uninterrupted
// `intake import` leaves. RELIABILITY_SEED=<n> replays a schedule; RELIABILITY_SOAK=1 kills more
// often on a bigger file (RELIABILITY_KILLS=<n> sets the number of random points).

const SOAK = process.env.RELIABILITY_SOAK === '1';
const SEED = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RANDOM_KILLS = Number(process.env.RELIABILITY_KILLS ?? (SOAK ? 16 : 3));
const ROWS = SOAK ? 1_000_000 : 300_000;
/** Every 50th row repeats the one before (deduplicated); row 500 of every 1,000 has no email (rejected). */
const DUPLICATES = ROWS / 50;
const REJECTED = ROWS / 1000;
/** The data tables an interrupted run must leave empty, or full when it committed. */
const DATA_TABLES = ['events', 'customers', 'customer_ids', 'event_attribute_types', 'event_type_spans'];

/** Processing and staging in turn, each at a random share of its work; then once after the commit. */
function schedule(seed: number, count: number): KillPoint[] {
  const random = seededRandom(seed);
  const points: KillPoint[] = Array.from({ length: count }, (_, i) => ({
    stage: i % 2 === 0 ? ('processing' as const) : ('staging' as const),
    share: random(),
  }));
  return [...points, { stage: 'committed' }];
}

const temp = makeTempDir('intake-crash-');
const file = join(temp.dir, 'events.csv');
const definition = join(temp.dir, 'import.json');
const referenceWorkspace = join(temp.dir, 'uninterrupted');
let recipe: ImportRecipe;
let referenceRows: Run['rows'];
let expected: Record<string, TableDigest>;
let expectedRejects: unknown[];
const points = schedule(SEED, RANDOM_KILLS);
const report: string[][] = [];

/**
 * `email;purchased_at;price;sku;note`: 5,000 customers' purchases; `note` is 400 bytes the import
 * leaves out, so staging (which copies every byte) lasts about a second, like processing's first.
 */
function writeEvents(path: string): void {
  const pad = 'n'.repeat(400);
  const fd = openSync(path, 'w');
  try {
    let lines = 'email;purchased_at;price;sku;note\n';
    for (let i = 0; i < ROWS; i++) {
      const n = i % 50 === 49 ? i - 1 : i;
      const email = i % 1000 === 500 ? '' : `user${n % 5000}@example.com`;
      lines += `${email};${1_700_000_000 + n};${(n % 997) / 10};SKU-${n % 313};${pad}${i}\n`;
      if (i % 10_000 === 9_999 || i === ROWS - 1) {
        writeSync(fd, lines);
        lines = '';
      }
    }
  } finally {
    closeSync(fd);
  }
}

const rejectsOf = (db: BetterSqlite3.Database, runId: string) =>
  db
    .prepare(
      'SELECT row_number, column_name, value, reason FROM control.run_rejects WHERE run_id = ? ORDER BY row_number',
    )
    .raw(true)
    .all(runId);

function openWorkspace(dir: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(join(dir, 'workspace.sqlite'), { readonly: true });
  db.prepare('ATTACH DATABASE ? AS control').run(join(dir, 'control.sqlite'));
  return db;
}

beforeAll(
  async () => {
    console.log(
      `crash suite: seed ${SEED} (replay with RELIABILITY_SEED=${SEED}), ${points.length} kills, ${ROWS.toLocaleString('en')} rows`,
    );
    writeEvents(file);
    // The import as a definition file: quick flags cannot leave a column out.
    const scratch = createRuntime({
      workspaceDir: join(temp.dir, 'scratch'),
      shell: 'web',
      echo: () => undefined,
    });
    try {
      const flags = quick('events', {
        eventType: 'purchase',
        ids: ['email=email_id'],
        timestamp: 'purchased_at',
      });
      recipe = await recipeFor(
        scratch,
        file,
        flags,
        (m) => editColumn(m, 'note', { include: false }),
        'crash',
      );
    } finally {
      await scratch.close();
    }
    writeFileSync(definition, JSON.stringify(recipe));

    // The uninterrupted run, through the built CLI as a script would run it.
    const started = performance.now();
    const clean = spawnSync(
      process.execPath,
      [INTAKE_BIN, 'import', file, '--definition', definition, '--workspace', referenceWorkspace, '--json'],
      { encoding: 'utf8' },
    );
    expect(clean.status, clean.stderr).toBe(0);
    const summary = JSON.parse(clean.stdout) as { run: string; rows: Run['rows'] };
    referenceRows = summary.rows;
    expect(referenceRows).toEqual({
      read: ROWS,
      imported: ROWS - DUPLICATES - REJECTED,
      updated: 0,
      deduplicated: DUPLICATES,
      rejected: REJECTED,
      skipped: 0,
    });
    const db = openWorkspace(referenceWorkspace);
    try {
      expected = snapshot(db);
      expectedRejects = rejectsOf(db, summary.run);
    } finally {
      db.close();
    }
    console.log(`uninterrupted intake import: ${Math.round(performance.now() - started)} ms`);
  },
  SOAK ? 1_200_000 : 300_000,
);

afterAll(() => {
  const header = [
    '#',
    'kill point',
    'killed at',
    'datasets/',
    'run status',
    'after restart',
    're-run',
    'time',
  ];
  if (report.length > 0) console.log(`crash suite, seed ${SEED}\n${formatTable(header, report)}`);
  temp.remove();
});

describe(`kill -9 during an import (seed ${SEED})`, () => {
  const cases = points.map((point, index) => ({
    point,
    index,
    at: 'share' in point ? `${(point.share * 100).toFixed(1)}%` : 'its commit',
  }));
  it.each(cases)(
    'kill #$index: $point.stage at $at',
    async ({ point, index, at }) => {
      const started = performance.now();
      const workspace = join(temp.dir, `killed-${index}`);
      mkdirSync(workspace);
      const row = [String(index), `${point.stage} at ${at}`];
      report.push(row);
      const bytes = statSync(file).size;
      const end = await importKilledAt({ file, definition, workspace, rows: ROWS, bytes }, point);
      row.push(end.killedAt ?? 'not killed: the run ended first');
      expect(end.gaveUp, `the point never came:\n${end.stderr}`).toBe(false);
      expect(end.killedAt, `the run ended before its kill point:\n${end.stderr}`).not.toBeNull();
      expect(end.signal, end.stderr).toBe('SIGKILL');
      row.push(`${(sizeOf(join(workspace, 'datasets')) / 2 ** 20).toFixed(0)} MB`);

      const raw = new BetterSqlite3(join(workspace, 'control.sqlite'), { readonly: true });
      const runs = raw.prepare('SELECT id, status FROM runs').all() as { id: string; status: string }[];
      raw.close();
      expect(runs).toHaveLength(1);
      row.push(runs[0]!.status);

      const restarted = createRuntime({ workspaceDir: workspace, shell: 'web', echo: () => undefined });
      try {
        const verdict = checkRecovered(restarted, runs[0]!.id);
        row.push(verdict);
        const rerun = await importAndWait(restarted, { file, recipe });
        expect(rerun.status, rerun.error?.message).toBe('succeeded');
        // After a run that kept nothing, the re-run is a first run; after one that committed, all repeats.
        if (!verdict.startsWith('succeeded')) expect(rerun.rows).toEqual(referenceRows);
        const db = restarted.workspace.db;
        const actual = snapshot(db);
        expect(actual, differences(db, actual)).toEqual(expected);
        expect(rejectsOf(db, rerun.id)).toEqual(rerun.rows.rejected === 0 ? [] : expectedRejects);
        expect(readdirSync(join(workspace, 'datasets')), 'files left in datasets/').toEqual([]);
        row.push(`same data (${rerun.rows.imported.toLocaleString('en')} imported)`);
      } finally {
        await restarted.close();
      }
      rmSync(workspace, { recursive: true, force: true });
      row.push(`${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    SOAK ? 1_200_000 : 300_000,
  );
});

/**
 * After the restart: both databases intact; the run failed INTERRUPTED with nothing of it kept, or
 * (killed after its commit) succeeded with a whole run's rows and rejects; no dataset file or live
 * dataset left. Returns the verdict for the report.
 */
function checkRecovered(runtime: Runtime, runId: string): string {
  const db = runtime.workspace.db;
  expect(db.pragma('main.integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('control.integrity_check', { simple: true })).toBe('ok');
  const run = runtime.runs.get(runId);
  const counts = Object.fromEntries(
    DATA_TABLES.map((table) => [table, db.prepare(`SELECT COUNT(*) FROM main."${table}"`).pluck().get()]),
  );
  if (run.status === 'succeeded') {
    expect(run.rows).toEqual(referenceRows);
    expect(counts).toEqual(Object.fromEntries(DATA_TABLES.map((table) => [table, expected[table]!.rows])));
    expect(rejectsOf(db, runId)).toEqual(expectedRejects);
  } else {
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('INTERRUPTED');
    expect(counts).toEqual(Object.fromEntries(DATA_TABLES.map((table) => [table, 0])));
    expect(rejectsOf(db, runId)).toEqual([]);
  }
  const folder = join(runtime.workspace.dir, 'datasets');
  expect(existsSync(folder) ? readdirSync(folder) : [], 'files left in datasets/').toEqual([]);
  expect(
    db.prepare("SELECT id FROM control.datasets WHERE status IN ('staging', 'ready')").pluck().all(),
  ).toEqual([]);
  return run.status === 'succeeded' ? 'succeeded, whole' : `failed ${run.error?.code}, no rows`;
}

/** The first differing row of each table whose digest differs from the uninterrupted run's. */
function differences(db: BetterSqlite3.Database, actual: Record<string, TableDigest>): string {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return '';
  const clean = openWorkspace(referenceWorkspace);
  try {
    return Object.keys(expected)
      .filter((table) => actual[table]?.sha256 !== expected[table]!.sha256)
      .map((table) => firstDifference(db, clean, table) ?? `${table}: no row differs`)
      .join('\n');
  } finally {
    clean.close();
  }
}
