import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { IntakeError } from '../../../src-shared/errors';
import type { RowReject } from '../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { AppError } from '../../../src-shared/result';
import { EventPreparer, type PreparedEvents } from '../destinations/workspace/prepared-events';
import { toAppError } from '../errors/to-app-error';
import { DatasetReader } from '../stage/dataset-reader';
import { resolveWorkerFile } from '../../workers/worker-file';
import { mappedBatches } from './mapped-batches';

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

/** A prepared batch of events and the rows the mapping rejected. */
export interface PreparedBatch {
  read: number;
  events: PreparedEvents;
  rejects: RowReject[];
}

export interface PrepareWorkerData {
  datasetPath: string;
  mapping: ImportMapping;
  nativeBinding?: string;
  port: MessagePort;
  signals: SharedArrayBuffer;
}

type PrepareMessage =
  { type: 'batch'; batch: PreparedBatch } | { type: 'done' } | { type: 'error'; error: AppError };

/** Signal slots: batches posted, batches taken, and 1 once the writer stops early. */
const POSTED = 0;
const TAKEN = 1;
const STOP = 2;
/** Batches the preparer may be ahead of the writer. */
const AHEAD = 4;
/**
 * A preparer silent this long is gone (it posts every few milliseconds while alive). A thread that
 * dies (out of memory) tells only the event loop, which the writer never returns to.
 */
const SILENCE_MS = 30_000;

/** Writer side: prepared batches in file order, from a preparer thread started for this run. */
export function* preparedBatches(
  task: Omit<PrepareWorkerData, 'port' | 'signals'>,
): Generator<PreparedBatch> {
  const signals = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const channel = new MessageChannel();
  const { filename, execArgv } = resolveWorkerFile('prepare.worker');
  const worker = new Worker(filename, {
    execArgv,
    workerData: { ...task, port: channel.port1, signals: signals.buffer } satisfies PrepareWorkerData,
    transferList: [channel.port1],
    // Left to grow as it likes, this thread's heap took ~90 MB more (peak RSS 344 MB against the
    // 300 MB target); capped, it spends more time in GC: a young generation of 48 MB kept the run
    // at 11.4 s and ~270 MB (24 MB: 15 s). The old generation holds AHEAD batches of rows, which
    // grow with the mapping's width.
    resourceLimits: {
      maxOldGenerationSizeMb: 80 + 2 * task.mapping.columns.length,
      maxYoungGenerationSizeMb: 48,
    },
  });
  try {
    for (;;) {
      const message = take(channel.port2, signals);
      if (message.type === 'done') return;
      if (message.type === 'error')
        throw new IntakeError(message.error.code, message.error.message, message.error.details);
      yield message.batch;
    }
  } finally {
    Atomics.store(signals, STOP, 1);
    Atomics.notify(signals, TAKEN);
    channel.port2.close();
    void worker.terminate();
  }
}

function take(port: MessagePort, signals: Int32Array): PrepareMessage {
  let silentSince = Date.now();
  for (;;) {
    const posted = Atomics.load(signals, POSTED);
    const received = receiveMessageOnPort(port);
    if (received) {
      Atomics.add(signals, TAKEN, 1);
      Atomics.notify(signals, TAKEN);
      return received.message as PrepareMessage;
    }
    if (Atomics.wait(signals, POSTED, posted, 1_000) === 'timed-out') {
      if (Date.now() - silentSince > SILENCE_MS)
        throw new IntakeError(
          'INTERNAL',
          `The thread preparing the rows stopped answering for ${SILENCE_MS / 1000} s (out of memory?); nothing from the run was imported.`,
        );
    } else silentSince = Date.now();
  }
}

/** Preparer side (the prepare worker's body): reads, maps and prepares every row, then 'done'. */
export function runPreparer({
  datasetPath,
  mapping,
  nativeBinding,
  port,
  signals: buffer,
}: PrepareWorkerData): void {
  const signals = new Int32Array(buffer);
  const post = (message: PrepareMessage) => {
    port.postMessage(message);
    Atomics.add(signals, POSTED, 1);
    Atomics.notify(signals, POSTED);
  };
  let reader: DatasetReader | null = null;
  try {
    reader = new DatasetReader(datasetPath, nativeBinding);
    const preparer = new EventPreparer(mapping);
    const batches = mappedBatches(reader, mapping, (record, rejects) => preparer.prepare(record, rejects));
    for (const { read, items, rejects } of batches) {
      // Wait while AHEAD batches are unread; stop when the writer did.
      for (;;) {
        if (Atomics.load(signals, STOP)) return;
        const taken = Atomics.load(signals, TAKEN);
        if (Atomics.load(signals, POSTED) - taken < AHEAD) break;
        Atomics.wait(signals, TAKEN, taken, 1_000);
      }
      post({ type: 'batch', batch: { read, events: { events: items, types: preparer.types }, rejects } });
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', error: toAppError(error) });
  } finally {
    reader?.close();
    port.close();
  }
}
