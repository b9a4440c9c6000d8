import PQueue from 'p-queue';
import type { Agent, request as Request } from 'undici';
import { IntakeError } from '../../../../src-shared/errors';
import { redactSecrets } from '../../errors/redact';
import { reachError } from '../../sources/connections/connection-errors';
import type { RecordResult } from './outbox';
import type { PlatformApi } from './platform-api';

/** How hard a push may press a platform (per destination; see README "Pushing to a platform"). */
export interface SendPolicy {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per second. */
  requestsPerSecond: number;
  /** Attempts of one request before the run fails (a 429 wait counts as one). */
  maxAttempts: number;
  /** First backoff after a 5xx or a network failure; doubles each time, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  connectMs: number;
  readMs: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  concurrency: 4,
  requestsPerSecond: 20,
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  connectMs: 30_000,
  readMs: 120_000,
};

/** What the sender tells the run's figures. */
export interface SendCounters {
  requests: number;
  retried: number;
  waited429: number;
  lastError: string | null;
  /** The last 2xx answer as received (status and body, cut at 2 KB): "test a record" shows it. */
  response?: string;
}

/**
 * Sends requests to a platform: at most `concurrency` at once and `requestsPerSecond` started per
 * second (p-queue); a 429 waits its Retry-After, a 5xx or a network failure is retried with
 * exponential backoff and jitter up to `maxAttempts`; any other 4xx stops the run with the
 * server's message. A 2xx answer gives each record's outcome; refused records are the caller's to
 * quarantine, never retried.
 */
export class PlatformSender {
  private readonly queue: PQueue;
  /**
   * undici and the connection pool, made at the first request: loading undici was 90 ms of every
   * ingest worker's start-up, and most runs send nothing.
   */
  private http: Promise<{ agent: Agent; request: typeof Request }> | null = null;

  constructor(
    private readonly api: PlatformApi,
    private readonly policy: SendPolicy,
    private readonly counters: SendCounters,
    private readonly signal?: AbortSignal,
  ) {
    // A rate of 0 is no limit: only the concurrency holds.
    this.queue = new PQueue(
      policy.requestsPerSecond > 0
        ? { concurrency: policy.concurrency, intervalCap: policy.requestsPerSecond, interval: 1000 }
        : { concurrency: policy.concurrency },
    );
  }

  /**
   * Sends one request (with its retries); resolves with each record's outcome. `onLeave` runs
   * just before each attempt leaves (the outbox marks the request as possibly received).
   */
  send(body: string, requestId: string, count: number, onLeave?: () => void): Promise<RecordResult[]> {
    return this.queue.add(() => this.attempts(body, requestId, count, onLeave));
  }

  /** Requests queued or in flight. */
  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  async close(): Promise<void> {
    this.queue.clear();
    if (this.http) await (await this.http).agent.close();
  }

  private client(): Promise<{ agent: Agent; request: typeof Request }> {
    this.http ??= import('undici').then(({ Agent, request }) => ({
      request,
      agent: new Agent({
        connect: { timeout: this.policy.connectMs },
        headersTimeout: this.policy.readMs,
        bodyTimeout: this.policy.readMs,
      }),
    }));
    return this.http;
  }

  private async attempts(
    body: string,
    requestId: string,
    count: number,
    onLeave: (() => void) | undefined,
  ): Promise<RecordResult[]> {
    for (let attempt = 1; ; attempt++) {
      this.checkCancelled();
      onLeave?.();
      if (attempt > 1) this.counters.retried++;
      this.counters.requests++;
      let wait: number;
      try {
        const { agent, request } = await this.client();
        const response = await request(this.api.url, {
          method: this.api.method,
          headers: {
            authorization: this.api.authorization,
            'content-type': 'application/json',
            'x-request-id': requestId,
            'user-agent': 'Intake',
          },
          body,
          dispatcher: agent,
          ...(this.signal ? { signal: this.signal } : {}),
        });
        const text = await response.body.text();
        const status = response.statusCode;
        if (status >= 200 && status < 300) {
          this.counters.response = `HTTP ${status} ${text.slice(0, 2048)}`;
          return this.api.results(parseJson(text), count);
        }
        const message = `${this.api.url.replace(/\/projects\/[^/]+/, '/projects/…')} answered HTTP ${status}: ${redactSecrets(text.slice(0, 500)) || '(no message)'}`;
        this.counters.lastError = message;
        if (status === 429) {
          this.counters.waited429++;
          wait = retryAfterMs(response.headers['retry-after']) ?? this.backoff(attempt);
        } else if (status >= 500) {
          wait = this.backoff(attempt);
        } else {
          throw new IntakeError(status === 401 || status === 403 ? 'AUTH' : 'VALIDATION', message, {
            status,
          });
        }
        if (attempt >= this.policy.maxAttempts) {
          throw new IntakeError('NETWORK', `${message} (gave up after ${attempt} attempts)`, { status });
        }
      } catch (error) {
        if (error instanceof IntakeError) throw error;
        this.checkCancelled();
        const coded = reachError(error, { connection: null, target: new URL(this.api.url).origin });
        const message = coded?.message ?? (error instanceof Error ? error.message : String(error));
        this.counters.lastError = message;
        if (attempt >= this.policy.maxAttempts) {
          throw new IntakeError(coded?.code ?? 'NETWORK', `${message} (gave up after ${attempt} attempts)`);
        }
        wait = this.backoff(attempt);
      }
      await sleep(wait, this.signal);
    }
  }

  /** Exponential backoff with full jitter: a crowd of clients does not come back at once. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private checkCancelled(): void {
    if (this.signal?.aborted) throw new IntakeError('CANCELLED', 'The push was cancelled.');
  }
}

/** Retry-After in seconds or as an HTTP date, in ms; null when absent or unreadable. */
function retryAfterMs(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new IntakeError('CANCELLED', 'The push was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
