/**
 * Runs tasks one at a time, in call order. SQLite has one writer: processing runs one after the
 * other, while loading (staging into separate files) overlaps freely.
 */
export function createExclusive(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
