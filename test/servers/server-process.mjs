// What the test servers share: a free port on 127.0.0.1, a child process started with its output
// kept for error messages, a command run to its end, readiness by TCP connect or a check, a stop by
// PID that waits until the process is really gone (a zombie counts as gone), and a watchdog that
// stops a server when the test process dies without its teardown.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const POLL_MS = 25;
const STOP_TIMEOUT_MS = 5_000;

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running server process. Its output is kept (and drained) so a failed start can
 * say why; `exited()` tells whether it has ended.
 * @returns {{ child: import('node:child_process').ChildProcess, output(): string, exited(): string | null }}
 */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  // A test run killed before its teardown must not leave the server running.
  if (child.pid !== undefined) child.once('exit', stopWhenOrphaned(child.pid, 'TERM', null));
  let output = '';
  let exit = null;
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 64_000) output = output.slice(-32_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('error', (error) => {
    exit = error.code === 'ENOENT' ? `${command} is not installed` : error.message;
  });
  child.once('exit', (code, signal) => {
    exit ??= `exited (${signal ?? code})`;
  });
  return { child, output: () => output, exited: () => exit };
}

/** Resolves once something accepts TCP connections on the port; fails if the process ends first. */
export async function waitForPort(port, server, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = server.exited();
    if (exited) throw new Error(`${what} ${exited} before it listened:\n${server.output()}`);
    if (await accepts(port)) return;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not listen on 127.0.0.1:${port} in ${timeoutMs} ms:\n${server.output()}`);
    }
    await sleep(POLL_MS);
  }
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL after a while; resolves once the PID is gone. */
export async function stopProcess(pid) {
  if (pid === undefined) return;
  await stopPid(pid);
}

/**
 * Sends `name` to `pid`, then SIGKILL if it is still there after `timeoutMs`; resolves once it is
 * gone (PostgreSQL wants SIGINT for a fast shutdown).
 */
export async function stopPid(pid, name = 'SIGTERM', timeoutMs = 15_000) {
  signal(pid, name);
  if (await gone(pid, timeoutMs)) return;
  signal(pid, 'SIGKILL');
  if (!(await gone(pid, STOP_TIMEOUT_MS))) throw new Error(`PID ${pid} survived SIGKILL`);
}

/**
 * Runs a command to its end; rejects with its output when it fails (or is missing: the message
 * then names the Debian package that has it).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, timeoutMs?: number, input?: string, package?: string }} [options]
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        if (error.code === 'ENOENT' && options.package) {
          return reject(
            new Error(
              `${command} is not installed: the SQL tests need the Debian package ${options.package} (npm test installs it through scripts/ensure-system-deps.mjs)`,
            ),
          );
        }
        error.message += `\n${[stdout.trim(), stderr.trim()].filter(Boolean).join('\n')}`;
        reject(error);
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * A safety net for a test run that dies without its teardown (killed, or its output pipe closed):
 * a detached shell that waits for this process to end, then stops `pid` with `stopSignal` and
 * removes `dir`. Returns what cancels it (a normal stop).
 * @param {number} pid
 * @param {'INT' | 'TERM'} stopSignal
 * @param {string | null} dir
 */
export function stopWhenOrphaned(pid, stopSignal, dir) {
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `kill -${stopSignal} ${pid} 2>/dev/null`,
    `i=0; while kill -0 ${pid} 2>/dev/null && [ $i -lt 60 ]; do sleep 0.5; i=$((i+1)); done`,
    ...(dir ? [`rm -rf '${dir.replaceAll("'", "'\\''")}'`] : []),
  ].join('; ');
  const watcher = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watcher.unref();
  return () => signal(watcher.pid, 'SIGKILL');
}

/** Polls until `check` resolves true, or throws `what` after `timeoutMs`. */
export async function waitFor(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} in ${timeoutMs} ms`);
    await sleep(POLL_MS * 4);
  }
}

async function gone(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** `kill -0`, except that a zombie (exited, not yet reaped) counts as gone. */
export function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
