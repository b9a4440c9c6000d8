// Imports one file as events end to end (stage, map, validate, dedup, load into the workspace)
// through the real host in a fresh process, and prints JSON {rows, counts, loadingMs, processingMs,
// totalMs, peakRssMb, maxRssMb}. Peak RSS must be measured per process, so each import gets its own;
// the worker threads doing the loading and processing are in this process, so its RSS counts them.
// Usage: import-one.mjs <file> <engine.js> [workspaceDir] [--quick <flags JSON>] — with a workspace
// directory the import goes into it and it is kept (a second call with the same directory measures
// the dedup path); without one a temporary workspace is used and removed. --quick replaces the
// import's quick flags (the realistic file's IDs and columns differ from generate.mjs's).
// checkpointAfterMs is the checkpoint after the run: it holds the write lock once the run has
// settled, off the run's clock (the next run, or the app's writes of data tables, wait for it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const quickAt = process.argv.indexOf('--quick');
const quickArg = quickAt > 0 ? JSON.parse(process.argv[quickAt + 1]) : null;
const [file, engine, workspaceArg] = process.argv
  .slice(2)
  .filter((_, index) => quickAt < 0 || (index !== quickAt - 2 && index !== quickAt - 1));
const { createRuntime, importFile } = await import(pathToFileURL(engine).href);
const workspaceDir = workspaceArg ?? mkdtempSync(join(tmpdir(), 'intake-bench-import-'));

let peakRss = process.memoryUsage.rss();
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
const sampler = setInterval(sample, 50);

const runtime = createRuntime({ workspaceDir, shell: 'web', echo: () => {} });
try {
  const startedWall = Date.now();
  const started = performance.now();
  const { run: queued } = await importFile(runtime, {
    file,
    quick: quickArg ?? {
      type: 'events',
      eventType: 'purchase',
      // generate.mjs: `email` is customer.<i>@example.com (unique per row), `created_at` an ISO datetime.
      ids: ['email=email_id'],
      timestamp: 'created_at',
      roles: [],
      statics: [],
      lowercaseIds: false,
    },
  });
  const run = await runtime.runs.settled(queued.id);
  const totalMs = performance.now() - started;
  const settledWall = Date.now();
  await runtime.writeLock(() => undefined);
  const checkpointAfterMs = performance.now() - started - totalMs;
  sample();
  if (run.status !== 'succeeded') {
    throw new Error(`The run ${run.status}: ${run.error?.message ?? 'no error recorded'}`);
  }
  const at = (iso) => Date.parse(iso);
  process.stdout.write(
    JSON.stringify({
      rows: run.rows.read,
      counts: run.rows,
      loadingMs: at(run.processingAt) - at(run.startedAt),
      processingMs: at(run.finishedAt) - at(run.processingAt),
      // The rest of totalMs: before loading (register, preview, queue) and after finishedAt, which
      // processing records inside its transaction, so the COMMIT comes after it.
      beforeLoadingMs: at(run.startedAt) - startedWall,
      afterProcessingMs: settledWall - at(run.finishedAt),
      totalMs,
      checkpointAfterMs,
      peakRssMb: peakRss / 2 ** 20,
      // The kernel's high-water mark (between samples too; includes process start-up).
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
} finally {
  clearInterval(sampler);
  await runtime.close();
  if (!workspaceArg) rmSync(workspaceDir, { recursive: true, force: true });
}
