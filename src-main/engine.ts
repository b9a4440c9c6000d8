// The ingest engine as a library, for benchmarks and scripts that drive it in-process
// (built to out/main/engine.js). The CLI and both shells use the same functions.
export { previewFile } from './services/preview/preview-source';
export { runStageJob } from './services/stage/stage-job';
export { DatasetReader } from './services/stage/dataset-reader';
// The whole host, for benchmarks that measure what the app does (validation in the pool, main-thread blocking).
export { createRuntime } from './host/runtime';
export { dispatch } from './host/dispatch';
export { registerFile } from './services/sources/register-file';
export { initialMapping } from '../src-shared/mapping/initial-mapping';
export * as mappingEdits from '../src-shared/mapping/mapping-edits';
export { exportFile, importFile } from './services/runs/import-file';
// A real workspace (migrations, pragmas), for the benchmark of SQLite's own floor.
export { openWorkspace } from './services/workspace/workspace';
