import { getPriority, platform, setPriority } from 'node:os';

/** How much lower than the main thread a pool thread runs (nice +10: about a tenth of its CPU weight). */
const BELOW_MAIN = 10;

/**
 * Lowers the calling worker thread's CPU priority, so that on a busy machine (two cores: the pool's
 * thread, its collector's helpers and the main thread) the main thread and the window are served
 * first: with both at the same priority the main thread's own garbage collections stretched from
 * ~10 to 30–45 ms while a validation ran. On a quiet machine nothing changes: the pool still gets
 * every core the main thread is not using.
 *
 * Linux only: there the nice value belongs to the thread that sets it (man 2 setpriority, NOTES);
 * on macOS and Windows the same call would lower the whole app, window included.
 */
export function runBelowMainThread(): void {
  if (platform() !== 'linux') return;
  try {
    // Relative to the thread's own value (inherited from the app), capped at the lowest there is.
    setPriority(Math.min(19, getPriority() + BELOW_MAIN));
  } catch {
    // A container refusing it (seccomp) leaves the thread at the default priority: slower UI under load, nothing lost.
  }
}
