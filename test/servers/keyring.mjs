// A real Secret Service for tests: a private D-Bus session bus and gnome-keyring-daemon on it,
// both in a fresh temporary folder, started and stopped by PID. Nothing listens on the network
// (the bus is a unix socket in the folder) and the user's own keychain is never touched.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopWhenOrphaned } from './server-process.mjs';

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 20;
const SECRETS_NAME = 'org.freedesktop.secrets';

/**
 * Starts a private session bus and a Secret Service (gnome-keyring) with an unlocked "login"
 * collection. Resolves once the service answers, with the bus address to put in a client's
 * environment and `stop()`, which ends both processes, waits until they are gone and removes the
 * folder.
 * @param {{ password?: string }} [options] the login keyring's password (fed to the daemon on stdin)
 * @returns {Promise<{ env: { DBUS_SESSION_BUS_ADDRESS: string }, dir: string, pids: { bus: number, keyring: number }, stop(): Promise<void> }>}
 */
export async function startKeyring({ password = 'intake-test-keyring' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'intake-keyring-'));
  /** @type {import('node:child_process').ChildProcess[]} */
  const started = [];
  const stop = async () => {
    // The keyring first: it is the bus's client.
    for (const child of started.reverse()) await stopProcess(child);
    started.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const bus = await startBus(dir);
    started.push(bus.child);
    const env = { DBUS_SESSION_BUS_ADDRESS: bus.address };
    const keyring = startSecretService(dir, env, password);
    started.push(keyring.child);
    await waitForSecretService(env, keyring);
    return { env, dir, pids: { bus: bus.child.pid, keyring: keyring.child.pid }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * dbus-daemon with a configuration of our own rather than `--session`: the stock session config
 * lists the system's service folders, where gnome-keyring installs an activation file for
 * org.freedesktop.secrets, so a call arriving before our daemon is up (or after it stopped) would
 * start a second keyring against the real HOME. `--nofork` keeps the daemon our child, so Node
 * reaps it: a forked one is re-parented to PID 1, which in a container may never reap it, and a
 * zombie answers `kill -0` forever. The address is printed once the socket listens.
 */
function startBus(dir) {
  const config = join(dir, 'bus.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${escapeXml(join(dir, 'bus'))}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  const child = spawn(
    'dbus-daemon',
    [`--config-file=${config}`, '--nofork', '--nopidfile', '--print-address=1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = collect(child);
  // A test run killed before its teardown must not leave the bus running.
  child.once('exit', stopWhenOrphaned(child.pid, 'TERM', null));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`dbus-daemon printed no address in ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const fail = (error) => {
      clearTimeout(timer);
      reject(withOutput(error, output()));
    };
    child.once('error', (error) => fail(missingTool(error, 'dbus-daemon')));
    child.once('exit', (code, signal) =>
      fail(new Error(`dbus-daemon exited (${signal ?? code}) before printing its address`)),
    );
    child.stdout.on('data', () => {
      const lines = output().stdout.split('\n');
      if (lines.length < 2) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, address: lines[0].trim() });
    });
  });
}

/**
 * gnome-keyring-daemon with only the secrets component, HOME and the XDG folders in `dir` (its
 * login.keyring is created there), unlocked with `password` read from stdin.
 */
function startSecretService(dir, env, password) {
  const home = join(dir, 'home');
  mkdirSync(home);
  const child = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...env,
      HOME: home,
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      // Its control socket goes to $XDG_RUNTIME_DIR/keyring.
      XDG_RUNTIME_DIR: dir,
    },
  });
  const output = collect(child);
  child.once('exit', stopWhenOrphaned(child.pid, 'TERM', dir));
  let failure;
  child.once('error', (error) => {
    failure = missingTool(error, 'gnome-keyring-daemon');
  });
  child.once('exit', (code, signal) => {
    failure ??= new Error(`gnome-keyring-daemon exited (${signal ?? code}) before it was ready`);
  });
  child.stdin.on('error', () => {}); // an early exit is reported through `failure`
  child.stdin.end(password);
  return { child, output, failure: () => (failure ? withOutput(failure, output()) : undefined) };
}

/**
 * Ready when the name has an owner and the "default" alias points at a collection (the login
 * collection --unlock creates), which a first write needs. In every start measured the alias was
 * set by the time the name had an owner; checking costs one call.
 */
async function waitForSecretService(env, keyring) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const failure = keyring.failure();
    if (failure) throw failure;
    const owned = await dbusSend(env, [
      `--dest=org.freedesktop.DBus`,
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${SECRETS_NAME}`,
    ]);
    if (/boolean true/.test(owned)) {
      const alias = await dbusSend(env, [
        `--dest=${SECRETS_NAME}`,
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.ReadAlias',
        'string:default',
      ]);
      if (/object path "\/org\/freedesktop\/secrets\/collection\//.test(alias)) return;
    }
    if (Date.now() > deadline) {
      throw withOutput(
        new Error(`The Secret Service was not ready in ${READY_TIMEOUT_MS} ms`),
        keyring.output(),
      );
    }
    await sleep(POLL_MS);
  }
}

/** dbus-send's reply on the session bus at `env`, or '' when the call failed. */
function dbusSend(env, args) {
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      ['--session', '--print-reply', ...args],
      { env: { ...process.env, ...env }, timeout: 2_000 },
      (error, stdout) => resolve(error ? '' : stdout),
    );
  });
}

/** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; resolves once `kill -0` finds the PID gone. */
async function stopProcess(child) {
  const pid = child.pid;
  if (pid === undefined) return;
  signal(pid, 'SIGTERM');
  if (await gone(pid, STOP_TIMEOUT_MS)) return;
  signal(pid, 'SIGKILL');
  if (!(await gone(pid, STOP_TIMEOUT_MS)))
    throw new Error(`PID ${pid} (${child.spawnfile}) survived SIGKILL`);
}

async function gone(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** `kill -0`, except that a zombie (exited, not yet reaped by its parent) counts as gone. */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state follows the parenthesised command name: "1234 (name) Z …".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Keeps a child's output (its stdout and stderr pipes must be drained anyway) for error messages. */
function collect(child) {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return () => ({ stdout, stderr });
}

function withOutput(error, { stdout, stderr }) {
  const text = [stdout.trim(), stderr.trim()].filter(Boolean).join('\n');
  if (text) error.message += `:\n${text}`;
  return error;
}

function missingTool(error, command) {
  if (error.code !== 'ENOENT') return error;
  return new Error(
    `${command} is not installed: the keychain tests need the Debian packages dbus, gnome-keyring and libsecret-tools (npm test installs them through scripts/ensure-system-deps.mjs)`,
  );
}

function escapeXml(text) {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
