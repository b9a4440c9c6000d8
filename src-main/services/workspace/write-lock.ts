/** Runs async tasks one at a time, in call order; `busy` while one runs or waits. */
export type Exclusive = (<T>(task: () => Promise<T> | T) => Promise<T>) & { readonly busy: boolean };

/**
 * The workspace's write lock. SQLite has one writer, and a run's processing holds it for the whole
 * run (one transaction, so nothing partial survives a crash); main-thread writes that can wait for
 * it (staging finishing, run bookkeeping) queue here instead of blocking the event loop on
 * SQLITE_BUSY. Loading (staging into separate files) overlaps freely.
 */
export function createExclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  const run = <T>(task: () => Promise<T> | T): Promise<T> => {
    pending++;
    const result = tail.then(() => task());
    // Registered before the caller can await `result`, so a caller resuming after its task sees
    // the lock free (unless another task waits).
    const release = () => {
      pending--;
    };
    result.then(release, release);
    tail = result.catch(() => undefined);
    return result;
  };
  return Object.defineProperty(run, 'busy', { get: () => pending > 0 }) as Exclusive;
}
