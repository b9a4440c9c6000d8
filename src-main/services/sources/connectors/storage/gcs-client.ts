import { createHash } from 'node:crypto';
import { CRC32C, Storage, type File, type FileMetadata, type StorageOptions } from '@google-cloud/storage';
import { Agent, request } from 'undici';
import { IntakeError } from '../../../../../src-shared/errors';
import type { StorageFile } from '../connector';
import type { StorageClient, StorageClientFactory } from '../storage';
import {
  byName,
  checkedDownload,
  keyOf,
  prefixOf,
  refuseEmptyFolder,
  storageError,
  timeoutError,
  timeoutsOf,
  unexpectedError,
  withDeadline,
  type StorageTarget,
} from './storage-transfer';

/** The fields of a service-account key file the client signs with. */
interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  project_id?: string;
}

/**
 * Google Cloud Storage (DESIGN §5): a bucket read with a service-account JSON key (the secret).
 * An endpoint override points the client at another server (a local fake in tests): without a key
 * it then sends no credentials and never asks Google for a token; with one it signs its requests
 * as it would for Google. A listing reads one folder level (delimiter '/') under the prefix.
 */
export const gcsClient: StorageClientFactory<'gcs'> = (connection, settings, context) => {
  const endpoint = settings.endpoint.trim().replace(/\/+$/, '');
  const where: StorageTarget = {
    connection: connection.name,
    target: endpoint ? `gs://${settings.bucket} at ${endpoint}` : `gs://${settings.bucket}`,
  };
  const { connectMs, readMs } = timeoutsOf(context);
  const key = connection.secret ? parseKey(connection.secret, where) : null;
  if (!key && !endpoint) {
    return Promise.reject(
      storageError(
        'VALIDATION',
        'A Google Cloud Storage connection needs a service-account JSON key',
        where,
        {
          field: 'secret',
        },
      ),
    );
  }
  const options: StorageOptions = {
    projectId: key?.project_id ?? 'intake',
    ...(key ? { credentials: key } : {}),
    ...(endpoint ? { apiEndpoint: endpoint, useAuthWithCustomEndpoint: key !== null } : {}),
    // Each request's wait for its answer (not a download's body, which checkedDownload watches).
    timeout: connectMs,
    // Rate limits, 5xx answers and refused connections are retried twice, at most a second
    // apart (the library's default is 3 retries up to 64 s apart: a refused port took 15 s).
    retryOptions: { autoRetry: true, maxRetries: 2, maxRetryDelay: 1 },
  };
  const storage = new Storage(options);
  const bucket = storage.bucket(settings.bucket);
  // Downloads wait `connectMs` to connect and for the answer's headers; the body's silences are
  // checkedDownload's to time (undici's own body timeout would count back-pressure as silence).
  let dispatcher: Agent | null = null;
  const agent = () =>
    (dispatcher ??= new Agent({
      connect: { timeout: connectMs },
      headersTimeout: connectMs,
      bodyTimeout: 0,
    }));
  const deadline = <T>(doing: string, run: (restart: () => void) => Promise<T>) =>
    withDeadline(
      connectMs,
      context.signal,
      () => timeoutError(where, doing, connectMs),
      (_signal, restart) => run(restart),
    );
  const failed = (error: unknown, doing: string, path: string, isFile: boolean) =>
    gcsError(error, doing, path, isFile, settings.bucket, key?.client_email ?? null, where);
  const metadataOf = async (path: string) => {
    try {
      const [metadata] = await deadline(`Reading the details of "${path}"`, () =>
        bucket.file(keyOf(path)).getMetadata(),
      );
      return metadata;
    } catch (error) {
      throw failed(error, 'Reading the details of', path, true);
    }
  };

  const client: StorageClient = {
    async list(folder) {
      const prefix = prefixOf(folder);
      const files: StorageFile[] = [];
      let anything = false;
      try {
        await deadline(`Listing "${folder || '/'}"`, async (restart) => {
          let pageToken: string | undefined;
          do {
            const [page, next, response] = await bucket.getFiles({
              prefix,
              delimiter: '/',
              autoPaginate: false,
              maxResults: 1000,
              ...(pageToken ? { pageToken } : {}),
            });
            restart();
            const prefixes = (response as { prefixes?: string[] } | undefined)?.prefixes ?? [];
            anything ||= page.length > 0 || prefixes.length > 0;
            for (const file of page) {
              const name = file.name.slice(prefix.length);
              if (name === '' || name.endsWith('/')) continue;
              files.push(fileOf(name, file));
            }
            pageToken = (next as { pageToken?: string } | null | undefined)?.pageToken;
          } while (pageToken);
        });
      } catch (error) {
        throw failed(error, 'Listing', folder || '/', false);
      }
      refuseEmptyFolder(prefix, anything, folder, `bucket "${settings.bucket}"`, where);
      return byName(files);
    },
    async stat(path) {
      const metadata = await metadataOf(path);
      return { name: path, size: Number(metadata.size ?? 0), modifiedAt: isoOf(metadata.updated) };
    },
    async open(path, openContext) {
      const metadata = await metadataOf(path);
      const size = Number(metadata.size ?? 0);
      // The bytes come through undici rather than the library's read stream: that one rides on
      // node-fetch 2, whose body never ends nor fails when a connection with a Content-Length
      // drops half way (it waited for ever in the test of a broken download).
      const url = mediaUrl(
        endpoint || 'https://storage.googleapis.com',
        settings.bucket,
        keyOf(path),
        metadata.generation,
      );
      let response: Awaited<ReturnType<typeof request>>;
      try {
        const headers = key
          ? ((await storage.authClient.getRequestHeaders(url)) as Record<string, string>)
          : {};
        response = await request(url, { dispatcher: agent(), headers, signal: openContext.signal ?? null });
      } catch (error) {
        throw failed(error, 'Downloading', path, true);
      }
      if (response.statusCode !== 200) {
        const answer = await response.body.text().catch(() => '');
        throw failed(
          { code: response.statusCode, message: errorMessageOf(answer) },
          'Downloading',
          path,
          true,
        );
      }
      const stream = checkedDownload(response.body, {
        name: path,
        size,
        readMs,
        where,
        cancel: openContext.signal,
        verify: checksumOf(metadata),
      });
      return { stream, size };
    },
    close: async () => {
      await dispatcher?.close().catch(() => undefined);
    },
  };
  return Promise.resolve(client);
};

/** An object's media address in the JSON API, of the generation described. */
function mediaUrl(
  base: string,
  bucket: string,
  name: string,
  generation: FileMetadata['generation'],
): string {
  const url = new URL(`${base}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}`);
  url.searchParams.set('alt', 'media');
  if (generation !== undefined) url.searchParams.set('generation', String(generation));
  return url.toString();
}

/** The stored hash a download must match: MD5 when the object has one, else CRC32C (composite objects). */
function checksumOf(
  metadata: FileMetadata,
): { update(chunk: Buffer): void; mismatch(): string | null } | undefined {
  if (metadata.md5Hash) {
    const md5 = createHash('md5');
    return {
      update: (chunk) => md5.update(chunk),
      mismatch: () => {
        const actual = md5.digest('base64');
        return actual === metadata.md5Hash
          ? null
          : `its MD5 is ${actual}, the bucket says ${metadata.md5Hash}`;
      },
    };
  }
  if (metadata.crc32c) {
    const crc = new CRC32C();
    return {
      update: (chunk) => crc.update(chunk),
      mismatch: () =>
        crc.validate(metadata.crc32c!) ? null : `its CRC32C differs from the bucket's ${metadata.crc32c}`,
    };
  }
  return undefined;
}

/** The message of a JSON API error answer, or its text. */
function errorMessageOf(answer: string): string {
  try {
    return (JSON.parse(answer) as { error?: { message?: string } }).error?.message ?? answer;
  } catch {
    return answer;
  }
}

function fileOf(name: string, file: File): StorageFile {
  return { name, size: Number(file.metadata.size ?? 0), modifiedAt: isoOf(file.metadata.updated) };
}

function isoOf(value: string | undefined): string {
  return value ? new Date(value).toISOString() : new Date(0).toISOString();
}

/** The secret as a service-account key, or VALIDATION saying what is wrong (never quoting it). */
function parseKey(secret: string, where: StorageTarget): ServiceAccountKey {
  let key: unknown;
  try {
    key = JSON.parse(secret);
  } catch {
    throw storageError('VALIDATION', 'The service-account key is not valid JSON', where, { field: 'secret' });
  }
  const { client_email, private_key } = (key ?? {}) as Partial<ServiceAccountKey>;
  if (typeof client_email !== 'string' || typeof private_key !== 'string') {
    throw storageError(
      'VALIDATION',
      'The service-account key lacks client_email or private_key: use the JSON key file Google issues for a service account',
      where,
      { field: 'secret' },
    );
  }
  return key as ServiceAccountKey;
}

/** A GCS failure as a coded error naming the bucket, the object and the service account. */
function gcsError(
  error: unknown,
  doing: string,
  path: string,
  isFile: boolean,
  bucket: string,
  account: string | null,
  where: StorageTarget,
): IntakeError {
  if (error instanceof IntakeError) return error;
  const { code, message = '' } = error as { code?: unknown; message?: string };
  const who = account ? `service account ${account}` : 'these credentials';
  if (code === 404) {
    return isFile
      ? storageError('NOT_FOUND', `The file "${path}" does not exist in bucket "${bucket}"`, where, { path })
      : storageError('NOT_FOUND', `The bucket "${bucket}" does not exist`, where, { bucket });
  }
  if (code === 401) {
    return storageError('AUTH', `The server refused ${who}: check the service-account key`, where, {
      ...(account ? { user: account } : {}),
    });
  }
  if (code === 403) {
    return storageError(
      'PERMISSION',
      `${doing} "${path}" in bucket "${bucket}" is not allowed for ${who}`,
      where,
      {
        path,
        ...(account ? { user: account } : {}),
      },
    );
  }
  // google-auth-library fails before any request when the key cannot sign (a damaged private key).
  if (/DECODER|PEM|private key|invalid_grant|unsupported/i.test(message) && typeof code !== 'number') {
    return storageError('AUTH', `The service-account key cannot sign requests: ${message}`, where, {
      field: 'secret',
    });
  }
  return unexpectedError(error, where, `${doing} "${path}"`);
}
