// Pushing onward (issue 15), each against its baseline measured in the same run:
// 1. `intake import events.csv --type events --to <bloomreach connection>` of 1,000,000 events
//    (--quick: 200,000) to the platform fake (its own process, `--record counts`), concurrency 8
//    and no rate limit, against a plain sender (plain-sender.mjs) POSTing the same batch bodies
//    (50 commands each, built before its clock starts) with the same concurrency to a fresh fake.
//    Targets: ≤ 1.5× the plain sender; peak RSS ≤ 300 MB; the fake accepted every row once.
// 2. The same file into PostgreSQL (`--to <postgres connection>`, table events_visit) against
//    `psql -c "\copy … FROM 'file.csv' CSV HEADER"` of the equivalent CSV (the rows Intake loaded,
//    exported from its table) into a plain table of the same column types. Target ≤ 1.3×; peak RSS.
// Each Intake import is the real CLI (bin/intake.mjs, built by `npm run build`) in a child process
// with a fresh workspace (so the delta never skips), its wall time from spawn to exit and its peak
// RSS the kernel's high-water mark (`/usr/bin/time -f %M`, else VmHWM polled from /proc). Secrets
// go to a private gnome-keyring (test/servers/keyring.mjs). Runs alternate with their baseline so
// both see the same machine state; the table shows medians.
// Usage: node test/bench/push.mjs [--quick] [--rows N] [--runs N] [--only platform|pg]
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { startKeyring } from '../servers/keyring.mjs';
import { startPostgres } from '../servers/postgres.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const INTAKE = join(root, 'bin/intake.mjs');
const FAKE = join(root, 'test/servers/platform-fake.mjs');
const PLAIN = join(root, 'test/bench/plain-sender.mjs');
const dataDir = join(root, 'bench-data');
const quick = process.argv.includes('--quick');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const ROWS = Number(option('--rows', quick ? 200_000 : 1_000_000));
const RUNS = Number(option('--runs', quick ? 3 : 1));
const ONLY = option('--only', null);
const CONCURRENCY = 8;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const s = (seconds) => `${seconds.toFixed(2)} s`;
const count = (n) => n.toLocaleString('en');
const table = [];
const row = (label, value) => table.push([label, value]);

mkdirSync(dataDir, { recursive: true });
const csv = generateEvents(join(dataDir, `push-events-${ROWS}.csv`), ROWS);
console.log(
  `Push bench: ${count(ROWS)} events (${(statSync(csv).size / 1e6).toFixed(0)} MB), ${RUNS} run(s) each, concurrency ${CONCURRENCY}`,
);
const benchStarted = performance.now();
const keyring = await startKeyring();
const env = { ...process.env, ...keyring.env };
try {
  if (ONLY !== 'pg') await platformBench();
  if (ONLY !== 'platform') await postgresBench();
} finally {
  await keyring.stop();
}
const width = Math.max(...table.map(([label]) => label.length));
console.log(`\n${table.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}`);
console.log(`(bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);

// ---------------------------------------------------------------------------------------------

/**
 * email (250,000 distinct customers), at (ISO with microseconds, one second apart), page, referrer,
 * amount, n (the row's own number: every event's properties are unique, nothing deduplicates).
 */
function generateEvents(path, rows) {
  if (existsSync(path) && statSync(path).size > 0) return path;
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  const referrers = ['https://www.google.com/', 'https://news.example.org/a?b=1', '', 'newsletter'];
  const base = Date.parse('2026-05-01T00:00:00Z');
  let buffer = 'email,at,page,referrer,amount,n\n';
  for (let i = 0; i < rows; i++) {
    const at = new Date(base + i * 1000)
      .toISOString()
      .replace('.000Z', `.${String(i % 1e6).padStart(6, '0')}Z`);
    buffer += `visitor.${i % 250_000}@example.com,${at},/products/${i % 5000},${referrers[i % 4]},${((i * 37) % 100_000) / 100},${i}\n`;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  renameSync(partial, path);
  return path;
}

/** Runs the CLI to its end, untimed (setup steps); throws on a non-zero exit. */
async function intake(args, input) {
  const result = await timed(process.execPath, [INTAKE, ...args], input);
  if (result.status !== 0) throw new Error(`intake ${args.slice(0, 2).join(' ')} failed: ${result.stderr}`);
  return result;
}

/**
 * Spawns a command and waits for its end: wall seconds from spawn to exit, the kernel's peak RSS
 * (/usr/bin/time %M, else VmHWM polled every 20 ms), its CPU seconds (user + system, all threads;
 * /usr/bin/time only), stdout, and stderr lines with the wall clock (ms) each arrived at.
 */
function timed(command, args, input = '') {
  const rssFile = join(tmpdir(), `intake-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const [bin, argv] = TIME ? [TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const spawnedAt = Date.now();
    const started = performance.now();
    const child = spawn(bin, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const lines = [];
    let hwm = 0;
    const poll = TIME
      ? null
      : setInterval(() => {
          try {
            const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
            if (kb) hwm = Math.max(hwm, Number(kb));
          } catch {
            // gone
          }
        }, 20);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop();
      for (const line of parts) lines.push({ at: Date.now(), line });
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      let peakRssMb = hwm / 1024;
      let cpuSeconds = NaN;
      if (TIME) {
        try {
          const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ');
          peakRssMb = Number(kb) / 1024;
          cpuSeconds = Number(user) + Number(system);
        } catch {
          peakRssMb = NaN;
        }
        rmSync(rssFile, { force: true });
      }
      resolve({ status, seconds, peakRssMb, cpuSeconds, stdout, stderr, lines, spawnedAt });
    });
    child.stdin.end(input);
  });
}

/** The platform fake in a process of its own, keeping counts only. */
async function startFake() {
  const child = spawn(process.execPath, [FAKE, '--record', 'counts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.once('exit', (code) => reject(new Error(`the platform fake exited ${code}`)));
  });
  return {
    ...info,
    async state(include = '') {
      const response = await fetch(`${info.url}/__control${include ? `?include=${include}` : ''}`, {
        headers: { 'x-control-token': info.controlToken },
      });
      return response.json();
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Reads a run's phase times (ms since the epoch) from the workspace's control database. */
function runTimes(workspace, runId) {
  const db = new BetterSqlite3(join(workspace, 'control.sqlite'), { readonly: true });
  try {
    const run = db.prepare('SELECT started_at, processing_at, finished_at FROM runs WHERE id = ?').get(runId);
    return {
      startedAt: Date.parse(run.started_at),
      processingAt: Date.parse(run.processing_at),
      finishedAt: Date.parse(run.finished_at),
    };
  } finally {
    db.close();
  }
}

function importArgs(to, workspace) {
  return [
    'import',
    csv,
    '--type',
    'events',
    '--event-type',
    'visit',
    '--id',
    'email=email_id',
    '--timestamp',
    'at',
    '--to',
    to,
    '--json',
    '--workspace',
    workspace,
  ];
}

async function platformBench() {
  /** One timed `intake import --to bench` into a fresh workspace and a fresh fake. */
  async function intakeRun({ dryRun = false } = {}) {
    const fake = await startFake();
    const workspace = mkdtempSync(join(tmpdir(), 'intake-bench-push-'));
    try {
      await intake(
        [
          'connections',
          'add',
          'bench',
          '--kind',
          'bloomreach',
          '--endpoint',
          fake.url,
          '--project',
          fake.projectToken,
          '--user',
          fake.apiKey,
          '--concurrency',
          String(CONCURRENCY),
          '--requests-per-second',
          '0',
          '--secret-stdin',
          '--workspace',
          workspace,
        ],
        fake.apiSecret,
      );
      const result = await timed(process.execPath, [
        INTAKE,
        ...importArgs('bench', workspace),
        ...(dryRun ? ['--dry-run'] : []),
      ]);
      if (result.status !== 0) throw new Error(`intake import --to bench failed: ${result.stderr}`);
      const summary = JSON.parse(result.stdout.trim().split('\n').at(-1));
      const times = runTimes(workspace, summary.run);
      const { stats, requests } = await fake.state(dryRun ? '' : 'requests');
      const ats = (requests ?? []).map((request) => request.at).sort((a, b) => a - b);
      // Requests a second over the first and the last quarter of the requests: does it slow down?
      const quarter = Math.floor(ats.length / 4);
      const rate = (from, to) => (to - from) / ((ats[to] - ats[from]) / 1000);
      return {
        seconds: result.seconds,
        peakRssMb: result.peakRssMb,
        cpuSeconds: result.cpuSeconds,
        rates: quarter > 1 ? [rate(0, quarter), rate(ats.length - 1 - quarter, ats.length - 1)] : [NaN, NaN],
        summary,
        stats,
        phases: {
          startup: (times.startedAt - result.spawnedAt) / 1000,
          loading: (times.processingAt - times.startedAt) / 1000,
          // The outbox is written whole before the first request leaves (platform-destination.ts).
          building: ats.length ? (ats[0] - times.processingAt) / 1000 : NaN,
          sending: ats.length ? (ats.at(-1) - ats[0]) / 1000 : NaN,
          afterLastRequest: ats.length ? (times.finishedAt - ats.at(-1)) / 1000 : NaN,
          processing: (times.finishedAt - times.processingAt) / 1000,
          exit: (result.spawnedAt + result.seconds * 1000 - times.finishedAt) / 1000,
        },
      };
    } finally {
      await fake.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  }

  /** One plain-sender run against a fresh fake. */
  async function plainRun() {
    const fake = await startFake();
    try {
      const result = await timed(process.execPath, [
        PLAIN,
        csv,
        fake.url,
        fake.projectToken,
        fake.apiKey,
        fake.apiSecret,
        String(CONCURRENCY),
      ]);
      if (result.status !== 0) throw new Error(`the plain sender failed: ${result.stderr}`);
      const sent = JSON.parse(result.stdout.trim().split('\n').at(-1));
      const { stats } = await fake.state();
      return { ...sent, cpuSeconds: result.cpuSeconds, stats };
    } finally {
      await fake.stop();
    }
  }

  console.log('Platform push: Intake and the plain sender, alternated…');
  const intakeRuns = [];
  const plainRuns = [];
  for (let run = 0; run < RUNS; run++) {
    plainRuns.push(await plainRun());
    intakeRuns.push(await intakeRun());
    const [i, p] = [intakeRuns.at(-1), plainRuns.at(-1)];
    console.log(
      `  run ${run + 1}: intake ${s(i.seconds)} (${i.peakRssMb.toFixed(0)} MB), plain ${s(p.seconds)}; fake accepted ${count(i.stats.accepted)} / ${count(p.stats.accepted)}`,
    );
  }
  const dry = await intakeRun({ dryRun: true });
  console.log(`  dry run (build only): ${s(dry.seconds)}`);

  for (const [who, runs] of [
    ['intake', intakeRuns],
    ['plain', plainRuns],
  ]) {
    for (const r of runs) {
      if (r.stats.accepted !== ROWS || r.stats.distinctIds !== ROWS || r.stats.duplicateIds !== 0) {
        throw new Error(`${who}: the fake accepted ${JSON.stringify(r.stats)}, expected ${ROWS} once each`);
      }
    }
  }
  const byTime = [...intakeRuns].sort((a, b) => a.seconds - b.seconds);
  const mid = byTime[Math.floor(byTime.length / 2)];
  const intakeSeconds = mid.seconds;
  const plainSeconds = median(plainRuns.map((r) => r.seconds));
  const p = mid.phases;
  const last = intakeRuns.at(-1);
  row(
    'platform: events accepted by the fake',
    `${count(last.stats.accepted)} of ${count(ROWS)} (distinct ids ${count(last.stats.distinctIds)}, duplicates ${last.stats.duplicateIds}, ${count(last.stats.requests)} requests) — each run`,
  );
  row(
    `plain sender: POST pre-built bodies (median of ${RUNS})`,
    `${s(plainSeconds)} (${count(plainRuns[0].requests)} requests, ${(plainRuns[0].bytes / 1e6).toFixed(0)} MB; building them took ${s(median(plainRuns.map((r) => r.buildSeconds)))}, untimed)`,
  );
  row(`intake import --to bloomreach fake (median of ${RUNS})`, s(intakeSeconds));
  row('intake / plain sender', `${(intakeSeconds / plainSeconds).toFixed(2)}× (target ≤ 1.5×)`);
  row(
    'peak RSS of the intake process',
    `${Math.max(...intakeRuns.map((r) => r.peakRssMb)).toFixed(0)} MB (target ≤ 300 MB)`,
  );
  row(
    "where the median run's time goes",
    `start-up ${s(p.startup)}, loading ${s(p.loading)}, building the outbox ${s(p.building)}, sending ${s(p.sending)}, after the last request ${s(p.afterLastRequest)}, exit ${s(p.exit)}`,
  );
  row(
    'intake sending window / plain sender',
    `${(p.sending / plainSeconds).toFixed(2)}× (${Math.round(mid.rates[0])} requests/s over the first quarter of them, ${Math.round(mid.rates[1])} over the last; plain ${Math.round(plainRuns[0].requests / plainSeconds)})`,
  );
  row(
    'CPU of the intake process (all threads, median run)',
    `${s(mid.cpuSeconds)} user + system over ${s(mid.seconds)} wall (plain sender: ${s(median(plainRuns.map((r) => r.cpuSeconds)))} including building its bodies)`,
  );
  row(
    'intake import --dry-run (build only, no outbox, no send)',
    `${s(dry.seconds)} (loading ${s(dry.phases.loading)}, processing ${s(dry.phases.processing)}; ${dry.peakRssMb.toFixed(0)} MB)`,
  );
  row('all intake runs (s)', intakeRuns.map((r) => r.seconds.toFixed(2)).join(', '));
  row('all plain sender runs (s)', plainRuns.map((r) => r.seconds.toFixed(2)).join(', '));
  row('push summary (last run)', JSON.stringify(last.summary.push));
}

async function postgresBench() {
  console.log('Starting PostgreSQL…');
  const server = await startPostgres({ logStatements: false });
  const target = { host: server.host, port: server.port, user: server.user, password: server.password };
  const admin = new pg.Client({ ...target, database: 'postgres' });
  await admin.connect();
  // Each statement's server time into the log, to split Intake's processing into COPY, merge and the rest.
  await admin.query('ALTER SYSTEM SET log_min_duration_statement = 0');
  await admin.query('SELECT pg_reload_conf()');
  /** Server milliseconds per kind of statement logged since `from` (a byte offset of the log). */
  const serverTimes = (from) => {
    const log = readFileSync(server.logPath).subarray(from).toString('utf8');
    const sums = { copy: 0, merge: 0, other: 0, copies: 0, merges: 0 };
    for (const [, ms, text] of log.matchAll(/duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): (\S+)/g)) {
      const word = text.toUpperCase();
      if (word === 'COPY') {
        sums.copy += Number(ms);
        sums.copies++;
      } else if (word === 'WITH' || word === 'INSERT') {
        sums.merge += Number(ms);
        sums.merges++;
      } else sums.other += Number(ms);
    }
    return sums;
  };
  // Rewritten by every run from Intake's table, so it is not kept.
  const equivalentDir = mkdtempSync(join(tmpdir(), 'intake-bench-pg-copy-'));
  const equivalent = join(equivalentDir, 'events.csv');
  const psql = (command) => {
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
        command,
      ],
      { env: { ...process.env, PGPASSWORD: target.password }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return (performance.now() - started) / 1000;
  };
  try {
    async function intakeRun() {
      await admin.query('DROP TABLE IF EXISTS public.events_visit');
      await admin.query('CHECKPOINT');
      const workspace = mkdtempSync(join(tmpdir(), 'intake-bench-pg-push-'));
      try {
        await intake(
          [
            'connections',
            'add',
            'pg',
            '--kind',
            'postgres',
            '--host',
            target.host,
            '--port',
            String(target.port),
            '--user',
            target.user,
            '--database',
            'postgres',
            '--secret-stdin',
            '--workspace',
            workspace,
          ],
          target.password,
        );
        const logFrom = statSync(server.logPath).size;
        const result = await timed(process.execPath, [INTAKE, ...importArgs('pg', workspace)]);
        if (result.status !== 0) throw new Error(`intake import --to pg failed: ${result.stderr}`);
        const serverMs = serverTimes(logFrom);
        const summary = JSON.parse(result.stdout.trim().split('\n').at(-1));
        const times = runTimes(workspace, summary.run);
        const { rows } = await admin.query('SELECT count(*)::int AS n FROM public.events_visit');
        if (summary.rows.imported !== ROWS || rows[0].n !== ROWS) {
          throw new Error(
            `intake loaded ${rows[0].n} rows (summary ${JSON.stringify(summary.rows)}), expected ${ROWS}`,
          );
        }
        return {
          seconds: result.seconds,
          peakRssMb: result.peakRssMb,
          cpuSeconds: result.cpuSeconds,
          serverMs,
          phases: {
            startup: (times.startedAt - result.spawnedAt) / 1000,
            loading: (times.processingAt - times.startedAt) / 1000,
            processing: (times.finishedAt - times.processingAt) / 1000,
            exit: (result.spawnedAt + result.seconds * 1000 - times.finishedAt) / 1000,
          },
        };
      } finally {
        rmSync(workspace, { recursive: true, force: true });
      }
    }
    /** `\copy … FROM` the equivalent CSV into a fresh table LIKE Intake's (`keyed`: with its primary key). */
    async function copyRun(keyed) {
      const name = keyed ? 'keyed_events' : 'plain_events';
      await admin.query(`DROP TABLE IF EXISTS ${name}`);
      await admin.query(`CREATE TABLE ${name} (LIKE public.events_visit${keyed ? ' INCLUDING ALL' : ''})`);
      await admin.query('CHECKPOINT');
      const seconds = psql(`\\copy ${name} FROM '${equivalent}' CSV HEADER`);
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${name}`);
      if (rows[0].n !== ROWS) throw new Error(`\\copy loaded ${rows[0].n} rows, expected ${ROWS}`);
      await admin.query(`DROP TABLE ${name}`);
      return seconds;
    }

    console.log('PostgreSQL load: Intake and psql \\copy, alternated…');
    const intakeRuns = [await intakeRun()];
    // The equivalent CSV: exactly the rows and columns Intake loaded (hashed emails, its run columns).
    psql(`\\copy public.events_visit TO '${equivalent}' CSV HEADER`);
    const { rows: columns } = await admin.query(
      `SELECT column_name || ' ' || data_type AS c FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = 'events_visit' ORDER BY ordinal_position`,
    );
    const { rows: keys } = await admin.query(
      `SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'public.events_visit'::regclass`,
    );
    const copyRuns = [];
    const keyedRuns = [];
    for (let run = 0; run < RUNS; run++) {
      copyRuns.push(await copyRun(false));
      keyedRuns.push(await copyRun(true));
      if (run > 0) intakeRuns.push(await intakeRun());
      console.log(
        `  run ${run + 1}: intake ${s(intakeRuns.at(-1).seconds)} (${intakeRuns.at(-1).peakRssMb.toFixed(0)} MB), \\copy ${s(copyRuns.at(-1))}, \\copy with the key ${s(keyedRuns.at(-1))}`,
      );
    }
    const byTime = [...intakeRuns].sort((a, b) => a.seconds - b.seconds);
    const mid = byTime[Math.floor(byTime.length / 2)];
    const copySeconds = median(copyRuns);
    const p = mid.phases;
    row(
      'postgres: rows loaded by intake',
      `${count(ROWS)} into events_visit (${columns.map((c) => c.c).join(', ')})`,
    );
    row('postgres: its indexes', keys.map((k) => k.d.replace(/^CREATE /, '')).join('; '));
    row(
      `psql \\copy FROM the equivalent CSV, plain table (median of ${RUNS})`,
      `${s(copySeconds)} (${(statSync(equivalent).size / 1e6).toFixed(0)} MB CSV)`,
    );
    row(`intake import --to postgres (median of ${RUNS})`, s(mid.seconds));
    row('intake / psql \\copy', `${(mid.seconds / copySeconds).toFixed(2)}× (target ≤ 1.3×)`);
    row(
      'peak RSS of the intake process',
      `${Math.max(...intakeRuns.map((r) => r.peakRssMb)).toFixed(0)} MB (target ≤ 300 MB)`,
    );
    row(
      "where the median run's time goes",
      `start-up ${s(p.startup)}, loading (staging the CSV) ${s(p.loading)}, processing (map, hash, COPY, merge) ${s(p.processing)}, commit and exit ${s(p.exit)}`,
    );
    row(
      'server time of its statements (median run)',
      `${count(mid.serverMs.copies)} COPY statements ${s(mid.serverMs.copy / 1000)}, ${count(mid.serverMs.merges)} merge statements ${s(mid.serverMs.merge / 1000)}, other ${s(mid.serverMs.other / 1000)}; the intake process used ${s(mid.cpuSeconds)} CPU (all threads)`,
    );
    row(
      `(info) psql \\copy into a table with the same primary key (median of ${RUNS})`,
      `${s(median(keyedRuns))} → intake / it ${(mid.seconds / median(keyedRuns)).toFixed(2)}×`,
    );
    row('all intake runs (s)', intakeRuns.map((r) => r.seconds.toFixed(2)).join(', '));
    row('all \\copy runs (s)', copyRuns.map((x) => x.toFixed(2)).join(', '));
  } finally {
    rmSync(equivalentDir, { recursive: true, force: true });
    await admin.end();
    await server.stop();
  }
}
