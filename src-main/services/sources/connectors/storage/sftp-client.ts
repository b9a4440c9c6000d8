import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import SftpClient from 'ssh2-sftp-client';
import type { FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import type { IntakeError } from '../../../../../src-shared/errors';
import type { StorageFile } from '../connector';
import type { StorageClient, StorageClientFactory } from '../storage';
import {
  byName,
  checkedDownload,
  storageError,
  timeoutError,
  timeoutsOf,
  unexpectedError,
  type StorageTarget,
} from './storage-transfer';

/** SFTP status codes (draft-ietf-secsh-filexfer-02) the mapping tells apart. */
const SFTP_STATUS = { EOF: 1, NO_SUCH_FILE: 2, PERMISSION_DENIED: 3 } as const;

/**
 * How a download asks for bytes. One request at a time (ssh2's own read stream) waits a round trip
 * per 64 KB; we keep several large reads in flight, about IN_FLIGHT_BYTES in all, delivered in
 * order. Each read is as large as ssh2 sends in one request: it splits a larger read into requests
 * made one after another, which would undo the pipelining. That size is 254 KB for OpenSSH and
 * 31 KB for other servers; ssh2 keeps it in `_maxReadLen` (not public, hence the fallback).
 * Measured on loopback (180 MB): 32 KB × 64 reads cost 0.8–1.2 s of CPU, 254 KB × 16 about 0.6 s.
 */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;
const MAX_READ_SIZE = 254 * 1024;
const PORTABLE_READ_SIZE = 31 * 1024;

function readPlan(sftp: SFTPWrapper): { size: number; inFlight: number } {
  const max = (sftp as unknown as { _maxReadLen?: unknown })._maxReadLen;
  const size = Math.min(MAX_READ_SIZE, typeof max === 'number' && max > 0 ? max : PORTABLE_READ_SIZE);
  return { size, inFlight: Math.min(64, Math.max(8, Math.floor(IN_FLIGHT_BYTES / size))) };
}

/**
 * An SFTP session (ssh2-sftp-client over ssh2): a password, or a private key file with its
 * passphrase as the secret. The server's host key is pinned (DESIGN §7): its SHA-256 fingerprint
 * must equal the connection's `hostKeySha256`; unknown (first use) or different, the session is
 * refused with HOST_KEY and the fingerprint to check. Paths are relative to the user's home.
 */
export const sftpClient: StorageClientFactory<'sftp'> = async (connection, settings, context) => {
  const where: StorageTarget = {
    connection: connection.name,
    target: `sftp://${settings.user}@${settings.host}:${settings.port}`,
  };
  const { connectMs, readMs } = timeoutsOf(context);
  const credentials = settings.keyFile
    ? {
        privateKey: await readKeyFile(settings.keyFile, where),
        ...(connection.secret ? { passphrase: connection.secret } : {}),
      }
    : { password: connection.secret ?? '' };

  let offered: string | null = null;
  let rawError: (Error & { level?: string }) | null = null;
  // Errors after the session is up (a dropped connection) reach the transfer in flight through
  // its own callbacks; this listener only keeps ssh2-sftp-client from throwing them at the process.
  const client = new SftpClient(`intake:${connection.id}`, { error: () => undefined });
  client.on('error', (error: Error & { level?: string }) => {
    rawError ??= error;
  });
  let sftp: SFTPWrapper;
  try {
    sftp = await client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.user,
      ...credentials,
      readyTimeout: connectMs,
      // Without hostHash, ssh2 hands over the raw key blob, which OpenSSH's fingerprint hashes.
      hostVerifier: (key: Buffer) => {
        offered = fingerprintOf(key);
        return settings.hostKeySha256 !== null && sameFingerprint(offered, settings.hostKeySha256);
      },
    });
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectError(rawError ?? error, offered, settings, where, connectMs);
  }
  // Reads go out in bursts of small requests; with Nagle's algorithm on (ssh2 leaves Node's
  // default) all but the first of a burst wait for an ACK the server delays by up to 40 ms, and a
  // 180 MB transfer took 4.3 s instead of 1.5 s, on loopback.
  (client as unknown as { client: { setNoDelay(noDelay: boolean): void } }).client.setNoDelay(true);
  context.signal?.addEventListener('abort', () => void client.end().catch(() => undefined), { once: true });

  const failed = (error: unknown, path: string, doing: string, kind: 'folder' | 'file') =>
    pathError(error, path, doing, kind, settings.user, where);

  const stat = async (path: string): Promise<Stats> => {
    try {
      return await call<Stats>((done) => sftp.stat(path, done));
    } catch (error) {
      throw failed(error, path, 'Reading the details of', 'file');
    }
  };

  return {
    async list(folder) {
      const dir = folder === '' ? '.' : folder;
      let entries: FileEntryWithStats[];
      try {
        entries = await call<FileEntryWithStats[]>((done) => sftp.readdir(dir, done));
      } catch (error) {
        // OpenSSH answers "no such file" or a plain failure for a file read as a folder.
        const stats = isSftpStatus(error) ? await stat(dir).catch(() => null) : null;
        if (stats && !stats.isDirectory()) {
          throw storageError('NOT_FOUND', `"${folder}" is a file, not a folder`, where, { path: folder });
        }
        throw failed(error, folder || '.', 'Listing', 'folder');
      }
      const files: StorageFile[] = [];
      for (const entry of entries) {
        let attrs: Stats | null = entry.attrs as Stats;
        // A link counts when it leads to a file (a broken one is left out).
        if (attrs.isSymbolicLink()) attrs = await stat(posix.join(dir, entry.filename)).catch(() => null);
        if (!attrs?.isFile()) continue;
        files.push({ name: entry.filename, size: attrs.size, modifiedAt: isoOf(attrs.mtime) });
      }
      return byName(files);
    },
    async stat(path) {
      const stats = await stat(path);
      if (!stats.isFile()) {
        throw storageError('NOT_FOUND', `"${path}" is not a file`, where, { path });
      }
      return { name: path, size: stats.size, modifiedAt: isoOf(stats.mtime) };
    },
    async open(path, openContext) {
      let handle: Buffer;
      let size: number;
      try {
        handle = await call<Buffer>((done) => sftp.open(path, 'r', done));
      } catch (error) {
        throw failed(error, path, 'Opening', 'file');
      }
      try {
        size = (await call<Stats>((done) => sftp.fstat(handle, done))).size;
      } catch (error) {
        sftp.close(handle, () => undefined);
        throw failed(error, path, 'Reading the details of', 'file');
      }
      const stream = checkedDownload(pipelinedRead(sftp, handle, size), {
        name: path,
        size,
        readMs,
        where,
        cancel: openContext.signal,
      });
      return { stream, size };
    },
    close: async () => {
      await client.end().catch(() => undefined);
    },
  } satisfies StorageClient;
};

/**
 * A file's bytes read with many requests in flight, delivered in order. Reads stop at `size` (the
 * size when the file was opened): a file that grows meanwhile is read as it was; one that shrinks
 * ends early and the download check reports the bytes missing. Requests are issued only while
 * the reader has room, so memory stays near twice IN_FLIGHT_BYTES.
 */
function pipelinedRead(sftp: SFTPWrapper, handle: Buffer, size: number): Readable {
  const plan = readPlan(sftp);
  interface Request {
    position: number;
    length: number;
    data: Buffer | null;
    failure: Error | null;
    done: boolean;
  }
  const queue: Request[] = [];
  let next = 0;
  let wanted = false;
  let finished = false;
  let closed = false;
  const closeHandle = () => {
    if (closed) return;
    closed = true;
    sftp.close(handle, () => undefined);
  };
  const issue = (position: number, length: number): Request => {
    const request: Request = { position, length, data: null, failure: null, done: false };
    sftp.read(handle, Buffer.allocUnsafe(length), 0, length, position, (error, bytesRead, buffer) => {
      request.done = true;
      if (error && (error as { code?: unknown }).code !== SFTP_STATUS.EOF) request.failure = error;
      else request.data = error ? Buffer.alloc(0) : buffer.subarray(0, bytesRead);
      deliver();
    });
    return request;
  };
  const fill = () => {
    while (wanted && !finished && next < size && queue.length < plan.inFlight) {
      const length = Math.min(plan.size, size - next);
      queue.push(issue(next, length));
      next += length;
    }
  };
  const deliver = () => {
    if (stream.destroyed) return;
    while (queue.length > 0 && queue[0]!.done) {
      const head = queue.shift()!;
      if (head.failure) {
        finished = true;
        stream.destroy(head.failure);
        return;
      }
      const data = head.data!;
      if (data.length === 0) {
        // The file ended before its size: what was read is all there is.
        finished = true;
        queue.length = 0;
        closeHandle();
        stream.push(null);
        return;
      }
      if (data.length < head.length) {
        // A short read: ask again for the rest of this stretch, ahead of everything after it.
        queue.unshift(issue(head.position + data.length, head.length - data.length));
      }
      wanted = stream.push(data);
    }
    if (queue.length === 0 && next >= size && !finished) {
      finished = true;
      closeHandle();
      stream.push(null);
      return;
    }
    fill();
  };
  const stream = new Readable({
    highWaterMark: IN_FLIGHT_BYTES,
    read() {
      wanted = true;
      if (size === 0 && !finished) {
        finished = true;
        closeHandle();
        this.push(null);
        return;
      }
      fill();
    },
    destroy(error, done) {
      finished = true;
      closeHandle();
      done(error);
    },
  });
  return stream;
}

/** An ssh2 callback call as a promise. */
function call<T>(start: (done: (error: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => (error ? reject(error) : resolve(value)));
  });
}

/** OpenSSH's fingerprint of a host key blob: `SHA256:` and the unpadded base64 of its SHA-256. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Fingerprints compared as OpenSSH prints them, whether pasted with or without prefix and padding. */
function sameFingerprint(a: string, b: string): boolean {
  const normal = (value: string) =>
    value
      .trim()
      .replace(/^SHA256:/i, '')
      .replace(/=+$/, '');
  return normal(a) === normal(b);
}

function isoOf(mtimeSeconds: number): string {
  return new Date(mtimeSeconds * 1000).toISOString();
}

function isSftpStatus(error: unknown): boolean {
  return typeof (error as { code?: unknown }).code === 'number';
}

/** The private key file's bytes; `~/` is the user's home folder, as in ssh's own settings. */
async function readKeyFile(path: string, where: StorageTarget): Promise<Buffer> {
  try {
    return await readFile(path.replace(/^~(?=$|\/)/, homedir()));
  } catch (error) {
    throw storageError(
      'VALIDATION',
      `The private key file ${path} cannot be read: ${(error as Error).message}`,
      where,
      { field: 'keyFile', keyFile: path },
    );
  }
}

/** Why a session could not start: the host key, the login, the network or the clock. */
function connectError(
  error: unknown,
  offered: string | null,
  settings: {
    host: string;
    port: number;
    user: string;
    hostKeySha256: string | null;
    keyFile: string | null;
  },
  where: StorageTarget,
  connectMs: number,
): IntakeError {
  const server = `${settings.host}:${settings.port}`;
  if (
    offered !== null &&
    (settings.hostKeySha256 === null || !sameFingerprint(offered, settings.hostKeySha256))
  ) {
    return settings.hostKeySha256 === null
      ? storageError(
          'HOST_KEY',
          `The host key of ${server} is not known yet: ${offered}. Check it with the server's administrator and trust it to connect`,
          where,
          { sha256: offered, known: false },
        )
      : storageError(
          'HOST_KEY',
          `THE HOST KEY OF ${server} HAS CHANGED: it is now ${offered}, but ${settings.hostKeySha256} was trusted. Someone may be intercepting the connection, or the server was reinstalled. Nothing was sent; check with the server's administrator before trusting the new key`,
          where,
          { sha256: offered, pinned: settings.hostKeySha256, changed: true },
        );
  }
  const { level, message = '' } = error as { level?: string; message?: string };
  if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return storageError(
      'AUTH',
      `${server} refused the login of "${settings.user}": wrong ${settings.keyFile ? 'key' : 'password'}`,
      where,
      { user: settings.user },
    );
  }
  if (/passphrase|cannot parse privatekey|unsupported key format/i.test(message)) {
    return storageError(
      'AUTH',
      `The private key ${settings.keyFile ?? ''} cannot be used: ${/passphrase/i.test(message) ? 'its passphrase is wrong or missing' : message}`,
      where,
      { user: settings.user, field: 'keyFile' },
    );
  }
  if (level === 'client-timeout' || /timed out while waiting for handshake/i.test(message)) {
    return timeoutError(where, `${server} did not complete the SSH handshake`, connectMs);
  }
  return unexpectedError(error, where, `Connecting to ${server}`);
}

/** An SFTP status on a path as a coded error naming the path. */
function pathError(
  error: unknown,
  path: string,
  doing: string,
  kind: 'folder' | 'file',
  user: string,
  where: StorageTarget,
): IntakeError {
  const code = (error as { code?: unknown }).code;
  if (code === SFTP_STATUS.NO_SUCH_FILE) {
    return storageError('NOT_FOUND', `The ${kind} "${path}" does not exist`, where, { path });
  }
  if (code === SFTP_STATUS.PERMISSION_DENIED) {
    return storageError('PERMISSION', `${doing} "${path}" is not allowed for "${user}"`, where, {
      path,
      user,
    });
  }
  return unexpectedError(error, where, `${doing} "${path}"`);
}
