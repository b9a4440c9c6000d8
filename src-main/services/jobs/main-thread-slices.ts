/**
 * Long passes that must run on the main thread (combining kept bitsets a million rows long) give
 * the event loop back between slices, so a click, an IPC reply or a run's progress is never held up
 * for more than one slice. Cheaper than moving the pass to the pool: its inputs (a few megabytes of
 * kept column outcomes) live here, and copying them there would block as long as the pass itself.
 */
export function mainThreadSlices(budgetMs = 8): () => Promise<void> {
  let sliceStarted = performance.now();
  return async () => {
    if (performance.now() - sliceStarted < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
  };
}
