import { workerData } from 'node:worker_threads';
import { runPreparer, type PrepareWorkerData } from '../services/runs/prepare-pipeline';

// Worker-thread entry of a large events run's preparer (see prepare-pipeline): a plain worker,
// started and ended by the run that needs it, not a pool task.
runPreparer(workerData as PrepareWorkerData);
