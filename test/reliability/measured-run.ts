import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ErrorCode } from '../../src-shared/result';

// One run of the built `intake` CLI under a time and memory budget, and what its outcome says: a
// success, a clear refusal (a coded JSON error naming the problem), or a crash, a hang or an unclear
// message — the three the reliability suite counts and wants at zero.

/** Runs bin/intake.mjs in-process and reports the peak RSS on fd 3 (see the file's comment). */
const MEASURED_INTAKE = fileURLToPath(new URL('./measured-intake.mjs', import.meta.url));

/** Every code a refusal may carry; INTERNAL is the code of a bug, so it is left out on purpose. */
const REFUSAL_CODES: Record<Exclude<ErrorCode, 'INTERNAL'>, true> = {
  VALIDATION: true,
  UNKNOWN_REQUEST: true,
  UNAUTHORIZED: true,
  NOT_FOUND: true,
  LIMIT: true,
  PARSE: true,
  IO: true,
  CANCELLED: true,
  INTERRUPTED: true,
  BUSY: true,
  AUTH: true,
  NETWORK: true,
  TIMEOUT: true,
  PERMISSION: true,
  HOST_KEY: true,
  DISK_FULL: true,
};

/** A V8 stack frame as Node prints an uncaught error's trace. */
const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|<anonymous>|native).*\)?$/m;

/** What a refusal's message must not read like: internals leaking instead of the problem named. */
const INTERNALS = [
  /\bundefined\b/,
  /\[object \w+\]/,
  /\bNaN\b/,
  /Cannot read propert/,
  /is not a function/,
  /is not defined/,
  /Maximum call stack/,
  /heap out of memory/i,
  /Unexpected token/,
];

/** How a run ended: the first two are fine, the last three are counted and must be zero. */
export type OutcomeKind = 'success' | 'refusal' | 'crash' | 'hang' | 'unclear';

/** One measured run: its verdict, its cost and what it printed. */
export interface Outcome {
  kind: OutcomeKind;
  /** Why a crash or an unclear message was called so. */
  why: string;
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
  /** CPU milliseconds (user + system, all threads); null when the process died before it could say. */
  cpuMs: number | null;
  /** Peak RSS in MB; null when the process died before it could say. */
  rssMb: number | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The error's code and message (refusals), or the run's status (imports). */
  code: string | null;
  message: string;
  /** The JSON object the command printed on stdout, if any. */
  json: Record<string, unknown> | null;
  stdout: string;
  stderr: string;
}

/** What a run may take. */
export interface Budget {
  /**
   * The time a run may take: it is over when both its wall-clock time and its CPU time are (CPU time
   * does not grow while a busy machine makes the process wait, wall time shows a process that waits).
   */
  ms: number;
  /** Wall-clock milliseconds after which the process is killed and counted as hung. */
  killMs: number;
}

/** Runs `intake <args>` in `cwd`; the child is SIGKILLed when it overruns the budget's wall time. */
export function runMeasured(args: string[], budget: Budget, cwd?: string): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, [MEASURED_INTAKE, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    // Async, not spawnSync: the test's own listeners (the external-entity trap) keep answering.
    timeout: budget.killMs,
    killSignal: 'SIGKILL',
  });
  const streams = child.stdio as unknown as NodeJS.ReadableStream[];
  const text = (index: number) => {
    const chunks: Buffer[] = [];
    streams[index]!.on('data', (chunk: Buffer) => chunks.push(chunk));
    return () => Buffer.concat(chunks).toString('utf8');
  };
  const [stdout, stderr, usage] = [text(1), text(2), text(3)];
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const ms = performance.now() - started;
      const cost = parseCost(usage());
      try {
        resolve(
          classify(
            {
              ms,
              cpuMs: cost?.cpuMs ?? null,
              rssMb: cost ? cost.maxRssKb / 1024 : null,
              exitCode,
              signal,
              timedOut: signal === 'SIGKILL' && ms >= budget.killMs,
              stdout: stdout(),
              stderr: stderr(),
            },
            budget,
          ),
        );
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

interface Ended {
  ms: number;
  cpuMs: number | null;
  rssMb: number | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function classify(ended: Ended, budget: Budget): Outcome {
  const json = lastJsonObject(ended.stdout);
  const error = json && typeof json.error === 'object' && json.error !== null ? json.error : null;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const base = {
    ...ended,
    json,
    code: typeof code === 'string' ? code : typeof json?.status === 'string' ? json.status : null,
    message: typeof message === 'string' ? message : '',
  };
  const verdict = (kind: OutcomeKind, why = ''): Outcome => ({ ...base, kind, why });
  if (ended.timedOut) return verdict('hang', `killed after ${Math.round(ended.ms)} ms`);
  if (ended.ms > budget.ms && (ended.cpuMs ?? Infinity) > budget.ms)
    return verdict(
      'hang',
      `over the ${budget.ms / 1000} s budget: ${seconds(ended.ms)} wall, ${seconds(ended.cpuMs)} CPU`,
    );
  if (ended.signal) return verdict('crash', `ended by ${ended.signal}`);
  if (STACK_FRAME.test(ended.stderr)) return verdict('crash', 'stack trace on stderr');
  if (ended.exitCode === 0) {
    if (!json) return verdict('unclear', 'exit 0 without a JSON answer');
    if (json.status !== undefined && json.status !== 'succeeded')
      return verdict('unclear', `exit 0 with status ${String(json.status)}`);
    return verdict('success');
  }
  if (!error) return verdict('unclear', `exit ${ended.exitCode} without a JSON error`);
  if (code === 'INTERNAL') return verdict('crash', 'INTERNAL error');
  if (typeof code !== 'string' || !(code in REFUSAL_CODES)) return verdict('unclear', `unknown code ${code}`);
  if (typeof message !== 'string' || message.trim().length < 25)
    return verdict('unclear', 'no message, or too short to name the problem');
  const leak = INTERNALS.find((pattern) => pattern.test(message));
  if (leak) return verdict('unclear', `message reads like internals (${leak.source})`);
  return verdict('refusal');
}

const seconds = (ms: number | null) => (ms === null ? '?' : `${(ms / 1000).toFixed(1)} s`);

/** What measured-intake.mjs wrote on fd 3 (nothing when the process was killed). */
function parseCost(text: string): { maxRssKb: number; cpuMs: number } | null {
  try {
    return JSON.parse(text) as { maxRssKb: number; cpuMs: number };
  } catch {
    return null;
  }
}

/** The last line of stdout that parses as a JSON object (the CLI prints one, after any text). */
function lastJsonObject(stdout: string): Record<string, unknown> | null {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const value: unknown = JSON.parse(lines[i]!);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // not JSON: keep looking upwards
    }
  }
  return null;
}

/** A plain-text table with a header row and columns padded to their widest cell (missing cells blank). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    header
      .map((_, i) => (cells[i] ?? '').padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
