import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { IntakeError } from '../../../../src-shared/errors';
import { redactSecrets } from '../../errors/redact';
import { reachError } from '../connections/connection-errors';
import { settingsOf, type ResolvedConnection } from '../connections/resolved-connection';
import { chainedStream } from './chained-stream';
import type { ByteConnector, ConnectorContext, ReadPhase, SourceBytes } from './connector';

/** The seeds' timeouts for HTTP(S) sources: 30 s to connect, an hour to the first byte and between bytes. */
export const URL_TIMEOUTS = { connectMs: 30_000, readMs: 3_600_000 };
/** Redirects followed before a feed is refused. */
const MAX_REDIRECTS = 5;
/** The header feeds built for the platforms read to tell the requests apart. */
export const PHASE_HEADER = 'X-Exponea-Import-Phase';

/**
 * An HTTP(S) feed (DESIGN §5): GET with the phase header (`sample` for the encoding-detection
 * head, `preview` for the preview, `download` for the run), Basic auth from a `url` connection,
 * TLS certificates verified, up to 5 redirects, gzip and deflate content encodings decoded and a
 * `.gz` address decompressed. undici, not Node's fetch: fetch has no connect timeout and fixed
 * 5-minute header and body timeouts, and the seed's feeds may take an hour to start answering.
 */
export const urlConnector: ByteConnector<'url'> = {
  kind: 'url',
  reads: 'bytes',
  phased: true,
  describe(spec) {
    const shown = redactSecrets(spec.url);
    const path = safeUrl(spec.url)?.pathname.split('/').filter(Boolean).at(-1);
    return {
      name: path ? decodeName(path) : (safeUrl(spec.url)?.host ?? shown),
      detail: shown,
      changes: true,
    };
  },
  // A feed can change between two requests and says nothing cheap about it: never reuse a preview.
  fingerprint: () => Promise.resolve(null),
  async head(spec, maxBytes, phase, context) {
    const body = await get(spec.url, phase, context);
    const chunks: Buffer[] = [];
    let length = 0;
    let isComplete = true;
    for await (const chunk of body.stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= maxBytes) {
        isComplete = false;
        break;
      }
    }
    body.stream.destroy();
    const bytes = Buffer.concat(chunks);
    return {
      bytes: bytes.subarray(0, maxBytes),
      isComplete: isComplete && bytes.length <= maxBytes,
      size: body.size,
    };
  },
  fetch: (spec, context) => get(spec.url, 'download', context),
};

/** GETs a feed and returns its decoded body as a stream. */
async function get(url: string, phase: ReadPhase, context: ConnectorContext): Promise<SourceBytes> {
  const parsed = safeUrl(url);
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    throw new IntakeError('VALIDATION', `"${redactSecrets(url)}" is not an http:// or https:// address.`, {
      field: 'url',
    });
  }
  const connection = context.connection ?? null;
  const target = `${parsed.protocol}//${parsed.host}`;
  const where = { connection: connection?.name ?? null, target };
  const headers: Record<string, string> = {
    [PHASE_HEADER]: phase,
    'accept-encoding': 'gzip, deflate',
    'user-agent': 'Intake',
  };
  const auth = basicAuth(connection);
  if (auth) headers.authorization = auth;
  let response: Dispatcher.ResponseData;
  try {
    // Loaded on first use, like the database and storage drivers: most processes never read a feed.
    const { request } = await import('undici');
    response = await request(parsed, {
      method: 'GET',
      headers,
      dispatcher: await dispatcherFor(context),
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    if (/redirect loop/i.test(error instanceof Error ? error.message : '')) {
      throw new IntakeError('NETWORK', `${redactSecrets(url)} redirects in a loop.`, where);
    }
    throw reachError(error, where) ?? error;
  }
  const status = response.statusCode;
  if (status >= 300 && status < 400) {
    discard(response.body);
    throw new IntakeError(
      'NETWORK',
      `${redactSecrets(url)} redirected more than ${MAX_REDIRECTS} times (HTTP ${status}).`,
      { ...where, status },
    );
  }
  if (status >= 400) {
    discard(response.body);
    throw statusError(status, redactSecrets(url), connection);
  }
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(null, chunk);
    },
  });
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  const gzipped = encoding.includes('gzip') || (encoding === '' && parsed.pathname.endsWith('.gz'));
  const decoder = gzipped ? createGunzip() : encoding.includes('deflate') ? createInflate() : null;
  const length = Number(response.headers['content-length']);
  return {
    stream: chainedStream(
      [response.body, counter, ...(decoder ? [decoder] : [])],
      (error: Error & { code?: string }) =>
        reachError(error, where) ??
        (error.code?.startsWith('Z_')
          ? new IntakeError(
              'PARSE',
              `${redactSecrets(url)} is not valid compressed data: ${error.message}`,
              where,
            )
          : error),
    ),
    size: Number.isFinite(length) && encoding === '' && !gzipped ? length : null,
    bytesRead: () => received,
  };
}

/** Drops a response body no one reads, without an unhandled 'aborted' error. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function statusError(status: number, url: string, connection: ResolvedConnection | null): IntakeError {
  if (status === 401) {
    const user = connection ? settingsOf(connection, ['url'], 'A feed').user : '';
    return new IntakeError(
      'AUTH',
      connection
        ? `${url} refused the credentials of connection "${connection.name}"${user ? ` (user "${user}")` : ''} (HTTP 401).`
        : `${url} needs credentials (HTTP 401): choose a URL connection with its user and password.`,
      { status, ...(connection ? { connection: connection.name } : {}) },
    );
  }
  if (status === 403) return new IntakeError('PERMISSION', `${url} refused access (HTTP 403).`, { status });
  if (status === 404 || status === 410)
    return new IntakeError('NOT_FOUND', `${url} does not exist (HTTP ${status}).`, { status });
  return new IntakeError('NETWORK', `${url} answered HTTP ${status}.`, { status });
}

function basicAuth(connection: ResolvedConnection | null): string | null {
  if (!connection) return null;
  const { user } = settingsOf(connection, ['url'], 'A feed');
  if (!user && !connection.secret) return null;
  return `Basic ${Buffer.from(`${user}:${connection.secret ?? ''}`).toString('base64')}`;
}

/** One dispatcher per timeout setting: pooled connections, TLS verified, redirects followed. */
const dispatchers = new Map<string, Dispatcher>();
async function dispatcherFor(context: ConnectorContext): Promise<Dispatcher> {
  const { Agent, interceptors } = await import('undici');
  const timeouts = { ...URL_TIMEOUTS, ...context.timeouts };
  const key = `${timeouts.connectMs}:${timeouts.readMs}`;
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    dispatcher = new Agent({
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.readMs,
      bodyTimeout: timeouts.readMs,
    }).compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function decodeName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
