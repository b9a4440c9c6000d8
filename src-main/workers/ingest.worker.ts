import type { MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { IntakeError } from '../../src-shared/errors';
import type { Result } from '../../src-shared/result';
import { toAppError } from '../services/errors/to-app-error';
import { DatasetReader } from '../services/stage/dataset-reader';
import { buildView, type ViewSpec } from '../services/stage/dataset-view';
import { runStageJob } from '../services/stage/stage-job';
import {
  checkColumns,
  type ColumnCheckResult,
  type ColumnCheckTask,
} from '../services/mapping/check-columns';
import type { StageOutcome, StageTask } from '../services/stage/stage-task';

// Worker-thread entry points of the ingest pool. Each is called by name through Piscina.

/** Progress messages are sent at most this often, whatever the file's speed. */
const PROGRESS_INTERVAL_MS = 200;

/** A message from the worker to main while staging. */
export type StageMessage = { type: 'progress'; bytesRead: number; rowCount: number };

/**
 * Stages a source; `port` carries progress out and a 'cancel' message in. Failures come back as
 * data: an error's code would not survive being thrown across the thread boundary.
 */
export async function stage(task: StageTask & { port: MessagePort }): Promise<Result<StageOutcome>> {
  const { port, ...job } = task;
  let cancelled = false;
  port.on('message', (message) => {
    if (message === 'cancel') cancelled = true;
  });
  let lastSent = 0;
  try {
    const outcome = await runStageJob(job, {
      progress(bytesRead, rowCount) {
        const now = Date.now();
        if (now - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = now;
        port.postMessage({ type: 'progress', bytesRead, rowCount } satisfies StageMessage);
      },
      checkpoint() {
        if (cancelled) throw new IntakeError('CANCELLED', 'Staging was cancelled.');
      },
    });
    return { ok: true, data: outcome };
  } catch (error) {
    return { ok: false, error: toAppError(error) };
  } finally {
    port.close();
  }
}

/** Builds a sorted/filtered view of a staged dataset; returns the row indexes (transferred, not copied). */
export function view(task: {
  datasetPath: string;
  spec: ViewSpec;
  nativeBinding?: string;
}): ReturnType<typeof Piscina.move> {
  const reader = new DatasetReader(task.datasetPath, task.nativeBinding);
  try {
    return Piscina.move(buildView(reader, task.spec));
  } finally {
    reader.close();
  }
}

/** Checks mapped columns over every row of a staged dataset (validation of the mapping step). */
export function check(task: {
  datasetPath: string;
  tasks: ColumnCheckTask[];
  nativeBinding?: string;
}): Result<ColumnCheckResult[]> {
  try {
    const reader = new DatasetReader(task.datasetPath, task.nativeBinding);
    try {
      return { ok: true, data: checkColumns(reader, task.tasks) };
    } finally {
      reader.close();
    }
  } catch (error) {
    return { ok: false, error: toAppError(error) };
  }
}
