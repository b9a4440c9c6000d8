// The ingest engine as a library, for benchmarks and scripts that drive it in-process
// (built to out/main/engine.js). The CLI and both shells use the same functions.
export { previewFile } from './services/preview/preview-source';
export { runStageJob } from './services/stage/stage-job';
export { DatasetReader } from './services/stage/dataset-reader';
