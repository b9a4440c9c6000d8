import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
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
import { processRun, type ProcessOutcome, type ProcessTask } from '../services/runs/process-run';

// Worker-thread entry points of the ingest pool. Each is called by name through Piscina.

/** Progress messages are sent at most this often, whatever the file's speed. */
const PROGRESS_INTERVAL_MS = 200;

/** A message from the worker to main while staging. */
export type StageMessage = { type: 'progress'; bytesRead: number; rowCount: number };

/** A message from the worker to main while processing a run. */
export type ProcessMessage = { type: 'progress'; rows: number };

/**
 * Watches a task's port for 'cancel'; the returned function throws CANCELLED once it came. It also
 * polls the port synchronously, because processing never yields to the event loop.
 */
function cancellation(port: MessagePort, what: string): () => void {
  let cancelled = false;
  port.on('message', (message) => {
    if (message === 'cancel') cancelled = true;
  });
  return () => {
    if (!cancelled && receiveMessageOnPort(port)?.message === 'cancel') cancelled = true;
    if (cancelled) throw new IntakeError('CANCELLED', `${what} was cancelled.`);
  };
}

/**
 * Runs a job and returns its outcome as data: an error's code would not survive being thrown
 * across the thread boundary.
 */
async function asResult<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    return { ok: false, error: toAppError(error) };
  }
}

/** Calls `send` at most every PROGRESS_INTERVAL_MS. */
function throttled<A extends unknown[]>(send: (...args: A) => void): (...args: A) => void {
  let lastSent = 0;
  return (...args) => {
    const now = Date.now();
    if (now - lastSent < PROGRESS_INTERVAL_MS) return;
    lastSent = now;
    send(...args);
  };
}

/**
 * Stages a source; `port` carries progress out and a 'cancel' message in. Failures come back as
 * data: an error's code would not survive being thrown across the thread boundary.
 */
export async function stage(task: StageTask & { port: MessagePort }): Promise<Result<StageOutcome>> {
  const { port, ...job } = task;
  const checkpoint = cancellation(port, 'Staging');
  try {
    return await asResult(() =>
      runStageJob(job, {
        progress: throttled((bytesRead: number, rowCount: number) =>
          port.postMessage({ type: 'progress', bytesRead, rowCount } satisfies StageMessage),
        ),
        checkpoint,
      }),
    );
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
}): Promise<Result<ColumnCheckResult[]>> {
  return asResult(() => {
    const reader = new DatasetReader(task.datasetPath, task.nativeBinding);
    try {
      return checkColumns(reader, task.tasks);
    } finally {
      reader.close();
    }
  });
}

/**
 * Processes a run: maps the staged rows and applies them to the workspace in one transaction
 * (see processRun). `port` carries progress out and a 'cancel' message in.
 */
export async function importRun(task: ProcessTask & { port: MessagePort }): Promise<Result<ProcessOutcome>> {
  const { port, ...job } = task;
  const checkpoint = cancellation(port, 'The run');
  try {
    return await asResult(() =>
      processRun(job, {
        progress: throttled((rows: number) =>
          port.postMessage({ type: 'progress', rows } satisfies ProcessMessage),
        ),
        checkpoint,
      }),
    );
  } finally {
    port.close();
  }
}
