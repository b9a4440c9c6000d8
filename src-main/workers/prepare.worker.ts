import { workerData } from 'node:worker_threads';
import {
  runCommandPreparer,
  type CommandPrepareData,
} from '../services/destinations/platform/command-pipeline';
import { runPreparer, type PrepareWorkerData } from '../services/destinations/workspace/prepare-pipeline';
import { readBatches } from '../services/runs/run-input';

// Worker-thread entry of a run's preparer: a plain worker, started and ended by the run that needs
// it, not a pool task. It reads the run's input itself and prepares either a large events run's
// rows for the workspace (prepare-pipeline) or a push's commands (command-pipeline).
const data = workerData as PrepareWorkerData | CommandPrepareData;
if ('kind' in data && data.kind === 'commands') runCommandPreparer(data, readBatches);
else runPreparer(data, readBatches);
