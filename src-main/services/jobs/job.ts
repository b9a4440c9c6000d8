/**
 * A job started on another thread (STYLE 7: long work is a job): its outcome, and a way to ask it
 * to stop. Services receive functions returning these, so they never name the worker pool or its
 * tasks (the host wires them, see workers/task-runner.ts).
 */
export interface JobHandle<T> {
  done: Promise<T>;
  /** Asks the job to stop at its next checkpoint; `done` then rejects with CANCELLED. */
  cancel(): void;
}

/** How a job running on a worker thread talks back: progress out, and whether it should stop. */
export interface JobHooks<Progress> {
  /** Throttled by the caller's transport: call as often as is convenient. */
  progress(progress: Progress): void;
  /** Throws CANCELLED when the job was cancelled; called between chunks or batches. */
  checkpoint(): void;
  /**
   * Aborted when the job is cancelled, for work that waits rather than loops: a stalled download
   * or a query that has not answered never reaches a checkpoint.
   */
  signal?: AbortSignal;
}
