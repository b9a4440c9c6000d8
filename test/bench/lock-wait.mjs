// How long a `settings:set` request waits while a run imports the 1,000,000-row file as events.
// Queues the import exactly as import-one.mjs does, then, until the run settles, sends
// `settings:set` through the host's `dispatch` every 100 ms (one at a time: the next one is
// scheduled 100 ms after the previous answer), noting the run's status when each was sent (from
// `runs:progress`), its latency and whether it succeeded. Prints one JSON line
// {requests, duringProcessing, maxWaitMs, p50WaitMs, maxWaitDuringProcessingMs, failed, processingMs,
// ...}; each request goes to stderr as it is answered.
// Usage: lock-wait.mjs <csvFile> <engine.js> — the CSV is generated (1,000,000 rows, generate.mjs)
// when it is not there yet.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { generateCsv } from './generate.mjs';

const INTERVAL_MS = 100;
const [fileArg, engineArg] = process.argv.slice(2);
if (!fileArg || !engineArg) {
  process.stderr.write('Usage: node test/bench/lock-wait.mjs <csvFile> <engine.js>\n');
  process.exit(2);
}
const file = resolve(fileArg);
mkdirSync(dirname(file), { recursive: true });
generateCsv(file, { rows: 1_000_000 }); // reuses the file when it is there

const { createRuntime, dispatch, importFile } = await import(pathToFileURL(resolve(engineArg)).href);
const workspaceDir = mkdtempSync(join(tmpdir(), 'intake-bench-lock-wait-'));
const runtime = createRuntime({ workspaceDir, shell: 'web', echo: () => {} });

let status = 'queued';
let runId = null;
let processingSeen = null; // performance.now() of the first `processing` progress event
const unsubscribe = runtime.bus.subscribe(({ name, payload }) => {
  if (name !== 'runs:progress') return;
  if (runId !== null && payload.runId !== runId) return;
  status = payload.status;
  if (status === 'processing' && processingSeen === null) processingSeen = performance.now();
});

const samples = [];
let exitCode = 0;
try {
  const started = performance.now();
  const startedWall = Date.now();
  const { run: queued } = await importFile(runtime, {
    file,
    quick: {
      type: 'events',
      eventType: 'purchase',
      ids: ['email=email_id'],
      timestamp: 'created_at',
      roles: [],
      statics: [],
      lowercaseIds: false,
    },
  });
  runId = queued.id;
  let settledRun = null;
  let settleError = null;
  let settledWall = null;
  const settled = runtime.runs.settled(queued.id).then(
    (run) => ((settledWall = Date.now()), (settledRun = run)),
    (error) => (settleError = error),
  );

  let flip = false;
  while (settledRun === null && settleError === null) {
    flip = !flip;
    const statusAtSend = status;
    const sentAtMs = performance.now() - started;
    const t0 = performance.now();
    let ok = false;
    let code = null;
    try {
      const result = await dispatch(runtime.handlers, 'settings:set', {
        theme: flip ? 'dark' : 'light',
      });
      ok = result.ok === true;
      if (!ok) code = result.error?.code ?? 'UNKNOWN';
    } catch (error) {
      code = `THROWN: ${error instanceof Error ? error.message : String(error)}`;
    }
    const waitMs = performance.now() - t0;
    const sample = { sentAtMs, status: statusAtSend, statusAtAnswer: status, waitMs, ok, code };
    samples.push(sample);
    process.stderr.write(JSON.stringify(sample) + '\n');
    if (settledRun !== null || settleError !== null) break;
    await Promise.race([sleep(INTERVAL_MS), settled]);
  }
  await settled;
  if (settleError) throw settleError;

  const waits = samples.map((s) => s.waitMs).sort((a, b) => a - b);
  const processing = samples.filter((s) => s.status === 'processing');
  const at = (iso) => (iso ? Date.parse(iso) : NaN);
  const round = (ms) => (Number.isFinite(ms) ? Math.round(ms * 10) / 10 : null);
  const failures = samples.filter((s) => !s.ok);
  process.stdout.write(
    JSON.stringify({
      requests: samples.length,
      duringProcessing: processing.length,
      maxWaitMs: round(waits.at(-1) ?? NaN),
      p50WaitMs: round(waits[Math.floor(waits.length / 2)] ?? NaN),
      maxWaitDuringProcessingMs: round(Math.max(...processing.map((s) => s.waitMs))),
      failed: failures.length,
      failedCodes: [...new Set(failures.map((s) => s.code))],
      processingMs: at(settledRun.finishedAt) - at(settledRun.processingAt),
      loadingMs: at(settledRun.processingAt) - at(settledRun.startedAt),
      // From finishedAt (recorded inside the run's transaction) to the run settling: mostly COMMIT.
      afterProcessingMs: settledWall - at(settledRun.finishedAt),
      // Timeline, ms since the import was queued: first `processing` event, and the run settling.
      processingSeenAtMs: round(processingSeen === null ? NaN : processingSeen - started),
      runSpanMs: round(settledWall - startedWall),
      runStatus: settledRun.status,
      rows: settledRun.rows,
    }) + '\n',
  );
  if (settledRun.status !== 'succeeded') exitCode = 1;
} catch (error) {
  process.stderr.write(`lock-wait failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  exitCode = 1;
} finally {
  unsubscribe();
  await runtime.close();
  rmSync(workspaceDir, { recursive: true, force: true });
}
process.exitCode = exitCode;
