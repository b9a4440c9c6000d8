// An import for the crash suite to kill: the built engine (out/main/engine.js, the services `intake
// import` runs) imports <file> with the definition <import.json> into <workspace>, and writes each run
// progress event to stdout as one JSON line, as it happens. The CLI prints progress once a second; the
// suite needs every step to SIGKILL the process at an exact row of staging or processing.
// Usage: node import-to-kill.mjs <file> <import.json> <workspace>
import { readFileSync } from 'node:fs';

const [file, definition, workspaceDir] = process.argv.slice(2);
const { createRuntime, importFile } = await import('../../out/main/engine.js');
const runtime = createRuntime({
  workspaceDir,
  shell: 'web',
  echo: (line) => process.stderr.write(`${line}\n`),
});
runtime.bus.subscribe(({ name, payload }) => {
  if (name === 'runs:progress') process.stdout.write(`${JSON.stringify(payload)}\n`);
});
try {
  const recipe = JSON.parse(readFileSync(definition, 'utf8'));
  const { run } = await importFile(runtime, { file, recipe });
  const finished = await runtime.runs.settled(run.id);
  process.stdout.write(`${JSON.stringify({ finished })}\n`);
  // A kill on the run's last event must land however slowly the test reads it: wait before closing
  // (the run's own clean-up, dropping its dataset, goes on meanwhile as it would).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  process.exitCode = finished.status === 'succeeded' ? 0 : 1;
} finally {
  await runtime.close();
}
