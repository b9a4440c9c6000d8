// Validates the mapping of a staged 1,000,000-row file through the real host (worker pool, kept
// column outcomes) and prints JSON: cold and incremental validation times, a plain read of every
// row as the baseline, and the main thread's longest block while validation ran.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const [file, engine] = process.argv.slice(2);
const { createRuntime, dispatch, registerFile, initialMapping, mappingEdits } = await import(
  pathToFileURL(engine).href
);
const dir = mkdtempSync(join(tmpdir(), 'intake-bench-validate-'));
const runtime = createRuntime({ workspaceDir: dir, shell: 'web', echo: () => {} });
try {
  // Through the app's own requests, so the preview runs in the pool as it does for a user: run on
  // this thread, its garbage armed V8's memory reducer, whose compactions then landed inside the
  // measurement below.
  const ask = async (name, payload) => {
    const answer = await dispatch(runtime.handlers, name, payload);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };
  const source = await registerFile(runtime.workspace.db, file);
  const preview = await ask('sources:preview', { sourceId: source.id });
  const staged = await ask('datasets:stage', { sourceId: source.id });
  const dataset = await runtime.staging.settled(staged.id);
  const idTypes = (await dispatch(runtime.handlers, 'ids:listTypes', {})).data;
  const columns = dataset.columns.map((name, i) => ({ name, type: preview.columns[i].type }));
  let mapping = initialMapping(columns, 'events', [], idTypes, 'UTC').mapping;
  const index = (name) => dataset.columns.indexOf(name);
  mapping = mappingEdits.setRole(mapping, index('email'), 'id', idTypes);
  mapping = mappingEdits.setIdType(mapping, index('email'), 'email_id');
  mapping = mappingEdits.setRole(mapping, index('created_at'), 'timestamp', idTypes);
  mapping = mappingEdits.setOptions(mapping, { eventType: 'bench' });

  // Baseline: reading and parsing every staged row once, with no checks (what any pass must pay).
  // In a worker, as the app's passes run: read on this thread, its garbage (tens of MB promoted)
  // was collected during the measurement below and counted as the app's own block.
  const { rows, readSeconds } = await readAllInWorker(engine, join(dir, 'datasets', `${dataset.id}.sqlite`));

  const delay = monitorEventLoopDelay({ resolution: 5 });
  let longestGap = 0;
  let last = performance.now();
  // Which request was running when the longest gap happened, for the next person chasing it.
  let phase = 'start';
  let longestPhase = phase;
  let longestAt = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > longestGap) [longestGap, longestPhase, longestAt] = [now - last, phase, last];
    last = now;
  }, 5);
  // This thread's garbage collections, to say how much of the longest block was one.
  const collections = [];
  const gcObserver = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });
  delay.enable();
  // Staging and the read above ran before: one turn of the loop, then measure from zero (the
  // histogram's first sample would otherwise count the time since it was created).
  await new Promise((resolve) => setTimeout(resolve, 50));
  delay.reset();
  longestGap = 0;
  last = performance.now();
  const validate = async (m) => {
    const t = performance.now();
    const result = await dispatch(runtime.handlers, 'mapping:validate', {
      datasetId: dataset.id,
      mapping: m,
    });
    if (!result.ok) throw new Error(result.error.message);
    return { seconds: (performance.now() - t) / 1000, summary: result.data };
  };
  phase = 'cold validation';
  const cold = await validate(mapping);
  phase = 'incremental validation';
  const incremental = await validate(mappingEdits.setType(mapping, index('amount'), 'text'));
  // Cleanup steps (issue 16): counting a step's changes over every row before it is applied, then
  // the validation that follows applying it — a value mapping of the city column and a regular
  // expression that swaps the name's words.
  const timed = async (work) => {
    const t = performance.now();
    const result = await work();
    return { seconds: (performance.now() - t) / 1000, result };
  };
  const mapCities = {
    kind: 'map-values',
    column: 'city',
    pairs: [
      ['Praha', 'Prague'],
      ['Plzeň', 'Pilsen'],
      ['Ostrava "Poruba"', 'Ostrava'],
    ],
    caseSensitive: false,
  };
  const swapNames = {
    kind: 'replace',
    column: 'name',
    find: '^(\\S+) (\\S+)',
    replace: '$2 $1',
    regex: true,
    caseSensitive: true,
  };
  const steps = {};
  for (const [label, step] of [
    ['mapValues', mapCities],
    ['regexReplace', swapNames],
  ]) {
    phase = `counting ${label}`;
    const counted = await timed(async () => {
      const answer = await dispatch(runtime.handlers, 'mapping:previewStep', {
        datasetId: dataset.id,
        mapping,
        step,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data;
    });
    phase = `validating after ${label}`;
    const applied = await validate(mappingEdits.addCleanupStep(mapping, step));
    steps[label] = {
      countSeconds: counted.seconds,
      changedCells: counted.result.changedCells,
      validateSeconds: applied.seconds,
      checked: applied.summary.checkedColumns,
    };
  }
  // The identity preview (issue 16): the customers the 1M events resolve to, over every row in a
  // worker against the workspace's IDs (target ≤ 1.5× the cold validation).
  phase = 'identity preview';
  const identities = await timed(async () => {
    const answer = await dispatch(runtime.handlers, 'mapping:previewIdentities', {
      datasetId: dataset.id,
      mapping,
    });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  });
  clearInterval(ticker);
  delay.disable();
  gcObserver.disconnect();
  process.stdout.write(
    JSON.stringify({
      rows,
      readSeconds,
      coldSeconds: cold.seconds,
      incrementalSeconds: incremental.seconds,
      incrementalChecked: incremental.summary.checkedColumns,
      rejected: cold.summary.rejectedRows,
      steps,
      identities: {
        seconds: identities.seconds,
        rows: identities.result.rows,
        customers: identities.result.customers,
        merges: identities.result.merges.count,
      },
      longestBlockMs: Math.max(longestGap - 5, delay.max / 1e6),
      longestBlockDuring: longestPhase,
      longestBlockGcMs: collections
        .filter((gc) => gc.startTime < longestAt + longestGap && gc.startTime + gc.duration > longestAt)
        .reduce((sum, gc) => sum + gc.duration, 0),
    }) + '\n',
  );
} finally {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Reads every row of a staged dataset once in a worker thread: its row count and seconds. */
function readAllInWorker(enginePath, datasetPath) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import(workerData.engine).then(({ DatasetReader }) => {
       const reader = new DatasetReader(workerData.datasetPath);
       const started = performance.now();
       let rows = 0;
       for (const _ of reader.all()) rows++;
       const readSeconds = (performance.now() - started) / 1000;
       reader.close();
       parentPort.postMessage({ rows, readSeconds });
     });`,
    { eval: true, workerData: { engine: pathToFileURL(enginePath).href, datasetPath } },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (answer) => {
      void worker.terminate();
      resolve(answer);
    });
    worker.once('error', reject);
  });
}
