import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { unwrap } from '../../src-shared/errors';
import type { Result } from '../../src-shared/result';
import type { JobHandle } from '../services/jobs/job';
import type { TaskFunction } from './define-task';
import type { IngestCall, IngestTasks } from './ingest.worker';

/** A task of the ingest pool, by name. */
export type TaskName = keyof IngestTasks;
/** What task N takes. */
export type TaskPayload<N extends TaskName> =
  IngestTasks[N] extends TaskFunction<infer Payload, infer _Outcome, infer _Progress> ? Payload : never;
/** What task N resolves to. */
export type TaskOutcome<N extends TaskName> =
  IngestTasks[N] extends TaskFunction<infer _Payload, infer Outcome, infer _Progress> ? Outcome : never;
/** What task N posts as progress. */
export type TaskProgress<N extends TaskName> =
  IngestTasks[N] extends TaskFunction<infer _Payload, infer _Outcome, infer Progress> ? Progress : never;

/** Runs one task of the pool: typed by the task table, cancellable, with progress. */
export type RunTask = <N extends TaskName>(
  name: N,
  payload: TaskPayload<N>,
  onProgress?: (progress: TaskProgress<N>) => void,
) => JobHandle<TaskOutcome<N>>;

/**
 * The one helper that runs pool tasks. Each task gets a port of its own: progress arrives on it and
 * `cancel` posts 'cancel' on it. A failed task's Result becomes an IntakeError with its code.
 */
export function createTaskRunner(pool: () => Piscina): RunTask {
  return (name, payload, onProgress) => {
    const channel = new MessageChannel();
    if (onProgress) channel.port2.on('message', (progress) => onProgress(progress as never));
    const call: IngestCall = { task: name, message: { payload, port: channel.port1 } };
    const done = (
      pool().run(call, { transferList: [channel.port1] }) as Promise<Result<TaskOutcome<typeof name>>>
    )
      .then(unwrap)
      .finally(() => channel.port2.close());
    return { done, cancel: () => channel.port2.postMessage('cancel') };
  };
}
