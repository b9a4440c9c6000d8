import { workerData } from 'node:worker_threads';
import { runPreparer, type PrepareWorkerData } from '../services/destinations/workspace/prepare-pipeline';
import { readBatches } from '../services/runs/run-input';

// Worker-thread entry of a large events run's preparer (see prepare-pipeline): a plain worker,
// started and ended by the run that needs it, not a pool task. It reads the run's input itself.
runPreparer(workerData as PrepareWorkerData, readBatches);
