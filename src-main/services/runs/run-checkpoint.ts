import { toAppError } from '../errors/to-app-error';
import type { RunServiceDeps } from './run-service';

/**
 * Processes a run under the data database's write lock and, once processing has ended (the run
 * succeeded, failed or was cancelled), checkpoints the log while still holding it. The run is
 * settled at once — the checkpoint is not on its clock — and the checkpoint comes before anything
 * else of this process writes data tables, so the next run starts on an empty log. After a
 * success it copies the run's pages into the database; after a failure it truncates the pages a
 * rolled-back transaction left (92 MB on a full disk, seen in the hardening issue). It runs on a
 * pool thread, never blocking the main thread, and is best effort: a reader that outlasts its
 * wait, or a full disk, leaves the log for the next checkpoint (the next run's, or start-up's).
 */
export function processThenCheckpoint(
  deps: Pick<RunServiceDeps, 'writeLock' | 'checkpointInPool' | 'log'>,
  process: () => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    void deps.writeLock(async () => {
      await process().then(resolve, reject);
      try {
        const result = await deps.checkpointInPool();
        if (result.busy) {
          deps.log.info('the checkpoint after a run waited for a reader and left the log to the next one', {
            walFrames: result.walFrames,
            checkpointed: result.checkpointed,
          });
        }
      } catch (error) {
        deps.log.warn('could not checkpoint the write-ahead log after a run', {
          error: toAppError(error).message,
        });
      }
    });
  });
}
