import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { resolveWorkerFile } from '../services/jobs/worker-file';

/**
 * The one pool of worker threads for ingest work (staging, views): reused across jobs, sized to
 * leave a core for the UI and the main thread (cores − 1, at least 1), memory-capped per thread.
 * Piscina (well kept, used by Fastify and Node's own tooling) gives queuing, reuse and limits.
 */
export function createIngestPool(): Piscina {
  const { filename, execArgv } = resolveWorkerFile('ingest.worker');
  return new Piscina({
    filename,
    execArgv,
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: 60_000,
    // A 16 MB young generation (Node's default is 3× that) costs staging and validation nothing
    // measurable and keeps ~20 MB of RSS off a large events run (its writer is one of these threads).
    resourceLimits: { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 16 },
  });
}
