import type { Readable } from 'node:stream';
import {
  AnonymousCredential,
  ContainerClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
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

/** Azure error codes for credentials that are wrong, as opposed to short of a permission. */
const AUTH_ERRORS = new Set([
  'AuthenticationFailed',
  'InvalidAuthenticationInfo',
  'NoAuthenticationInformation',
]);

/**
 * A refused or reset connection is retried twice, quickly (the SDK's default waits 4 s, 8 s…); a
 * download that breaks resumes from where it broke, from the same blob version (the SDK pins its
 * ETag), at most twice.
 */
const PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 250, maxRetryDelayInMs: 2_000 },
};
const DOWNLOAD_RESUMES = 2;

/**
 * Azure Blob Storage (DESIGN §5): a container reached with a connection string, an account and its
 * key, or a SAS token (the secret, in each case). The endpoint defaults to the account's
 * `https://<account>.blob.core.windows.net`; a local one (Azurite) includes the account in its
 * path. A listing reads one virtual folder level (delimiter '/') under the prefix.
 */
export const azureClient: StorageClientFactory<'azure'> = async (connection, settings, context) => {
  const secret = connection.secret ?? '';
  const endpoint = (
    settings.endpoint.trim() || (settings.account ? `https://${settings.account}.blob.core.windows.net` : '')
  ).replace(/\/+$/, '');
  const where: StorageTarget = {
    connection: connection.name,
    target: `container "${settings.container}"${endpoint ? ` at ${endpoint}` : ''}`,
  };
  const { connectMs, readMs } = timeoutsOf(context);
  const container = containerClient(settings, endpoint, secret, where);
  const deadline = <T>(doing: string, run: (signal: AbortSignal, restart: () => void) => Promise<T>) =>
    withDeadline(connectMs, context.signal, () => timeoutError(where, doing, connectMs), run);
  const failed = (error: unknown, doing: string, path: string, isFile: boolean) =>
    azureError(error, doing, path, isFile, settings.container, where);

  const storage: StorageClient = {
    async list(folder) {
      const prefix = prefixOf(folder);
      const files: StorageFile[] = [];
      let anything = false;
      try {
        await deadline(`Listing "${folder || '/'}"`, async (abortSignal, restart) => {
          const pages = container
            .listBlobsByHierarchy('/', { prefix, abortSignal })
            .byPage({ maxPageSize: 5000 });
          for await (const page of pages) {
            restart();
            anything ||= page.segment.blobItems.length > 0 || (page.segment.blobPrefixes?.length ?? 0) > 0;
            for (const blob of page.segment.blobItems) {
              const name = blob.name.slice(prefix.length);
              if (name === '') continue;
              files.push({
                name,
                size: blob.properties.contentLength ?? 0,
                modifiedAt: blob.properties.lastModified.toISOString(),
              });
            }
          }
        });
      } catch (error) {
        throw failed(error, 'Listing', folder || '/', false);
      }
      refuseEmptyFolder(prefix, anything, folder, `container "${settings.container}"`, where);
      return byName(files);
    },
    async stat(path) {
      try {
        const properties = await deadline(`Reading the details of "${path}"`, (abortSignal) =>
          container.getBlobClient(keyOf(path)).getProperties({ abortSignal }),
        );
        return {
          name: path,
          size: properties.contentLength ?? 0,
          modifiedAt: (properties.lastModified ?? new Date(0)).toISOString(),
        };
      } catch (error) {
        throw failed(error, 'Reading the details of', path, true);
      }
    },
    async open(path, openContext) {
      try {
        const download = await deadline(`Downloading "${path}"`, (abortSignal) =>
          container
            .getBlobClient(keyOf(path))
            .download(0, undefined, { abortSignal, maxRetryRequests: DOWNLOAD_RESUMES }),
        );
        const size = download.contentLength ?? 0;
        const stream = checkedDownload(download.readableStreamBody as Readable, {
          name: path,
          size,
          readMs,
          where,
          cancel: openContext.signal,
          mapError: (error) =>
            (error as { statusCode?: unknown }).statusCode ? failed(error, 'Downloading', path, true) : null,
        });
        return { stream, size };
      } catch (error) {
        throw failed(error, 'Downloading', path, true);
      }
    },
    close: () => Promise.resolve(),
  };
  return storage;
};

/** The container's client for the connection's way of signing in. */
function containerClient(
  settings: { auth: 'key' | 'connectionString' | 'sas'; account: string; container: string },
  endpoint: string,
  secret: string,
  where: StorageTarget,
): ContainerClient {
  const invalid = (what: string) =>
    storageError('VALIDATION', `The connection's ${what}`, where, {
      field: settings.auth === 'key' ? 'account' : 'secret',
    });
  switch (settings.auth) {
    case 'connectionString':
      try {
        return new ContainerClient(secret, settings.container, PIPELINE);
      } catch {
        // The SDK's message may quote the string: say only that it is not one.
        throw invalid('connection string is not a valid Azure Storage connection string');
      }
    case 'key':
      if (!settings.account) throw invalid('account name is empty');
      return new ContainerClient(
        `${endpoint}/${encodeURIComponent(settings.container)}`,
        new StorageSharedKeyCredential(settings.account, secret),
        PIPELINE,
      );
    case 'sas':
      if (!endpoint) throw invalid('account name or endpoint is needed with a SAS token');
      return new ContainerClient(
        `${endpoint}/${encodeURIComponent(settings.container)}?${secret.trim().replace(/^\?/, '')}`,
        new AnonymousCredential(),
        PIPELINE,
      );
  }
}

/** An Azure failure as a coded error naming the container and the blob. */
function azureError(
  error: unknown,
  doing: string,
  path: string,
  isFile: boolean,
  container: string,
  where: StorageTarget,
): IntakeError {
  const {
    statusCode,
    code: errorCode,
    message = '',
  } = error as { statusCode?: number; code?: string; message?: string };
  if (errorCode === 'ContainerNotFound' || (statusCode === 404 && !isFile)) {
    return storageError('NOT_FOUND', `The container "${container}" does not exist`, where, { container });
  }
  // A download resumed after a broken connection asks for the same blob version (its ETag).
  if (statusCode === 412 && isFile) {
    return storageError('IO', `"${path}" changed while it was being read: run again`, where, { path });
  }
  if (statusCode === 404) {
    return storageError('NOT_FOUND', `The file "${path}" does not exist in container "${container}"`, where, {
      path,
    });
  }
  // Azure answers a wrong key or SAS signature AuthenticationFailed; Azurite says
  // AuthorizationFailure with Azure's "failed to authenticate" text.
  if ((errorCode !== undefined && AUTH_ERRORS.has(errorCode)) || /failed to authenticate/i.test(message)) {
    return storageError(
      'AUTH',
      `The server refused the connection's credentials (${errorCode}): check the account key, connection string or SAS token`,
      where,
    );
  }
  if (statusCode === 403) {
    return storageError(
      'PERMISSION',
      `${doing} "${path}" in container "${container}" is not allowed with these credentials (${errorCode ?? 'Forbidden'})`,
      where,
      { path },
    );
  }
  return unexpectedError(error, where, `${doing} "${path}"`);
}
