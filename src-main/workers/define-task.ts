import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { IntakeError } from '../../src-shared/errors';
import type { Result } from '../../src-shared/result';
import { toAppError } from '../services/errors/to-app-error';
import type { JobHooks } from '../services/jobs/job';

/** Progress messages are posted at most this often, whatever the job's speed. */
const PROGRESS_INTERVAL_MS = 200;

/** What crosses to a worker for one task: its payload, and the port for progress and 'cancel'. */
export interface TaskMessage<Payload> {
  payload: Payload;
  port: MessagePort;
}

/** A task as the pool runs it. `progressType` only carries the type of its progress messages. */
export interface TaskFunction<Payload, Outcome, Progress> {
  (message: TaskMessage<Payload>): Promise<Result<Outcome>>;
  readonly progressType?: Progress;
}

/**
 * Wraps a job's body as a pool task: progress goes out on the task's port (throttled), a 'cancel'
 * message coming in makes `checkpoint` throw CANCELLED, and the outcome comes back as a Result,
 * because an error's code would not survive being thrown across the thread boundary.
 */
export function defineTask<Payload, Outcome, Progress = never>(
  what: string,
  body: (payload: Payload, hooks: JobHooks<Progress>) => Outcome | Promise<Outcome>,
  /**
   * The typed arrays of the outcome to move to the main thread rather than copy: cloning a few MB
   * (a dozen columns' bitsets for a million rows are 6 MB) held the main thread for 25–30 ms, moving
   * them takes under one. Only for arrays made for this reply: the worker cannot use them
   * afterwards. (Arrays in shared memory cross without either.)
   */
  moved?: (outcome: Outcome) => ArrayBufferView[],
): TaskFunction<Payload, Outcome, Progress> {
  return async ({ payload, port }) => {
    const { checkpoint, signal } = cancellation(port, what);
    const hooks: JobHooks<Progress> = {
      progress: throttled((progress: Progress) => port.postMessage(progress)),
      checkpoint,
      signal,
    };
    try {
      const data = await body(payload, hooks);
      const result: Result<Outcome> = { ok: true, data };
      return moved ? movingBuffers(result, moved(data)) : result;
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    } finally {
      port.close();
    }
  };
}

/**
 * The result, marked for the pool to post with the arrays' buffers in the transfer list. It is
 * typed as the result because that is what the main thread receives: the pool unwraps it.
 */
function movingBuffers<T>(result: T, views: ArrayBufferView[]): T {
  // A buffer shared with other data (a pooled Buffer, a view into a larger array) would be taken
  // from the worker whole, so only buffers the arrays own alone are moved; the rest are copied.
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) {
    const buffer = view.buffer;
    if (buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength)
      buffers.add(buffer);
  }
  return move({ [transferableSymbol]: [...buffers], [valueSymbol]: result as object }) as T;
}

/**
 * Watches a task's port for 'cancel': `checkpoint` throws CANCELLED once it came, and `signal` is
 * aborted with that error (for I/O that is waiting). `checkpoint` also polls the port
 * synchronously, because processing never yields to the event loop.
 */
function cancellation(port: MessagePort, what: string): { checkpoint: () => void; signal: AbortSignal } {
  const controller = new AbortController();
  const cancel = () => {
    if (!controller.signal.aborted) controller.abort(new IntakeError('CANCELLED', `${what} was cancelled.`));
  };
  port.on('message', (message) => {
    if (message === 'cancel') cancel();
  });
  return {
    signal: controller.signal,
    checkpoint: () => {
      if (!controller.signal.aborted && receiveMessageOnPort(port)?.message === 'cancel') cancel();
      if (controller.signal.aborted) throw controller.signal.reason;
    },
  };
}

/**
 * Calls `send` at most every PROGRESS_INTERVAL_MS, and once more with the latest arguments when a
 * quiet spell follows dropped calls: a job that waits (a push waiting on the platform's answers)
 * would otherwise show the progress of its last busy moment until it ends.
 */
function throttled<A extends unknown[]>(send: (...args: A) => void): (...args: A) => void {
  let lastSent = 0;
  let latest: A | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (latest === null) return;
    lastSent = Date.now();
    const args = latest;
    latest = null;
    send(...args);
  };
  return (...args) => {
    const now = Date.now();
    if (now - lastSent >= PROGRESS_INTERVAL_MS) {
      if (timer) clearTimeout(timer);
      timer = null;
      latest = null;
      lastSent = now;
      send(...args);
      return;
    }
    latest = args;
    // unref: a trailing progress message never keeps a finished worker alive.
    timer ??= setTimeout(flush, PROGRESS_INTERVAL_MS - (now - lastSent));
    timer.unref?.();
  };
}
