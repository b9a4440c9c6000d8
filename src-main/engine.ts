// The ingest engine as a library, for benchmarks and scripts that drive it in-process
// (built to out/main/engine.js). The CLI and both shells use the same functions.
// The whole host (what the app's main thread loads), for benchmarks that measure what the app does.
export * from './host-engine';
export { previewFile } from './services/preview/preview-source';
export { runStageJob } from './services/stage/stage-job';
export { exportFile, importFile } from './services/runs/import-file';
// A real workspace (migrations, pragmas), for the benchmark of SQLite's own floor.
export { openWorkspace } from './services/workspace/workspace';
