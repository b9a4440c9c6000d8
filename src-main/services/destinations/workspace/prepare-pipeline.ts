import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { IntakeError } from '../../../../src-shared/errors';
import type { NewestTime } from '../../../../src-shared/mapping/incremental';
import type { RowReject } from '../../../../src-shared/mapping/map-row';
import type { AppError } from '../../../../src-shared/result';
import { toAppError } from '../../errors/to-app-error';
import { resolveWorkerFile } from '../../jobs/worker-file';
import type { BatchShape, PortableRunInput, RecordBatch } from '../destination';
import { EventPreparer, IDS_FROM, type PreparedEvent, type PreparedEvents } from './prepared-events';

/**
 * The processing pipeline of a large events run: one thread reads, maps and prepares the rows
 * (EventPreparer: parsing, the attributes text, the dedup key) while the run's thread writes the
 * previous batches to the workspace. The two halves cost about the same, so on two cores a run
 * takes about as long as the slower one instead of both.
 *
 * The writer never yields to the event loop (its transaction must not interleave with anything),
 * so batches come through a MessagePort read with receiveMessageOnPort, and both sides block with
 * Atomics.wait on a shared counter pair: the preparer stays at most AHEAD batches ahead, which
 * bounds the memory in flight.
 */

/** A prepared batch of events, the rows the mapping rejected, and an incremental run's skipped rows. */
export interface PreparedBatch {
  read: number;
  events: PreparedEvents;
  rejects: RowReject[];
  skipped: number;
  newest: NewestTime | null;
}

export interface PrepareWorkerData {
  input: PortableRunInput;
  port: MessagePort;
  signals: SharedArrayBuffer;
}

/** Reads a portable input's batches on the preparer's thread (the worker entry supplies it). */
export type BatchReader = (
  input: PortableRunInput,
  shape: BatchShape<PreparedEvent>,
) => Iterable<RecordBatch<PreparedEvent>>;

type PrepareMessage =
  { type: 'batch'; batch: PreparedBatch } | { type: 'done' } | { type: 'error'; error: AppError };

/** Signal slots: batches posted, batches taken, 1 once the writer stopped, rows prepared. */
const POSTED = 0;
const TAKEN = 1;
const STOP = 2;
const ALIVE = 3;
/**
 * Events per batch on the pipeline: smaller than inline batches, so fewer prepared events are
 * alive at each young-generation GC of the preparer (2,000 took ~30% longer); a message costs
 * microseconds.
 */
const PIPELINE_BATCH = 500;
/** A batch also ends at this many characters of attributes and IDs, whatever the rows' width. */
const PIPELINE_BATCH_CHARS = 4_000_000;
/** Batches the preparer may be ahead of the writer. */
const AHEAD = 8;
/**
 * A preparer that neither prepared a row nor posted for this long is gone. A thread that dies (out
 * of memory, a crash) tells only the event loop, which the writer never returns to.
 */
const SILENCE_MS = 15_000;
/** How often a waiting writer looks for a cancel and for silence. */
const WAIT_SLICE_MS = 250;

/**
 * Writer side: the preparer thread of one run. It starts preparing as soon as it is made, so it
 * loads its modules and fills its first batches while the writer sets up (reads stored IDs, drops
 * an index): starting it at the first batch kept the writer waiting ~0.2 s for a fresh thread.
 * Whoever makes one must stop() it, whether or not its batches were read.
 */
export class PreparerThread {
  private readonly signals = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  private readonly channel = new MessageChannel();
  private readonly worker: Worker;

  constructor(input: PortableRunInput) {
    const { filename, execArgv } = resolveWorkerFile('prepare.worker');
    this.worker = new Worker(filename, {
      execArgv,
      workerData: {
        input,
        port: this.channel.port1,
        signals: this.signals.buffer as SharedArrayBuffer,
      } satisfies PrepareWorkerData,
      transferList: [this.channel.port1],
      // Left to grow as it likes, this thread's heap made the 1M-event benchmark's peak RSS 344 MB
      // (target 300). The young generation is what speed needs (24 MB: 15 s, 48 MB: 11 s); the old
      // one holds the dataset chunk being read (512 rows) and the batch being built, so 256 MB
      // leaves room for rows of ~100 KB.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48 },
    });
    // The thread's own failures arrive here only after the run is over (the writer never yields):
    // by then the run has failed with the silence error below. Listening keeps them from being
    // thrown at whatever task runs next on this thread.
    this.worker.on('error', () => undefined);
  }

  /**
   * The prepared batches in file order. `whileWaiting` runs while no batch is ready (a cancel
   * check: it may throw); before waiting, `idle` is given the time to do a little deferred work,
   * as long as it returns true (it did some).
   */
  *batches(whileWaiting: () => void, idle: () => boolean = () => false): Generator<PreparedBatch> {
    for (;;) {
      const message = take(this.channel.port2, this.signals, whileWaiting, idle);
      if (message.type === 'done') return;
      if (message.type === 'error')
        throw new IntakeError(message.error.code, message.error.message, message.error.details);
      yield message.batch;
    }
  }

  /** Stops the thread (done or not); more calls do nothing. */
  stop(): void {
    if (Atomics.load(this.signals, STOP)) return;
    Atomics.store(this.signals, STOP, 1);
    Atomics.notify(this.signals, TAKEN);
    this.channel.port2.close();
    void this.worker.terminate();
  }
}

function take(
  port: MessagePort,
  signals: Int32Array,
  whileWaiting: () => void,
  idle: () => boolean,
): PrepareMessage {
  let heard = Atomics.load(signals, ALIVE);
  let heardAt = performance.now();
  for (;;) {
    const posted = Atomics.load(signals, POSTED);
    const received = receiveMessageOnPort(port);
    if (received) {
      Atomics.add(signals, TAKEN, 1);
      Atomics.notify(signals, TAKEN);
      return received.message as PrepareMessage;
    }
    if (idle()) continue;
    if (Atomics.wait(signals, POSTED, posted, WAIT_SLICE_MS) !== 'timed-out') continue;
    whileWaiting();
    const alive = Atomics.load(signals, ALIVE);
    if (alive !== heard) {
      heard = alive;
      heardAt = performance.now();
    } else if (performance.now() - heardAt > SILENCE_MS) {
      throw new IntakeError(
        'INTERNAL',
        `The thread preparing the rows stopped (out of memory, or it crashed) and nothing from the run was imported. ${SILENCE_MS / 1000} s without a row.`,
      );
    }
  }
}

/** Preparer side (the prepare worker's body): reads, maps and prepares every row, then 'done'. */
export function runPreparer(
  { input, port, signals: buffer }: PrepareWorkerData,
  readBatches: BatchReader,
): void {
  const signals = new Int32Array(buffer);
  const post = (message: PrepareMessage) => {
    port.postMessage(message);
    Atomics.add(signals, POSTED, 1);
    Atomics.notify(signals, POSTED);
  };
  try {
    const preparer = new EventPreparer(input.mapping);
    const batches = readBatches(input, {
      prepare: (record, rejects) => {
        Atomics.add(signals, ALIVE, 1);
        return preparer.prepare(record, rejects);
      },
      items: PIPELINE_BATCH,
      maxWeight: PIPELINE_BATCH_CHARS,
      weigh: weightOf,
    });
    for (const { read, items, rejects, skipped, newest } of batches) {
      // Wait while AHEAD batches are unread; stop when the writer did.
      for (;;) {
        if (Atomics.load(signals, STOP)) return;
        const taken = Atomics.load(signals, TAKEN);
        if (Atomics.load(signals, POSTED) - taken < AHEAD) break;
        Atomics.wait(signals, TAKEN, taken, 1_000);
      }
      post({
        type: 'batch',
        batch: { read, events: { events: items, types: preparer.types }, rejects, skipped, newest },
      });
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', error: toAppError(error) });
  } finally {
    port.close();
  }
}

/** Characters of a prepared event's attributes text and IDs: what makes a batch heavy. */
function weightOf(event: PreparedEvent): number {
  let chars = event[2].length;
  for (let i = IDS_FROM; i < event.length; i++) chars += (event[i] as string).length;
  return chars;
}
