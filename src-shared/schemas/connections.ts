import { z } from 'zod';

const Id = z.string().min(1).max(64);
const Host = z.string().trim().min(1, 'The host is empty.').max(255);
const Port = z.number().int().min(1).max(65535);
const User = z.string().max(256);
const Text = z.string().trim().max(1024);
/** A secret as typed: sent once, stored in the OS keychain, never returned. */
export const SecretSchema = z.string().min(1, 'The secret is empty.').max(65_536);

/** How hard a push may press a platform; unset, the documented defaults (4 at once, 20 a second). */
const PUSH_LIMITS = {
  /** Requests in flight at once. */
  concurrency: z.number().int().min(1).max(64).optional(),
  /** Requests started per second; 0 for no limit. */
  requestsPerSecond: z.number().int().min(0).max(10_000).optional(),
};

/** Each kind's settings: everything but its secret (DESIGN §3: Connection). */
export const ConnectionSettingsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('url'),
      user: User.default(''),
      /** An address the connection test GETs; feeds name their own address. */
      url: Text.default(''),
    })
    .strict(),
  z
    .object({ kind: z.literal('postgres'), host: Host, port: Port.default(5432), user: User, database: Text })
    .strict(),
  z
    .object({ kind: z.literal('mysql'), host: Host, port: Port.default(3306), user: User, database: Text })
    .strict(),
  z.object({ kind: z.literal('sqlite'), path: Text.min(1, 'The database file path is empty.') }).strict(),
  z
    .object({
      kind: z.literal('sftp'),
      host: Host,
      port: Port.default(22),
      user: User.min(1, 'The user is empty.'),
      /** A private key file on this computer; the secret is then its passphrase (if any). */
      keyFile: Text.nullable().default(null),
      /** The SHA-256 fingerprint of the server's host key, pinned at the first accepted test. */
      hostKeySha256: z.string().max(128).nullable().default(null),
    })
    .strict(),
  z
    .object({
      kind: z.literal('s3'),
      region: Text.default('us-east-1'),
      bucket: Text.min(1, 'The bucket is empty.'),
      /** An S3-compatible server's address; empty for AWS itself. */
      endpoint: Text.default(''),
      /** The access key ID; the secret is the secret access key. */
      user: User,
    })
    .strict(),
  z
    .object({
      kind: z.literal('azure'),
      /** How the secret authenticates: an account key, a connection string, or a SAS token. */
      auth: z.enum(['key', 'connectionString', 'sas']).default('key'),
      account: Text.default(''),
      container: Text.min(1, 'The container is empty.'),
      endpoint: Text.default(''),
    })
    .strict(),
  z
    .object({
      kind: z.literal('gcs'),
      bucket: Text.min(1, 'The bucket is empty.'),
      /** Overrides Google's address (a local server in tests). */
      endpoint: Text.default(''),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bloomreach'),
      endpoint: Text.min(1, 'The API base URL is empty.'),
      project: Text.min(1, 'The project token is empty.'),
      /** The API key ID; the secret is the API secret. */
      user: User.min(1, 'The API key is empty.'),
      ...PUSH_LIMITS,
    })
    .strict(),
  z
    .object({
      kind: z.literal('segment'),
      endpoint: Text.min(1, 'The API base URL is empty.'),
      ...PUSH_LIMITS,
    })
    .strict(),
]);

export const ConnectionNameSchema = z.string().trim().min(1, 'The connection needs a name.').max(128);

export const CreateConnectionSchema = z
  .object({ name: ConnectionNameSchema, settings: ConnectionSettingsSchema, secret: SecretSchema.optional() })
  .strict();

export const UpdateConnectionSchema = z
  .object({ id: Id, name: ConnectionNameSchema.optional(), settings: ConnectionSettingsSchema.optional() })
  .strict();

export const ReplaceSecretSchema = z.object({ id: Id, secret: SecretSchema }).strict();

export const ConnectionIdSchema = z.object({ id: Id }).strict();

export const TestConnectionSchema = z.object({ id: Id }).strict();

/** Trusts an SFTP server's host key, as the connection test showed it (first use, or after a change). */
export const TrustHostKeySchema = z.object({ id: Id, sha256: z.string().min(8).max(128) }).strict();
