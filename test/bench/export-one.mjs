// Exports one file's mapped records as CSV (the cleaned-data export: stage, map, write a file)
// through the real host in a fresh process, and prints JSON {rows, counts, loadingMs, processingMs,
// totalMs, peakRssMb, maxRssMb, bytes}. Processing is the export from the staged dataset: every
// value parsed, typed and written; loading is the staging before it.
// Usage: export-one.mjs <file> <engine.js> <format csv|ndjson>
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, engine, format = 'csv'] = process.argv.slice(2);
const { createRuntime, exportFile } = await import(pathToFileURL(engine).href);
const workspaceDir = mkdtempSync(join(tmpdir(), 'intake-bench-export-'));
const out = join(workspaceDir, `export.${format}`);

let peakRss = process.memoryUsage.rss();
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
const sampler = setInterval(sample, 50);

const runtime = createRuntime({ workspaceDir, shell: 'web', echo: () => {} });
try {
  const started = performance.now();
  const { run: queued } = await exportFile(runtime, {
    file,
    // The same mapping the import benchmark uses (generate.mjs: email per row, created_at ISO).
    quick: {
      type: 'events',
      eventType: 'purchase',
      ids: ['email=email_id'],
      timestamp: 'created_at',
      roles: [],
      statics: [],
      lowercaseIds: false,
    },
    destination: { kind: 'file', path: out, format },
  });
  const run = await runtime.runs.settled(queued.id);
  const totalMs = performance.now() - started;
  sample();
  if (run.status !== 'succeeded') throw new Error(`The export ${run.status}: ${run.error?.message ?? '?'}`);
  const at = (iso) => Date.parse(iso);
  process.stdout.write(
    JSON.stringify({
      rows: run.rows.read,
      counts: run.rows,
      loadingMs: at(run.processingAt) - at(run.startedAt),
      processingMs: at(run.finishedAt) - at(run.processingAt),
      totalMs,
      bytes: statSync(out).size,
      peakRssMb: peakRss / 2 ** 20,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
} finally {
  clearInterval(sampler);
  await runtime.close();
  rmSync(workspaceDir, { recursive: true, force: true });
}
