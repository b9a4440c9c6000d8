import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { isBusyError } from '../errors/to-app-error';
import type { Exclusive } from './write-lock';

/** How long a write of data tables waits for the workspace before it reports BUSY. */
const WRITE_WAIT_MS = 120_000;

/**
 * Runs `work` as one IMMEDIATE transaction of the data database, for the app's writes of data
 * tables (an ID type, an import's expiry). A run of this process that is writing holds `lock`:
 * the transaction waits for it first, without blocking the event loop. A run of another process
 * shows as SQLITE_BUSY after the connection's busy timeout: the transaction is tried again after a
 * pause, up to WRITE_WAIT_MS. Only the transaction is repeated — `work` must be database work
 * alone, so no dialog, file or message is ever made twice (STYLE: retry the transaction, not the
 * side effects).
 */
export async function writeTransaction<T>(db: Database, lock: Exclusive, work: () => T): Promise<T> {
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    if (lock.busy) await lock(() => undefined);
    try {
      return db.transaction(work).immediate();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (Date.now() > deadline) {
        throw new IntakeError(
          'BUSY',
          `The workspace is busy: another Intake process has been writing to it for over ${WRITE_WAIT_MS / 1000} s. Try again when its import has finished.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1_000)));
    }
  }
}
