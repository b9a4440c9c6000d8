// Stages one file in a fresh process and prints JSON {seconds, rows, peakRssMb}: peak RSS must
// be measured per process, so each staging run gets its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, engine] = process.argv.slice(2);
const { previewFile, runStageJob } = await import(pathToFileURL(engine).href);
const preview = await previewFile(file);
const dir = mkdtempSync(join(tmpdir(), 'intake-bench-'));
const started = performance.now();
const outcome = await runStageJob(
  {
    spec: { kind: 'file', path: file },
    workspaceDir: dir,
    datasetPath: join(dir, 'dataset.sqlite'),
    format: preview.format,
    dialect: preview.dialect,
    columns: preview.header,
  },
  { progress() {}, checkpoint() {} },
);
const seconds = (performance.now() - started) / 1000;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ seconds, rows: outcome.rowCount, peakRssMb: process.resourceUsage().maxRSS / 1024 }) +
    '\n',
);
