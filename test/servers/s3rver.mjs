// s3rver for the S3 tests (../shared/SERVERS.md): on 127.0.0.1 at a free port, its objects in a
// fresh temporary folder, one bucket configured at start (tests create more), stopped by PID.
// s3rver checks access key IDs (an unknown one is InvalidAccessKeyId) but not V4 signatures.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, startProcess, stopProcess, waitForPort } from './server-process.mjs';

/** The only credentials s3rver knows. */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const S3RVER_BUCKET = 'intake-bucket';

/**
 * Starts s3rver.
 * @returns {Promise<{ endpoint: string, port: number, pid: number, dir: string, bucket: string, stop(): Promise<void> }>}
 */
export async function startS3rver() {
  const dir = mkdtempSync(join(tmpdir(), 'intake-s3rver-'));
  const main = join(
    dirname(createRequire(import.meta.url).resolve('s3rver/package.json')),
    'bin',
    's3rver.js',
  );
  let server;
  const stop = async () => {
    if (server) await stopProcess(server.child.pid);
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    server = startProcess(process.execPath, [
      main,
      '-d',
      dir,
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '--silent',
      '--configure-bucket',
      S3RVER_BUCKET,
    ]);
    await waitForPort(port, server, 's3rver');
    return {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      pid: server.child.pid,
      dir,
      bucket: S3RVER_BUCKET,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
