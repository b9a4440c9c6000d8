import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { IntakeError } from '../../../../src-shared/errors';
import type { MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import type { AppError } from '../../../../src-shared/result';
import { toAppError } from '../../errors/to-app-error';
import { resolveWorkerFile } from '../../jobs/worker-file';
import type { BatchShape, PortableRunInput, RecordBatch } from '../destination';
import { commandPreparer, type CommandPreparerOptions, type PreparedCommand } from './command-preparer';

/**
 * A push's two threads: one reads, maps, hashes and writes the commands (commandPreparer) while
 * the run's thread checks the delta, keeps the outbox and talks to the platform. Building a
 * command costs about what sending it does, so on two cores a push takes about as long as the
 * slower half instead of both. The run's thread waits on the network anyway, so it takes batches
 * as messages on its event loop; the preparer stays at most AHEAD batches ahead (Atomics on a
 * shared counter), which bounds the memory in flight. The thread needs no secret.
 */

/** Plain data for the preparer thread: the run's input and how to build its commands. */
export interface CommandPrepareData {
  kind: 'commands';
  input: PortableRunInput;
  options: Omit<CommandPreparerOptions, 'runStartedAt'> & { runStartedAt: number };
  /** Records per batch. */
  items: number;
  port: MessagePort;
  signals: SharedArrayBuffer;
}

/** Reads a portable input's batches on the preparer's thread (the worker entry supplies it). */
export type CommandBatchReader = (
  input: PortableRunInput,
  shape: BatchShape<PreparedCommand>,
) => Iterable<RecordBatch<PreparedCommand>>;

type CommandMessage =
  | { type: 'batch'; batch: RecordBatch<PreparedCommand> }
  | { type: 'done' }
  | { type: 'error'; error: AppError };

/** Signal slots: batches taken by the run's thread, 1 once it stopped. */
const TAKEN = 0;
const STOP = 1;
/** Batches the preparer may be ahead of the sender (each ~500 commands). */
const AHEAD = 4;

/**
 * The run's side: the prepared batches in file order, from a preparer thread started for this
 * run and ended when the batches end or are left (a failure, a cancel).
 */
export async function* preparedCommandBatches(
  input: PortableRunInput,
  options: CommandPreparerOptions,
  items: number,
): AsyncGenerator<RecordBatch<PreparedCommand>> {
  const signals = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const channel = new MessageChannel();
  const { filename, execArgv } = resolveWorkerFile('prepare.worker');
  const data: CommandPrepareData = {
    kind: 'commands',
    input,
    options: { ...options, runStartedAt: options.runStartedAt.getTime() },
    items,
    port: channel.port1,
    signals: signals.buffer as SharedArrayBuffer,
  };
  const worker = new Worker(filename, {
    execArgv,
    workerData: data,
    transferList: [channel.port1],
    // Less room than the events preparer's: the push's three threads together peaked at 303 MB
    // with 48 MB of young generation here (the target is 300); 24 MB cost no measurable time. The
    // old generation holds the dataset chunk being read and the batches in flight.
    resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 24 },
  });
  const arrived: CommandMessage[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  const deliver = (message: CommandMessage) => {
    if (ended) return;
    ended = message.type !== 'batch';
    arrived.push(message);
    wake?.();
  };
  channel.port2.on('message', deliver);
  worker.on('error', (error) => deliver({ type: 'error', error: toAppError(error) }));
  worker.on('exit', () => {
    // What the thread posted before it ended may still be queued on the port: taken first.
    for (
      let queued = receiveMessageOnPort(channel.port2);
      queued;
      queued = receiveMessageOnPort(channel.port2)
    ) {
      deliver(queued.message as CommandMessage);
    }
    deliver({
      type: 'error',
      error: toAppError(
        new IntakeError(
          'INTERNAL',
          'The thread preparing the records stopped (out of memory, or it crashed) before it read every row.',
        ),
      ),
    });
  });
  try {
    for (;;) {
      while (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const message = arrived.shift()!;
      Atomics.add(signals, TAKEN, 1);
      Atomics.notify(signals, TAKEN);
      if (message.type === 'done') return;
      if (message.type === 'error') {
        throw new IntakeError(message.error.code, message.error.message, message.error.details);
      }
      yield message.batch;
    }
  } finally {
    Atomics.store(signals, STOP, 1);
    Atomics.notify(signals, TAKEN);
    channel.port2.close();
    worker.removeAllListeners('exit');
    void worker.terminate();
  }
}

/** The preparer's side (the prepare worker's body for a push): every row, then 'done'. */
export function runCommandPreparer(data: CommandPrepareData, readBatches: CommandBatchReader): void {
  const { input, options, items, port } = data;
  const signals = new Int32Array(data.signals);
  let posted = 0;
  const post = (message: CommandMessage) => {
    port.postMessage(message);
    posted++;
  };
  try {
    const prepare = commandPreparer({ ...options, runStartedAt: new Date(options.runStartedAt) });
    const batches = readBatches(input, {
      prepare: (record: MappedRecord, rejects: RowReject[]) => prepare(record, rejects),
      items,
    });
    for (const batch of batches) {
      // Wait while AHEAD batches are unread; stop when the run's thread did.
      for (;;) {
        if (Atomics.load(signals, STOP)) return;
        const taken = Atomics.load(signals, TAKEN);
        if (posted - taken < AHEAD) break;
        Atomics.wait(signals, TAKEN, taken, 1_000);
      }
      post({ type: 'batch', batch });
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', error: toAppError(error) });
  } finally {
    port.close();
  }
}
