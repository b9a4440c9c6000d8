import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ContainerClient } from '@azure/storage-blob';
import type { ConnectionSettings } from '../../../../src-shared/model/connection';

/** What a storage suite needs of one system: connections to it, and its files to arrange. */
export interface StorageHarness {
  kind: 'sftp' | 's3' | 'azure' | 'gcs';
  label: string;
  /** False when the globalSetup did not start this server (the suite skips). */
  available: boolean;
  /** The port the real server listens on (a proxy forwards to it). */
  port(): number;
  /** A working connection's settings, reaching the server at `port` (default: the real one). */
  settings(port?: number): ConnectionSettings;
  secret(): string | null;
  /** Credentials the server refuses (AUTH). */
  wrongCredentials(): { settings: ConnectionSettings; secret: string | null };
  /** Settings naming a bucket or container that does not exist (null for SFTP: it has none). */
  missingContainer(): ConnectionSettings | null;
  /** Prepares the bucket or container (once per suite). */
  init(): Promise<void>;
  /** A new empty folder for one test, as the connection names it. */
  folder(name: string): Promise<string>;
  /**
   * Stores a file. Calls within a test come in ascending `mtime` order; where the system keeps
   * the time it was told (SFTP, s3rver, the GCS fake) it is set, elsewhere (Azure) uploads are
   * spaced so each lands in a later second.
   */
  put(folder: string, name: string, content: string | Buffer, mtime?: Date): Promise<void>;
  remove(folder: string, name: string): Promise<void>;
  /** Whether listed modification times are the ones `put` set. */
  keepsMtime: boolean;
  dispose(): Promise<void>;
}

const env = (name: string) => process.env[name] ?? '';
const unique = () => randomBytes(4).toString('hex');

/** SFTP: the run's folder in the user's home, written on disk directly (the server is local). */
export function sftpHarness(): StorageHarness {
  const area = env('INTAKE_TEST_SFTP_AREA');
  const base = `${env('INTAKE_TEST_SFTP_FOLDER')}/sftp-${unique()}`;
  const local = (folder: string, name = '') =>
    join(area, folder.slice(env('INTAKE_TEST_SFTP_FOLDER').length), name);
  const settings = (port = Number(env('INTAKE_TEST_SFTP_PORT'))): ConnectionSettings => ({
    kind: 'sftp',
    host: '127.0.0.1',
    port,
    user: env('INTAKE_TEST_SFTP_USER'),
    keyFile: null,
    hostKeySha256: env('INTAKE_TEST_SFTP_HOST_KEY'),
  });
  return {
    kind: 'sftp',
    label: 'SFTP (OpenSSH)',
    available: env('INTAKE_TEST_SFTP_PORT') !== '',
    port: () => Number(env('INTAKE_TEST_SFTP_PORT')),
    settings,
    secret: () => env('INTAKE_TEST_SFTP_PASSWORD'),
    wrongCredentials: () => ({ settings: settings(), secret: `wrong-${unique()}` }),
    missingContainer: () => null,
    init: () => {
      mkdirSync(local(base), { recursive: true, mode: 0o755 });
      return Promise.resolve();
    },
    folder: (name) => {
      const folder = `${base}/${name}`;
      mkdirSync(local(folder), { recursive: true, mode: 0o755 });
      return Promise.resolve(folder);
    },
    put: (folder, name, content, mtime) => {
      const path = local(folder, name);
      mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
      writeFileSync(path, content);
      if (mtime) utimesSync(path, mtime, mtime);
      return Promise.resolve();
    },
    remove: (folder, name) => {
      rmSync(local(folder, name));
      return Promise.resolve();
    },
    keepsMtime: true,
    dispose: () => {
      rmSync(local(base), { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** s3rver: one bucket per suite; objects uploaded with the SDK, their times set on s3rver's files. */
export function s3Harness(): StorageHarness {
  const endpoint = (port: number) => `http://127.0.0.1:${port}`;
  const bucket = `intake-s3-${unique()}`;
  const base = `s3-${unique()}`;
  const client = () =>
    new S3Client({
      endpoint: env('INTAKE_TEST_S3_ENDPOINT'),
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  let s3: S3Client | null = null;
  const settings = (
    port = Number(env('INTAKE_TEST_S3_PORT')),
    overrides: Partial<{ bucket: string; user: string }> = {},
  ) =>
    ({
      kind: 's3',
      region: 'us-east-1',
      bucket,
      endpoint: endpoint(port),
      user: 'S3RVER',
      ...overrides,
    }) as const;
  return {
    kind: 's3',
    label: 'S3 (s3rver)',
    available: env('INTAKE_TEST_S3_ENDPOINT') !== '',
    port: () => Number(env('INTAKE_TEST_S3_PORT')),
    settings: (port) => settings(port),
    secret: () => 'S3RVER',
    // s3rver checks the access key ID (not V4 signatures): an unknown one is InvalidAccessKeyId.
    wrongCredentials: () => ({
      settings: settings(undefined, { user: `NOKEY${unique()}` }),
      secret: 'S3RVER',
    }),
    missingContainer: () => settings(undefined, { bucket: `no-such-bucket-${unique()}` }),
    init: async () => {
      s3 = client();
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    },
    folder: (name) => Promise.resolve(`${base}/${name}`),
    put: async (folder, name, content, mtime) => {
      const key = `${folder}/${name}`;
      await s3!.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content }));
      // s3rver answers LastModified from its object file's mtime.
      if (mtime) utimesSync(join(env('INTAKE_TEST_S3_DIR'), bucket, `${key}._S3rver_object`), mtime, mtime);
    },
    remove: async (folder, name) => {
      await s3!.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${folder}/${name}` }));
    },
    keepsMtime: true,
    dispose: () => {
      s3?.destroy();
      return Promise.resolve();
    },
  };
}

/** Azurite: a container per suite, reached with the account's key. */
export function azureHarness(): StorageHarness {
  const account = env('INTAKE_TEST_AZURE_ACCOUNT');
  const container = `intake-${unique()}`;
  const base = `azure-${unique()}`;
  let client: ContainerClient | null = null;
  let lastSecond = 0;
  const settings = (
    port = Number(env('INTAKE_TEST_AZURE_PORT')),
    overrides: Partial<{ container: string }> = {},
  ) =>
    ({
      kind: 'azure',
      auth: 'key',
      account,
      container,
      endpoint: `http://127.0.0.1:${port}/${account}`,
      ...overrides,
    }) as const;
  return {
    kind: 'azure',
    label: 'Azure Blob (Azurite)',
    available: env('INTAKE_TEST_AZURE_ENDPOINT') !== '',
    port: () => Number(env('INTAKE_TEST_AZURE_PORT')),
    settings: (port) => settings(port),
    secret: () => env('INTAKE_TEST_AZURE_KEY'),
    wrongCredentials: () => ({ settings: settings(), secret: randomBytes(64).toString('base64') }),
    missingContainer: () => settings(undefined, { container: `no-such-container-${unique()}` }),
    init: async () => {
      client = new ContainerClient(env('INTAKE_TEST_AZURE_CONNECTION_STRING'), container);
      await client.create();
    },
    folder: (name) => Promise.resolve(`${base}/${name}`),
    put: async (folder, name, content, mtime) => {
      // Azure keeps its own Last-Modified, to the second: a later file must land in a later second.
      if (mtime) {
        while (Math.floor(Date.now() / 1000) <= lastSecond) await new Promise((r) => setTimeout(r, 50));
      }
      const body = typeof content === 'string' ? Buffer.from(content) : content;
      await client!.getBlockBlobClient(`${folder}/${name}`).uploadData(body);
      lastSecond = Math.floor(Date.now() / 1000);
    },
    remove: async (folder, name) => {
      await client!.getBlobClient(`${folder}/${name}`).delete();
    },
    keepsMtime: false,
    dispose: async () => {
      await client?.delete().catch(() => undefined);
    },
  };
}

/** The GCS fake: a bucket folder per suite under its root, files written and timed on disk. */
export function gcsHarness(): StorageHarness {
  const root = env('INTAKE_TEST_GCS_ROOT');
  const bucket = `intake-gcs-${unique()}`;
  const base = `gcs-${unique()}`;
  const settings = (
    port = Number(env('INTAKE_TEST_GCS_PORT')),
    overrides: Partial<{ bucket: string }> = {},
  ) => ({ kind: 'gcs', bucket, endpoint: `http://127.0.0.1:${port}`, ...overrides }) as const;
  return {
    kind: 'gcs',
    label: 'Google Cloud Storage (local fake)',
    available: env('INTAKE_TEST_GCS_ENDPOINT') !== '',
    port: () => Number(env('INTAKE_TEST_GCS_PORT')),
    settings: (port) => settings(port),
    // The fake checks the signature of every request signed with a key: this is the one it trusts.
    secret: () => env('INTAKE_TEST_GCS_KEY'),
    wrongCredentials: () => ({ settings: settings(), secret: JSON.stringify(untrustedKey()) }),
    missingContainer: () => settings(undefined, { bucket: `no-such-bucket-${unique()}` }),
    init: () => {
      mkdirSync(join(root, bucket));
      return Promise.resolve();
    },
    folder: (name) => Promise.resolve(`${base}/${name}`),
    put: (folder, name, content, mtime) => {
      const path = join(root, bucket, ...`${folder}/${name}`.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      if (mtime) utimesSync(path, mtime, mtime);
      return Promise.resolve();
    },
    remove: (folder, name) => {
      rmSync(join(root, bucket, ...`${folder}/${name}`.split('/')));
      return Promise.resolve();
    },
    keepsMtime: true,
    dispose: () => {
      rmSync(join(root, bucket), { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** The trusted key's JSON with another private key: well-formed, but its signatures do not verify. */
function untrustedKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...(JSON.parse(env('INTAKE_TEST_GCS_KEY')) as Record<string, string>),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

/** Makes a folder the SFTP user cannot read: root's, with no permissions for anyone else. */
export function unreadableSftpFolder(folder: string): void {
  const path = join(env('INTAKE_TEST_SFTP_AREA'), folder.slice(env('INTAKE_TEST_SFTP_FOLDER').length));
  mkdirSync(path, { recursive: true });
  chownSync(path, 0, 0);
  chmodSync(path, 0o700);
}
