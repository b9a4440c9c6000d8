// Staging a 1,000,000-row PostgreSQL SELECT through the real pipeline (connection, source,
// preview, datasets:stage in the worker pool) against its baseline in the same run:
// `psql -c "\copy (SELECT …) TO '/dev/null' CSV"` of the same query on the same server.
// Targets (issue 13): staging ≤ 1.5× the baseline, peak RSS ≤ 300 MB.
// Run after `npm run build`: node test/bench/pg-stage.mjs [--rows N] [--runs N]
// Each staging runs in a fresh process, so its peak RSS is its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { start as startPostgres } from '../servers/postgres.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = join(root, 'out/main/engine.js');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ROWS = option('--rows', 1_000_000);
const RUNS = option('--runs', 3);
const QUERY = 'SELECT * FROM bench_rows';

if (process.argv.includes('--child')) {
  await stageInThisProcess(JSON.parse(process.env.INTAKE_BENCH_PG));
} else {
  await main();
}

async function main() {
  console.log(`Starting PostgreSQL and filling bench_rows with ${ROWS.toLocaleString('en')} rows…`);
  const server = await startPostgres({ logStatements: false });
  try {
    const target = { host: server.host, port: server.port, user: server.user, password: server.password };
    await fill({ ...target, database: 'postgres' });
    const baseline = [];
    const staged = [];
    // Alternated, so both see the same cache and machine state.
    for (let run = 0; run < RUNS; run++) {
      baseline.push(copyToDevNull(target));
      staged.push(stageInChild(target));
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const copySeconds = median(baseline);
    const stageSeconds = median(staged.map((result) => result.seconds));
    const peak = Math.max(...staged.map((result) => result.peakRssMb));
    const rows = staged[0].rows;
    const table = [
      ['rows staged', rows.toLocaleString('en')],
      [`psql \\copy … TO '/dev/null' CSV (median of ${RUNS})`, `${copySeconds.toFixed(2)} s`],
      [`staging through the pipeline (median of ${RUNS})`, `${stageSeconds.toFixed(2)} s`],
      ['staging / \\copy', `${(stageSeconds / copySeconds).toFixed(2)}× (target ≤ 1.5×)`],
      ['peak RSS of the staging process', `${peak.toFixed(0)} MB (target ≤ 300 MB)`],
      ['all staging runs (s)', staged.map((result) => result.seconds.toFixed(2)).join(', ')],
      ['all \\copy runs (s)', baseline.map((seconds) => seconds.toFixed(2)).join(', ')],
    ];
    for (const [label, value] of table) console.log(`${label.padEnd(52)} ${value}`);
  } finally {
    await server.stop();
  }
}

/** A table of typical columns: ids, text, exact decimals, timestamps with a zone, booleans. */
async function fill(config) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_rows (
      id bigint PRIMARY KEY, email text, amount numeric(12, 2), placed_at timestamptz, paid boolean, note text)`);
    await client.query(
      `INSERT INTO bench_rows
       SELECT i, 'user' || i || '@example.com', (i % 100000) / 100.0,
              timestamptz '2024-01-01 00:00:00+00' + i * interval '17 seconds', i % 3 = 0,
              CASE WHEN i % 5 = 0 THEN 'said "hi", then left' ELSE 'plain note ' || i END
       FROM generate_series(1, $1::int) AS i`,
      [ROWS],
    );
    await client.query('VACUUM ANALYZE bench_rows');
  } finally {
    await client.end();
  }
}

function copyToDevNull(target) {
  const started = performance.now();
  execFileSync(
    'psql',
    [
      '-h',
      target.host,
      '-p',
      String(target.port),
      '-U',
      target.user,
      '-d',
      'postgres',
      '-X',
      '-q',
      '-c',
      `\\copy (${QUERY}) TO '/dev/null' CSV`,
    ],
    { env: { ...process.env, PGPASSWORD: target.password }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return (performance.now() - started) / 1000;
}

function stageInChild(target) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
    env: { ...process.env, INTAKE_BENCH_PG: JSON.stringify(target) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`the staging process failed (${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

/** In a fresh process: a workspace, the connection, the source, then datasets:stage until ready. */
async function stageInThisProcess(target) {
  const { createRuntime, dispatch } = await import(pathToFileURL(engine).href);
  const dir = mkdtempSync(join(tmpdir(), 'intake-bench-pg-'));
  // The benchmark measures staging, not the OS keychain: secrets stay in this process's memory.
  const kept = new Map();
  const secrets = {
    set: async (ref, secret) => void kept.set(ref, secret),
    get: async (ref) => kept.get(ref) ?? null,
    delete: async (ref) => kept.delete(ref),
  };
  const runtime = createRuntime({ workspaceDir: dir, shell: 'web', echo: () => undefined, secrets });
  const call = async (name, payload) => {
    const result = await dispatch(runtime.handlers, name, payload);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.data;
  };
  try {
    const connection = await call('connections:create', {
      name: 'Bench',
      settings: {
        kind: 'postgres',
        host: target.host,
        port: target.port,
        user: target.user,
        database: 'postgres',
      },
      secret: target.password,
    });
    const source = await call('sources:add', { kind: 'sql', connectionId: connection.id, query: QUERY });
    // The wizard shows the preview first (and starts the worker pool); staging is what is timed.
    await call('sources:preview', { sourceId: source.id });
    const started = performance.now();
    const staging = await call('datasets:stage', { sourceId: source.id });
    const dataset = await runtime.staging.settled(staging.id);
    const seconds = (performance.now() - started) / 1000;
    if (dataset.status !== 'ready')
      throw new Error(`staging ended ${dataset.status}: ${dataset.error?.message}`);
    process.stdout.write(
      `${JSON.stringify({ seconds, rows: dataset.rowCount, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
    );
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
