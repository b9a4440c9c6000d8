// A real PostgreSQL 15 for tests and benchmarks (SERVERS.md's recipe): a fresh cluster in a new
// temporary folder, listening on 127.0.0.1 only at a free port, every statement it receives written
// to its log (so a test can prove a statement never arrived), stopped by its postmaster's PID.
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run, stopPid, stopWhenOrphaned } from './server-process.mjs';

const BIN = '/usr/lib/postgresql/15/bin';
const PACKAGE = 'postgresql-15';

/**
 * Starts a cluster whose superuser `postgres` has `password` (scram-sha-256 over TCP).
 * @param {{ password?: string, logStatements?: boolean }} [options]
 * @returns {Promise<{ host: string, port: number, user: string, password: string, dir: string, socketDir: string, logPath: string, pid: number, stop(): Promise<void> }>}
 */
export async function startPostgres({ password = 'intake-pg-admin', logStatements = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'intake-pg-'));
  const { uid, gid } = await postgresUser();
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const logPath = join(dir, 'server.log');
  let pid = null;
  let unwatch = () => {};
  const stop = async () => {
    unwatch();
    if (pid !== null) await stopPid(pid, 'SIGINT'); // fast shutdown
    pid = null;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const passwordFile = join(dir, 'pw');
    writeFileSync(passwordFile, `${password}\n`);
    chownSync(passwordFile, uid, gid);
    await asPostgres(`${BIN}/initdb`, [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    rmSync(passwordFile);
    const port = await freePort();
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        // Every statement the server receives, with its user, into server.log.
        `log_statement = '${logStatements ? 'all' : 'none'}'`,
        "log_line_prefix = '%m [%p] %u@%d '",
        "timezone = 'UTC'",
        // Tests only: nothing here must survive a crash.
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    await asPostgres(`${BIN}/pg_ctl`, [
      '-D',
      data,
      '-l',
      logPath,
      '-w',
      '-t',
      '30',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
      'start',
    ]);
    pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    unwatch = stopWhenOrphaned(pid, 'INT', dir);
    return { host: '127.0.0.1', port, user: 'postgres', password, dir, socketDir: dir, logPath, pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The server refuses to run as root: initdb and pg_ctl run as the `postgres` system user. */
function asPostgres(command, args) {
  return run('runuser', ['-u', 'postgres', '--', command, ...args], { package: PACKAGE });
}

async function postgresUser() {
  try {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
  } catch {
    throw new Error(
      `PostgreSQL 15 is not installed (no postgres user): the SQL tests need the Debian package ${PACKAGE}`,
    );
  }
}

/** The name the SQL setup and the benchmark import. */
export const start = startPostgres;
