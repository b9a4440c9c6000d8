import { describe, expect, it } from 'vitest';
import { mainThreadSlices } from '../../../src-main/services/jobs/main-thread-slices';

/** Whether work queued on the event loop before `step` ran before `step` finished. */
async function letsQueuedWorkRun(step: () => Promise<void>): Promise<boolean> {
  let ran = false;
  setImmediate(() => (ran = true));
  await step();
  return ran;
}

describe('mainThreadSlices', () => {
  it('gives the event loop back once a slice has used its budget', async () => {
    const slice = mainThreadSlices(0);
    const started = performance.now();
    while (performance.now() === started); // let the clock move past the zero budget
    expect(await letsQueuedWorkRun(slice)).toBe(true);
  });

  it('keeps going without a turn of the loop while the slice is within its budget', async () => {
    const slice = mainThreadSlices(60_000);
    expect(await letsQueuedWorkRun(slice)).toBe(false);
    expect(await letsQueuedWorkRun(slice)).toBe(false);
  });

  it('starts a new budget after each turn it gives back', async () => {
    const slice = mainThreadSlices(50);
    const busyUntil = performance.now() + 51;
    while (performance.now() < busyUntil);
    expect(await letsQueuedWorkRun(slice)).toBe(true);
    // Straight after the turn the budget is fresh again.
    expect(await letsQueuedWorkRun(slice)).toBe(false);
  });
});
