// Development/test entry of the ingest worker: registers tsx in this worker thread, then loads
// the TypeScript entry. Worker threads ignore `--import` loaders, so the source cannot be loaded
// directly; the built app uses out/main/workers/ingest.worker.js instead.
import { register } from 'tsx/esm/api';

register();
const entry = await import('./ingest.worker.ts');

/** See ingest.worker.ts. */
export default entry.default;
