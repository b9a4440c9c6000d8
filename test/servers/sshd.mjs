// OpenSSH sshd for the SFTP tests (../shared/SERVERS.md's recipe): on 127.0.0.1 at a free high
// port, its config, host key and client keys in a fresh temporary folder, started in the
// foreground (so the PID is ours) and stopped by PID. The user `intakesftp` logs in with its
// password (random, kept root-only in /var/lib/intake-tests), with a key without a passphrase, or
// with a key that has one. Files
// the tests read live in a folder of this run under the user's home, removed at the end.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, startProcess, stopProcess, waitForPort } from './server-process.mjs';

export const SFTP_USER = 'intakesftp';
const SSHD = '/usr/sbin/sshd';
const PASSWORD_FILE = '/var/lib/intake-tests/sftp-password';

/**
 * Starts sshd. Needs root (useradd, chpasswd, sshd's privilege separation): it is root here and in CI.
 * @returns {Promise<{ port: number, pid: number, user: string, password: string, keyFile: string,
 *   passphraseKeyFile: string, passphrase: string, hostKeySha256: string, home: string,
 *   area: string, folder: string, stop(): Promise<void> }>}
 */
export async function startSshd() {
  if (process.getuid?.() !== 0) throw new Error('sshd for the SFTP tests needs root (useradd, chpasswd).');
  const dir = mkdtempSync(join(tmpdir(), 'intake-sshd-'));
  // sshd reads authorized_keys as the user: the folder (0700 from mkdtemp) must let it in.
  chmodSync(dir, 0o755);
  let server;
  let area;
  const stop = async () => {
    if (server) await stopProcess(server.child.pid);
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
    if (area) rmSync(area, { recursive: true, force: true });
  };
  try {
    const { home, created } = ensureUser();
    const password = userPassword(created);
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

    const key = (name, passphrase) => {
      execFileSync('ssh-keygen', [
        '-q',
        '-t',
        'ed25519',
        '-N',
        passphrase,
        '-C',
        name,
        '-f',
        join(dir, name),
      ]);
      return join(dir, name);
    };
    const hostKey = key('host_ed25519', '');
    const keyFile = key('client_ed25519', '');
    const passphrase = randomBytes(9).toString('base64url');
    const passphraseKeyFile = key('client_pp_ed25519', passphrase);
    writeFileSync(
      join(dir, 'authorized_keys'),
      readFileSync(`${keyFile}.pub`, 'utf8') + readFileSync(`${passphraseKeyFile}.pub`, 'utf8'),
      { mode: 0o644 },
    );
    const hostKeySha256 = fingerprint(`${hostKey}.pub`);

    const port = await freePort();
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        'ListenAddress 127.0.0.1',
        `Port ${port}`,
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        'UsePAM no',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'StrictModes no',
        'PermitRootLogin no',
        `AllowUsers ${SFTP_USER}`,
        'Subsystem sftp internal-sftp',
        '',
      ].join('\n'),
    );
    execFileSync(SSHD, ['-t', '-f', config]);
    // An absolute path: "sshd re-exec requires execution with an absolute path".
    server = startProcess(SSHD, ['-D', '-e', '-f', config]);
    await waitForPort(port, server, 'sshd');

    // This run's files: a folder in the user's home, the user's own (the tests delete files in it).
    const folder = `intake-test-${randomBytes(6).toString('hex')}`;
    area = join(home, folder);
    mkdirSync(area, { mode: 0o755 });
    const { uid, gid } = ids();
    chownSync(area, uid, gid);
    return {
      port,
      pid: server.child.pid,
      user: SFTP_USER,
      password,
      keyFile,
      passphraseKeyFile,
      passphrase,
      hostKeySha256,
      home,
      area,
      folder,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Creates the user once (it stays between runs); returns its home folder. */
function ensureUser() {
  let created = false;
  if (!userExists()) {
    try {
      execFileSync('useradd', ['-m', '-s', '/bin/sh', SFTP_USER], { stdio: 'pipe' });
      created = true;
    } catch (error) {
      // Another run (a Playwright suite beside vitest) may have created it just now.
      if (!userExists()) throw error;
    }
  }
  const home = execFileSync('getent', ['passwd', SFTP_USER], { encoding: 'utf8' }).trim().split(':')[5];
  return { home, created };
}

function userExists() {
  try {
    execFileSync('id', ['-u', SFTP_USER], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The user's password: random, made once and kept in a file only root can read. Every run uses
 * the same one, because runs share the user: a new password per run would lock out a run already
 * going (vitest and Playwright side by side did exactly that).
 */
function userPassword(userCreated) {
  mkdirSync(dirname(PASSWORD_FILE), { recursive: true, mode: 0o700 });
  const fresh = randomBytes(12).toString('base64url');
  const draft = `${PASSWORD_FILE}.${process.pid}`;
  writeFileSync(draft, fresh, { mode: 0o600 });
  try {
    // link() fails when the file exists: exactly one run makes the password and sets it.
    linkSync(draft, PASSWORD_FILE);
    execFileSync('chpasswd', { input: `${SFTP_USER}:${fresh}\n` });
    return fresh;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    const kept = readFileSync(PASSWORD_FILE, 'utf8').trim();
    // A user made anew (removed since) gets the kept password too.
    if (userCreated) execFileSync('chpasswd', { input: `${SFTP_USER}:${kept}\n` });
    return kept;
  } finally {
    rmSync(draft, { force: true });
  }
}

function ids() {
  const [, , uid, gid] = execFileSync('getent', ['passwd', SFTP_USER], { encoding: 'utf8' })
    .trim()
    .split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A public key's fingerprint as OpenSSH prints it: `SHA256:` and unpadded base64. */
function fingerprint(publicKeyFile) {
  const line = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile], { encoding: 'utf8' });
  const match = /SHA256:[A-Za-z0-9+/]+/.exec(line);
  if (!match) throw new Error(`ssh-keygen printed no SHA256 fingerprint: ${line}`);
  return match[0];
}
