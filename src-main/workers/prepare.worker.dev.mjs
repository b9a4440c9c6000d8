// Development/test entry of the prepare worker: registers tsx in this worker thread, then loads
// the TypeScript entry (see ingest.worker.dev.mjs); the built app uses out/main/workers/prepare.worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./prepare.worker.ts');
