import { Readable } from 'node:stream';
import { IntakeError } from '../../../../../src-shared/errors';
import type { ErrorCode } from '../../../../../src-shared/result';
import { reachError } from '../../connections/connection-errors';
import type { ConnectorContext } from '../connector';
import { READ_CHUNK_BYTES } from '../file';

/**
 * The storage clients' timeouts: 30 s to connect and for a request's answer to start (DESIGN §5's
 * connect timeout), and 5 minutes without a byte while a transfer waits for one. A storage server
 * streams a stored file at once, so a long silence is a stalled transfer, not a feed preparing its
 * answer (URL feeds wait an hour). ConnectorContext.timeouts overrides either.
 */
export const STORAGE_TIMEOUTS = { connectMs: 30_000, readMs: 300_000 };

/** The timeouts a client applies: the context's, else the defaults. */
export function timeoutsOf(context: ConnectorContext): { connectMs: number; readMs: number } {
  return {
    connectMs: context.timeouts?.connectMs ?? STORAGE_TIMEOUTS.connectMs,
    readMs: context.timeouts?.readMs ?? STORAGE_TIMEOUTS.readMs,
  };
}

/** What every storage error names: the connection, and where it tried (host, bucket, container). */
export interface StorageTarget {
  connection: string;
  target: string;
}

/** A coded error whose message ends with the target and connection, and whose details name both. */
export function storageError(
  code: ErrorCode,
  message: string,
  where: StorageTarget,
  details: Record<string, unknown> = {},
): IntakeError {
  return new IntakeError(code, `${message} (${where.target}, connection "${where.connection}")`, {
    connection: where.connection,
    target: where.target,
    ...details,
  });
}

/**
 * Object stores have no folders: a prefix that nothing lies under is a folder that does not
 * exist, refused as NOT_FOUND naming it and where it was looked for ("bucket "x"").
 */
export function refuseEmptyFolder(
  prefix: string,
  anything: boolean,
  folder: string,
  within: string,
  where: StorageTarget,
): void {
  if (prefix === '' || anything) return;
  throw storageError('NOT_FOUND', `The folder "${folder}" does not exist in ${within}`, where, {
    path: folder,
  });
}

/** A failure no client mapping recognised: NETWORK or TIMEOUT when it is one, else IO with its reason. */
export function unexpectedError(error: unknown, where: StorageTarget, doing: string): IntakeError {
  const reached = reachError(error, where);
  if (reached) return reached;
  const reason = error instanceof Error ? error.message : String(error);
  return storageError('IO', `${doing} failed: ${reason}`, where);
}

/** The error a request that outlived its time limit ends with. */
export function timeoutError(where: StorageTarget, doing: string, ms: number): IntakeError {
  return storageError('TIMEOUT', `${doing}: no answer in ${seconds(ms)}`, where, { timeoutMs: ms });
}

/** The error a cancelled transfer ends with. */
export function cancelledError(): IntakeError {
  return new IntakeError('CANCELLED', 'The transfer was cancelled.');
}

/**
 * Runs one request (or a listing's pages) under a time limit, linked to the context's cancel
 * signal. `run` gets the signal to hand to the client and `restart`, which a paged listing calls
 * after each page so the limit applies per request. When the limit passes, the request's own
 * failure (an abort, or nothing at all for clients that take no signal) becomes TIMEOUT.
 */
export async function withDeadline<T>(
  ms: number,
  cancel: AbortSignal | undefined,
  onTimeout: () => IntakeError,
  run: (signal: AbortSignal, restart: () => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const signal = cancel ? AbortSignal.any([cancel, controller.signal]) : controller.signal;
  let timer: NodeJS.Timeout | undefined;
  let fired: IntakeError | null = null;
  let rejectTimeout: (error: IntakeError) => void = () => undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    rejectTimeout = reject;
  });
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      fired = onTimeout();
      rejectTimeout(fired);
      controller.abort(fired);
    }, ms);
  };
  let rejectCancel: (error: IntakeError) => void = () => undefined;
  const cancelled = new Promise<never>((_resolve, reject) => {
    rejectCancel = reject;
  });
  const onCancel = () => rejectCancel(cancelledError());
  if (cancel?.aborted) throw cancelledError();
  cancel?.addEventListener('abort', onCancel, { once: true });
  restart();
  try {
    // The client's own failure after the limit passed (an AbortError) is the timeout too.
    const running = run(signal, restart).catch((error: unknown) => {
      throw fired ?? error;
    });
    return await Promise.race([running, expired, cancelled]);
  } finally {
    clearTimeout(timer);
    cancel?.removeEventListener('abort', onCancel);
    // Whichever lost the race must not surface as an unhandled rejection.
    expired.catch(() => undefined);
    cancelled.catch(() => undefined);
  }
}

/**
 * A download's bytes, checked on the way: an error of the transfer becomes a coded error naming
 * the file (NETWORK when the connection broke), a stream that ends before `size` bytes (or whose
 * checksum differs, when one is given) fails instead of passing a partial or damaged file on as
 * if whole, and waiting longer than `readMs` for bytes the reader asked for fails with TIMEOUT.
 * The wait is timed only while the reader wants data, so slow staging (back-pressure) is never
 * mistaken for a stalled server.
 */
export function checkedDownload(
  source: Readable,
  options: {
    name: string;
    size: number;
    readMs: number;
    where: StorageTarget;
    mapError?: (error: unknown) => IntakeError | null;
    cancel?: AbortSignal | undefined;
    /** A checksum the bytes must match (the server's stored hash), checked at the end. */
    verify?: { update(chunk: Buffer): void; mismatch(): string | null };
  },
): Readable {
  const { name, size, readMs, where } = options;
  let received = 0;
  let timer: NodeJS.Timeout | undefined;
  const stopTimer = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const fail = (error: Error) => {
    stopTimer();
    if (!checked.destroyed) checked.destroy(error);
  };
  const armTimer = () => {
    timer ??= setTimeout(
      () =>
        fail(
          storageError(
            'TIMEOUT',
            `The transfer of "${name}" stalled: no data for ${seconds(readMs)}`,
            where,
            {
              file: name,
              bytesRead: received,
              timeoutMs: readMs,
            },
          ),
        ),
      readMs,
    );
  };
  const checked = new Readable({
    highWaterMark: READ_CHUNK_BYTES,
    read() {
      armTimer();
      source.resume();
    },
    destroy(error, done) {
      stopTimer();
      options.cancel?.removeEventListener('abort', onCancel);
      source.destroy();
      done(error);
    },
  });
  const onCancel = () => fail(cancelledError());
  options.cancel?.addEventListener('abort', onCancel, { once: true });
  // Network reads come in 16–64 KB (HTTP) or 254 KB (SFTP) pieces; staging is tuned for the
  // 1 MB pieces a file is read in (one transaction and one scan per piece), so pieces are joined.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (): boolean => {
    const piece = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return checked.push(piece);
  };
  source.pause();
  source.on('data', (chunk: Buffer) => {
    stopTimer();
    received += chunk.length;
    options.verify?.update(chunk);
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < READ_CHUNK_BYTES || flush()) armTimer();
    else source.pause();
  });
  source.once('end', () => {
    stopTimer();
    if (pendingBytes > 0 && received >= size) flush();
    if (received < size) {
      fail(
        storageError(
          'NETWORK',
          `The transfer of "${name}" broke off after ${received.toLocaleString('en')} of ${size.toLocaleString('en')} bytes`,
          where,
          { file: name, bytesRead: received, size },
        ),
      );
      return;
    }
    const mismatch = options.verify?.mismatch() ?? null;
    if (mismatch) {
      fail(
        storageError('IO', `The download of "${name}" was damaged in transfer: ${mismatch}`, where, {
          file: name,
        }),
      );
      return;
    }
    options.cancel?.removeEventListener('abort', onCancel);
    checked.push(null);
  });
  source.once('error', (error) => {
    const mapped = options.mapError?.(error) ?? null;
    if (mapped) return fail(mapped);
    const reached = reachError(error, where);
    const reason = error instanceof Error ? error.message : String(error);
    fail(
      storageError(
        reached?.code ?? 'NETWORK',
        `The transfer of "${name}" failed after ${received.toLocaleString('en')} of ${size.toLocaleString('en')} bytes: ${reason}`,
        where,
        { file: name, bytesRead: received, size },
      ),
    );
  });
  return checked;
}

/**
 * A listing in name order (as the selection rules compare names), whatever order the server
 * answered in: an SFTP folder comes in directory order, so "the first file" a preview shows
 * would otherwise change from server to server.
 */
export function byName<T extends { name: string }>(files: T[]): T[] {
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** An object's key as typed (`/exports/a.csv` or `exports/a.csv`): object keys have no leading '/'. */
export function keyOf(path: string): string {
  return path.replace(/^\/+/, '');
}

/** The folder a listing reads, as a key prefix: '' for the root, else ending with one '/'. */
export function prefixOf(folder: string): string {
  const trimmed = keyOf(folder);
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
