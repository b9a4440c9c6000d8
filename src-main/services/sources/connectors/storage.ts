import { basename } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { reachError } from '../connections/connection-errors';
import { chainedStream } from './chained-stream';
import { createGunzip } from 'node:zlib';
import { IntakeError } from '../../../../src-shared/errors';
import type { ConnectionSettings } from '../../../../src-shared/model/connection';
import type { SpecOf } from '../../../../src-shared/model/source';
import { settingsOf, type ResolvedConnection } from '../connections/resolved-connection';
import { nameMatcher, selectFiles, wasImported } from '../storage/file-selection';
import type { ByteConnector, ConnectorContext, SourceBytes, SourceParts, StorageFile } from './connector';

/** The connection kinds a storage source reads. */
export const STORAGE_KINDS = ['sftp', 's3', 'azure', 'gcs'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** A session with one storage system: list a folder, open a file. Paths are the system's own. */
export interface StorageClient {
  /**
   * The files directly in a folder or under a prefix ('' is the root), with their names relative
   * to it; folders themselves are left out. NOT_FOUND when the folder, bucket or container does
   * not exist, PERMISSION when listing is denied.
   */
  list(folder: string): Promise<StorageFile[]>;
  /** One file's size and modification time, or NOT_FOUND naming it. */
  stat(path: string): Promise<StorageFile>;
  /** A file's bytes as they are stored (a `.gz` is decompressed by the caller), streamed. */
  open(path: string, context: ConnectorContext): Promise<{ stream: Readable; size: number }>;
  /** Ends the session (an SFTP connection; a no-op for HTTP clients). */
  close(): Promise<void>;
}

/** Opens a session with the system a connection names; coded errors (AUTH, NETWORK, HOST_KEY…). */
export type StorageClientFactory<K extends StorageKind> = (
  connection: ResolvedConnection,
  settings: Extract<ConnectionSettings, { kind: K }>,
  context: ConnectorContext,
) => Promise<StorageClient>;

/**
 * Each client is loaded when first used: the AWS, Azure and Google SDKs and ssh2 cost every process
 * that starts (the CLI, each worker thread) tens of megabytes and most of a second otherwise.
 */
const CLIENTS: { [K in StorageKind]: () => Promise<StorageClientFactory<K>> } = {
  sftp: async () => (await import('./storage/sftp-client')).sftpClient,
  s3: async () => (await import('./storage/s3-client')).s3Client,
  azure: async () => (await import('./storage/azure-client')).azureClient,
  gcs: async () => (await import('./storage/gcs-client')).gcsClient,
};

/** A session with a storage connection's system. */
export async function openStorage(
  connection: ResolvedConnection | null | undefined,
  context: ConnectorContext,
): Promise<StorageClient> {
  const settings = settingsOf(connection, STORAGE_KINDS, 'A storage source');
  // The table pairs each kind with its factory; TypeScript cannot follow the union through it.
  const factory = (await CLIENTS[settings.kind]()) as StorageClientFactory<StorageKind>;
  return factory(connection!, settings, context);
}

/** The files a storage spec's folder holds that its pattern matches, marked when already imported. */
export async function matchingFiles(
  client: StorageClient,
  spec: SpecOf<'storage'>,
  context: ConnectorContext,
): Promise<StorageFile[]> {
  if (spec.match === null) {
    const file = await client.stat(spec.path);
    return [
      {
        ...file,
        name: spec.path,
        imported: wasImported({ ...file, name: spec.path }, context.importedFiles ?? []),
      },
    ];
  }
  const matches = nameMatcher(spec.match);
  return (await client.list(spec.path))
    .filter((file) => matches(file.name))
    .map((file) => ({ ...file, imported: wasImported(file, context.importedFiles ?? []) }));
}

/** A file's full path in its system: the folder joined with the name relative to it. */
function pathOf(spec: SpecOf<'storage'>, file: StorageFile): string {
  if (spec.match === null) return spec.path;
  if (spec.path === '') return file.name;
  return spec.path.endsWith('/') ? `${spec.path}${file.name}` : `${spec.path}/${file.name}`;
}

/**
 * Files in SFTP, S3 (and S3-compatible), Azure Blob or Google Cloud Storage (DESIGN §5): a path, or
 * a regular expression between slashes matched against names under a folder or prefix. The
 * preview shows the matching files and previews the one picked (the first by default) without
 * applying the selection rule, as the seed says; a run reads the rule's files one after another
 * into one dataset. `.gz` files are decompressed.
 */
export const storageConnector: ByteConnector<'storage'> = {
  kind: 'storage',
  reads: 'bytes',
  describe(spec) {
    const where = spec.match === null ? spec.path : `${spec.path || '/'} ${spec.match}`;
    return {
      name: spec.match === null ? basename(spec.path) : spec.match,
      detail: spec.match === null ? where : `${where} (${spec.select.replaceAll('-', ' ')})`,
      changes: true,
    };
  },
  fingerprint: () => Promise.resolve(null),
  async list(spec, context) {
    const client = await openStorage(context.connection, context);
    try {
      return await matchingFiles(client, spec, context);
    } finally {
      await client.close();
    }
  },
  async head(spec, maxBytes, _phase, context) {
    const client = await openStorage(context.connection, context);
    try {
      const files = await matchingFiles(client, spec, context);
      // The file picked for the preview, or the first when none was picked or it is gone since
      // (a saved import's preview file may have been moved away: its run reads by the rule anyway).
      const picked = files.find((file) => file.name === spec.file) ?? files[0];
      if (!picked) {
        throw new IntakeError(
          'NOT_FOUND',
          `No file in ${spec.path || 'the root'} matches ${spec.match ?? spec.path} (connection "${context.connection?.name ?? '?'}").`,
          { path: spec.path, match: spec.match },
        );
      }
      const opened = await client.open(pathOf(spec, picked), context);
      const stream = decoded(picked.name, [opened.stream], context);
      const chunks: Buffer[] = [];
      let length = 0;
      let isComplete = true;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= maxBytes) {
          isComplete = false;
          break;
        }
      }
      stream.destroy();
      return {
        bytes: Buffer.concat(chunks).subarray(0, maxBytes),
        isComplete,
        size: picked.name.endsWith('.gz') ? null : picked.size,
      };
    } finally {
      await client.close();
    }
  },
  async fetch(spec, context): Promise<SourceParts> {
    const client = await openStorage(context.connection, context);
    try {
      const where = `${context.connection?.name ?? 'storage'}:${spec.path || '/'}`;
      const files = selectFiles(
        await matchingFiles(client, spec, context),
        spec.select,
        context.importedFiles ?? [],
        where,
      );
      return {
        files,
        open: async (file) => openPart(client, spec, file, context),
        close: () => client.close(),
      };
    } catch (error) {
      await client.close();
      throw error;
    }
  },
};

async function openPart(
  client: StorageClient,
  spec: SpecOf<'storage'>,
  file: StorageFile,
  context: ConnectorContext,
): Promise<SourceBytes & StorageFile> {
  const opened = await client.open(pathOf(spec, file), context);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(null, chunk);
    },
  });
  const stream = decoded(file.name, [opened.stream, counter], context);
  return { ...file, stream, bytesRead: () => received };
}

/**
 * A file's stages as one stream, a `.gz` decompressed; a failure mid-file (the connection reset,
 * the file removed) fails the read with the connection named instead of leaving it waiting.
 */
function decoded(name: string, stages: Readable[], context: ConnectorContext): Readable {
  const gzipped = name.toLowerCase().endsWith('.gz');
  const where = { connection: context.connection?.name ?? '(none)', target: name };
  return chainedStream(
    gzipped ? [...stages, createGunzip()] : stages,
    (error: Error & { code?: string }) =>
      reachError(error, where) ??
      (error instanceof IntakeError
        ? error
        : error.code?.startsWith('Z_')
          ? new IntakeError('PARSE', `${name} is not valid gzip data: ${error.message}`, where)
          : new IntakeError(
              'NETWORK',
              `Reading ${name} (connection "${where.connection}") failed: ${error.message}`,
              where,
            )),
  );
}
