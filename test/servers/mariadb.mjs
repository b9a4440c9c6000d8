// A real MariaDB 10.11 for tests (SERVERS.md's recipe): a fresh data directory in a new temporary
// folder, listening on 127.0.0.1 only at a free port, its general query log on (so a test can prove
// a statement never arrived), stopped by PID. `root` works over the folder's socket only; `start`
// creates an `admin` user with every privilege for TCP clients.
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, freePort, run, stopPid, stopWhenOrphaned, waitFor } from './server-process.mjs';

const PACKAGE = 'mariadb-server';
const SERVER = '/usr/sbin/mariadbd';

/**
 * Starts a server with a TCP superuser `admin`@`127.0.0.1` identified by `password`.
 * @param {{ password?: string }} [options]
 * @returns {Promise<{ host: string, port: number, user: string, password: string, dir: string, socketPath: string, logPath: string, pid: number, sql(text: string): Promise<string>, stop(): Promise<void> }>}
 */
export async function startMariadb({ password = 'intake-my-admin' } = {}) {
  if (!existsSync(SERVER)) {
    throw new Error(
      `MariaDB is not installed (${SERVER}): the SQL tests need the Debian packages ${PACKAGE} and mariadb-client (npm test installs them through scripts/ensure-system-deps.mjs)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'intake-mariadb-'));
  const { uid, gid } = await mysqlUser();
  chownSync(dir, uid, gid);
  const socketPath = join(dir, 'mysqld.sock');
  const logPath = join(dir, 'general.log');
  let child = null;
  let unwatch = () => {};
  const stop = async () => {
    unwatch();
    if (child?.pid !== undefined) await stopPid(child.pid, 'SIGTERM'); // clean InnoDB shutdown
    child = null;
    rmSync(dir, { recursive: true, force: true });
  };
  // `--no-defaults` first, or /etc/mysql's configuration leaks in.
  const client = (args, input) =>
    run('mariadb', ['--no-defaults', `--socket=${socketPath}`, '-uroot', ...args], {
      input,
      package: 'mariadb-client',
    });
  try {
    await run(
      'mariadb-install-db',
      [
        '--no-defaults',
        '--user=mysql',
        `--datadir=${join(dir, 'data')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { package: PACKAGE },
    );
    const port = await freePort();
    child = spawn(
      SERVER,
      [
        '--no-defaults',
        '--user=mysql',
        `--datadir=${join(dir, 'data')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${socketPath}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${join(dir, 'error.log')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        // Every statement the server receives, into general.log.
        '--general-log=1',
        `--general-log-file=${logPath}`,
      ],
      { stdio: 'ignore' },
    );
    const started = child;
    unwatch = stopWhenOrphaned(child.pid, 'TERM', dir);
    await waitFor(async () => {
      if (!alive(started.pid)) throw new Error(`mariadbd exited:\n${errorLog(dir)}`);
      return run('mariadb-admin', ['--no-defaults', `--socket=${socketPath}`, '-uroot', 'ping']).then(
        () => true,
        () => false,
      );
    }, 'MariaDB did not answer');
    // TCP users must be created for host 127.0.0.1: root only works over the socket.
    await client(
      [],
      `CREATE USER 'admin'@'127.0.0.1' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON *.* TO 'admin'@'127.0.0.1' WITH GRANT OPTION;`,
    );
    return {
      host: '127.0.0.1',
      port,
      user: 'admin',
      password,
      dir,
      socketPath,
      logPath,
      pid: child.pid,
      sql: async (text) => (await client(['--batch', '--skip-column-names'], text)).stdout,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The name the SQL setup imports. */
export const start = startMariadb;

async function mysqlUser() {
  try {
    const { stdout } = await run('id', ['-u', 'mysql']);
    const { stdout: group } = await run('id', ['-g', 'mysql']);
    return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
  } catch {
    throw new Error(
      `MariaDB is not installed (no mysql user): the SQL tests need the Debian package ${PACKAGE}`,
    );
  }
}

function errorLog(dir) {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8').slice(-4000);
  } catch {
    return '(no error log)';
  }
}
