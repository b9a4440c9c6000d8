// Azurite for the Azure Blob tests (../shared/SERVERS.md): blob service only, on 127.0.0.1 at a
// free port, its data in a fresh temporary folder, an account of this run's own (AZURITE_ACCOUNTS)
// with a random key, telemetry off, stopped by PID.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, startProcess, stopProcess, waitForPort } from './server-process.mjs';

export const AZURITE_ACCOUNT = 'intakeacct';

/**
 * Starts Azurite's blob service.
 * @returns {Promise<{ endpoint: string, account: string, accountKey: string, connectionString: string,
 *   port: number, pid: number, dir: string, stop(): Promise<void> }>}
 */
export async function startAzurite() {
  const dir = mkdtempSync(join(tmpdir(), 'intake-azurite-'));
  const main = join(
    dirname(createRequire(import.meta.url).resolve('azurite/package.json')),
    'dist',
    'src',
    'blob',
    'main.js',
  );
  let server;
  const stop = async () => {
    if (server) await stopProcess(server.child.pid);
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const accountKey = randomBytes(64).toString('base64');
    server = startProcess(
      process.execPath,
      [
        main,
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(port),
        '--location',
        dir,
        '--disableTelemetry',
        '--silent',
        '--skipApiVersionCheck',
      ],
      // Its own working folder too: some versions write files into the current directory.
      { cwd: dir, env: { ...process.env, AZURITE_ACCOUNTS: `${AZURITE_ACCOUNT}:${accountKey}` } },
    );
    await waitForPort(port, server, 'Azurite');
    const endpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
    return {
      endpoint,
      account: AZURITE_ACCOUNT,
      accountKey,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${accountKey};BlobEndpoint=${endpoint};`,
      port,
      pid: server.child.pid,
      dir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
