import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { IntakeError } from '../../../../../src-shared/errors';
import type { ErrorCode } from '../../../../../src-shared/result';
import { reachError } from '../../connections/connection-errors';
import type { ResolvedConnection } from '../../connections/resolved-connection';
import type { ConnectorContext, SourceColumn, SourceRows } from '../connector';

/** The seeds' connect timeout for network sources (DESIGN §5), connect and log-in included. */
export const CONNECT_TIMEOUT_MS = 30_000;

/** The connect timeout of a read: the seeds' 30 s unless the context shortens it (tests). */
export function connectTimeoutMs(context: ConnectorContext): number {
  return context.timeouts?.connectMs ?? CONNECT_TIMEOUT_MS;
}

/** A database server as errors name it: the connection by its name, the server and the user. */
export interface ServerTarget {
  connection: string;
  /** `PostgreSQL at db.example.com:5432 as "analyst"`. */
  target: string;
  details: Record<string, unknown>;
}

/** How errors name a network database server (never with the secret). */
export function serverTarget(
  engine: string,
  connection: ResolvedConnection,
  settings: { host: string; port: number; user: string; database: string },
): ServerTarget {
  return {
    connection: connection.name,
    target: `${engine} at ${settings.host}:${settings.port} as "${settings.user}"`,
    details: {
      connection: connection.name,
      host: settings.host,
      port: settings.port,
      user: settings.user,
      database: settings.database,
    },
  };
}

/** A coded error about a server: what happened, which connection and server, and the server's words. */
export function serverError(
  code: ErrorCode,
  where: ServerTarget,
  what: string,
  reason: string,
  cause?: string,
): IntakeError {
  return new IntakeError(code, `${what} (connection "${where.connection}", ${where.target}): ${reason}`, {
    ...where.details,
    ...(cause ? { cause } : {}),
  });
}

/** A connect that gave up after the timeout, as reachError reads it (TIMEOUT). */
export function connectTimedOut(where: ServerTarget, timeoutMs: number): IntakeError {
  const error = Object.assign(new Error(`no answer within ${formatSeconds(timeoutMs)} (connect timeout)`), {
    code: 'ETIMEDOUT',
  });
  return reachError(error, where)!;
}

/** What a driver hands `sourceRows`: its rows in batches as they arrive, the first already read. */
export interface OpenCursor {
  batches: AsyncIterator<unknown[][]>;
  /** The first batch (or the end): reading it proved the server started the query, or refused it. */
  first: IteratorResult<unknown[][]>;
}

/**
 * A cursor's rows as a row source: at most `maxRows`, each converted, errors mapped, and `release`
 * called exactly once — at the end, when the reader stops early or closes, or when the context's
 * signal aborts (cancel). Rows come out one by one, but are read in batches: one await per batch,
 * not per row.
 */
export function sourceRows(options: {
  columns: SourceColumn[];
  cursor: OpenCursor;
  maxRows: number;
  convert: ((row: unknown[]) => unknown[]) | null;
  mapError: (error: unknown) => unknown;
  release: () => void;
  signal?: AbortSignal | undefined;
}): SourceRows {
  const { cursor, maxRows, convert, mapError, signal } = options;
  let released = false;
  const close = () => {
    if (released) return;
    released = true;
    signal?.removeEventListener('abort', close);
    // Ending the batches stops the driver's reads; then the connection itself goes.
    void cursor.batches.return?.().catch(() => undefined);
    options.release();
  };
  signal?.addEventListener('abort', close, { once: true });
  async function* read(): AsyncGenerator<unknown[]> {
    try {
      let count = 0;
      for (let next = cursor.first; !next.done;) {
        for (const row of next.value) {
          if (count++ >= maxRows || released) return;
          yield convert ? convert(row) : row;
        }
        if (count >= maxRows) return;
        try {
          next = await cursor.batches.next();
        } catch (error) {
          // Closed while a read was in flight: the reader asked to stop, so no error of it counts.
          if (released) return;
          throw mapError(error);
        }
      }
    } finally {
      close();
    }
  }
  return { columns: options.columns, rows: read(), close };
}

/**
 * A Readable's objects in batches of what it has buffered: one await per batch rather than per
 * row, while the stream keeps its back-pressure (it pauses its source when its buffer is full).
 */
export async function* readableBatches(stream: Readable): AsyncGenerator<unknown[][]> {
  const ended = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
  });
  ended.catch(() => undefined);
  for (;;) {
    const batch: unknown[][] = [];
    for (let row = stream.read() as unknown[] | null; row !== null; row = stream.read() as unknown[] | null) {
      batch.push(row);
    }
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (stream.readableEnded) return;
    const waiting = new AbortController();
    try {
      await Promise.race([once(stream, 'readable', { signal: waiting.signal }), ended]);
    } finally {
      waiting.abort();
    }
    if (stream.readableEnded) return;
  }
}

/** Milliseconds as "30 s" or "0.5 s". */
function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
