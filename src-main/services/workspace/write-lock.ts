/** Runs async tasks one at a time, in call order. */
export type Exclusive = <T>(task: () => Promise<T> | T) => Promise<T>;

/**
 * The workspace's write lock. SQLite has one writer, and a run's processing holds it for the whole
 * run (one transaction, so nothing partial survives a crash); main-thread writes that can wait for
 * it (staging finishing, run bookkeeping) queue here instead of blocking the event loop on
 * SQLITE_BUSY. Loading (staging into separate files) overlaps freely.
 */
export function createExclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(() => task());
    tail = result.catch(() => undefined);
    return result;
  };
}
