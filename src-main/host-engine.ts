// The host as the app's main thread loads it, and nothing more (built to out/main/host-engine.js):
// for benchmarks that measure the main thread. engine.js also carries the file functions the CLI
// runs in-process (preview, import, export), whose libraries (encoding detection, XML, ZIP) the
// app's main thread never loads — 6 MB more heap for V8's memory reducer to compact mid-measure.
export { createRuntime } from './host/runtime';
export { dispatch } from './host/dispatch';
export { registerFile } from './services/sources/register-file';
export { initialMapping } from '../src-shared/mapping/initial-mapping';
export * as mappingEdits from '../src-shared/mapping/mapping-edits';
export { DatasetReader } from './services/stage/dataset-reader';
