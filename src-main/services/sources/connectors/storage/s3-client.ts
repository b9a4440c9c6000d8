import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import type { IntakeError } from '../../../../../src-shared/errors';
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

/** S3 error names that mean the credentials are wrong (not merely short of a permission). */
const AUTH_ERRORS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
]);
const PERMISSION_ERRORS = new Set(['AccessDenied', 'AllAccessDisabled', 'AccountProblem', 'Forbidden']);

/**
 * Amazon S3 or an S3-compatible server (DESIGN §5): region, bucket, access key ID and secret
 * access key. With an endpoint (MinIO, R2, Ceph, s3rver) requests use path-style addressing and
 * send checksums only when an operation requires them: such servers mishandle the SDK's default
 * aws-chunked uploads (SERVERS.md measured s3rver storing the chunk framing). AWS itself keeps the
 * SDK's defaults. A listing reads one folder level (Delimiter '/') under the prefix, page by page.
 */
export const s3Client: StorageClientFactory<'s3'> = (connection, settings, context) => {
  const endpoint = settings.endpoint.trim();
  const where: StorageTarget = {
    connection: connection.name,
    target: endpoint
      ? `s3://${settings.bucket} at ${endpoint}`
      : `s3://${settings.bucket} (${settings.region})`,
  };
  const { connectMs, readMs } = timeoutsOf(context);
  const client = new S3Client({
    region: settings.region || 'us-east-1',
    credentials: { accessKeyId: settings.user, secretAccessKey: connection.secret ?? '' },
    ...(endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    // Connecting is bounded here, each request's wait for its answer by withDeadline below, and a
    // download's silences by checkedDownload. No socket idle timeout: it cannot tell a stalled
    // server from staging that is busy and has stopped reading (back-pressure).
    requestHandler: { connectionTimeout: connectMs },
  });
  const bucket = settings.bucket;
  const failed = (error: unknown, doing: string, path: string, isFile: boolean) =>
    s3Error(error, doing, path, isFile, bucket, settings.user, where);
  const deadline = <T>(doing: string, run: (signal: AbortSignal, restart: () => void) => Promise<T>) =>
    withDeadline(connectMs, context.signal, () => timeoutError(where, doing, connectMs), run);

  const storage: StorageClient = {
    async list(folder) {
      const prefix = prefixOf(folder);
      const files: StorageFile[] = [];
      let anything = false;
      try {
        await deadline(`Listing "${folder || '/'}"`, async (abortSignal, restart) => {
          let token: string | undefined;
          do {
            const page: ListObjectsV2CommandOutput = await client.send(
              new ListObjectsV2Command({
                Bucket: bucket,
                Prefix: prefix,
                Delimiter: '/',
                ContinuationToken: token,
              }),
              { abortSignal },
            );
            restart();
            anything ||= (page.Contents?.length ?? 0) > 0 || (page.CommonPrefixes?.length ?? 0) > 0;
            for (const object of page.Contents ?? []) {
              const name = (object.Key ?? '').slice(prefix.length);
              // The prefix's own "folder" marker, and keys under it with an empty name, are no files.
              if (name === '' || name.endsWith('/')) continue;
              files.push({
                name,
                size: object.Size ?? 0,
                modifiedAt: (object.LastModified ?? new Date(0)).toISOString(),
              });
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
          } while (token);
        });
      } catch (error) {
        throw failed(error, 'Listing', folder || '/', false);
      }
      refuseEmptyFolder(prefix, anything, folder, `bucket "${bucket}"`, where);
      return byName(files);
    },
    async stat(path) {
      try {
        const head = await deadline(`Reading the details of "${path}"`, (abortSignal) =>
          client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(path) }), { abortSignal }),
        );
        return {
          name: path,
          size: head.ContentLength ?? 0,
          modifiedAt: (head.LastModified ?? new Date(0)).toISOString(),
        };
      } catch (error) {
        throw failed(error, 'Reading the details of', path, true);
      }
    },
    async open(path, openContext) {
      try {
        const object = await deadline(`Downloading "${path}"`, (abortSignal) =>
          client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(path) }), { abortSignal }),
        );
        const size = object.ContentLength ?? 0;
        const stream = checkedDownload(object.Body as Readable, {
          name: path,
          size,
          readMs,
          where,
          cancel: openContext.signal,
        });
        return { stream, size };
      } catch (error) {
        throw failed(error, 'Downloading', path, true);
      }
    },
    close: () => {
      client.destroy();
      return Promise.resolve();
    },
  };
  return Promise.resolve(storage);
};

/** An S3 failure as a coded error naming the bucket, the key and the access key ID. */
function s3Error(
  error: unknown,
  doing: string,
  path: string,
  isFile: boolean,
  bucket: string,
  user: string,
  where: StorageTarget,
): IntakeError {
  const { name = '', $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = $metadata?.httpStatusCode;
  if (name === 'NoSuchBucket') {
    return storageError('NOT_FOUND', `The bucket "${bucket}" does not exist`, where, { bucket });
  }
  if (isFile && (name === 'NoSuchKey' || name === 'NotFound' || status === 404)) {
    return storageError('NOT_FOUND', `The file "${path}" does not exist in bucket "${bucket}"`, where, {
      path,
    });
  }
  if (AUTH_ERRORS.has(name)) {
    return storageError(
      'AUTH',
      `The server refused the credentials of access key "${user}" (${name}): check the access key ID and secret`,
      where,
      { user },
    );
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
    return storageError(
      'VALIDATION',
      `The bucket "${bucket}" answers from another region (${name}): set the connection's region to the bucket's`,
      where,
      { field: 'region' },
    );
  }
  if (PERMISSION_ERRORS.has(name) || status === 403) {
    return storageError(
      'PERMISSION',
      `${doing} "${path}" in bucket "${bucket}" is not allowed for access key "${user}"`,
      where,
      { user, path },
    );
  }
  return unexpectedError(error, where, `${doing} "${path}"`);
}
