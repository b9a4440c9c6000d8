import type { ConnectionKind, ConnectionSettings } from '../../../src-shared/model/connection';

/** One setting of a connection kind, as the form shows it. */
export interface ConnectionField {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'select';
  placeholder?: string;
  hint?: string;
  options?: { value: string; label: string }[];
  required?: boolean;
}

/** How a kind is named, what it connects to, and what its secret is called (null: it has none). */
export interface KindForm {
  label: string;
  /** The kind in a list's column. */
  short: string;
  group: 'Feeds' | 'Databases' | 'File storage' | 'Push destinations';
  fields: ConnectionField[];
  secret: { label: string; hint: string; multiline?: boolean; optional?: boolean } | null;
  /** Settings a new connection starts with. */
  defaults: Record<string, string | number | null>;
}

const HOST: ConnectionField = {
  key: 'host',
  label: 'Host',
  kind: 'text',
  placeholder: 'db.example.com',
  required: true,
};
const USER: ConnectionField = { key: 'user', label: 'User', kind: 'text', required: true };
const PORT: ConnectionField = { key: 'port', label: 'Port', kind: 'number' };
/** PostgreSQL's and MySQL's settings: a server, its port, a user and a database. */
const DATABASE_SERVER_FIELDS: ConnectionField[] = [
  HOST,
  PORT,
  USER,
  { key: 'database', label: 'Database', kind: 'text', required: true },
];

export const KIND_FORMS: Record<ConnectionKind, KindForm> = {
  url: {
    label: 'URL feed (HTTP Basic auth)',
    short: 'URL feed',
    group: 'Feeds',
    fields: [
      { key: 'user', label: 'User', kind: 'text' },
      {
        key: 'url',
        label: 'Test address',
        kind: 'text',
        placeholder: 'https://example.com/export/customers.csv',
        hint: 'Optional: an address "Test" requests with these credentials. Each feed names its own address.',
      },
    ],
    secret: {
      label: 'Password',
      hint: 'Sent as HTTP Basic auth, over HTTPS only if the address is https.',
      optional: true,
    },
    defaults: { user: '', url: '' },
  },
  postgres: {
    label: 'PostgreSQL',
    short: 'PostgreSQL',
    group: 'Databases',
    fields: DATABASE_SERVER_FIELDS,
    secret: { label: 'Password', hint: 'Use a role that may only SELECT.' },
    defaults: { host: '', port: 5432, user: '', database: '' },
  },
  mysql: {
    label: 'MySQL / MariaDB',
    short: 'MySQL',
    group: 'Databases',
    fields: DATABASE_SERVER_FIELDS,
    secret: { label: 'Password', hint: 'Use a user that may only SELECT.' },
    defaults: { host: '', port: 3306, user: '', database: '' },
  },
  sqlite: {
    label: 'SQLite file',
    short: 'SQLite',
    group: 'Databases',
    fields: [
      { key: 'path', label: 'Database file', kind: 'text', placeholder: '/data/shop.sqlite', required: true },
    ],
    secret: null,
    defaults: { path: '' },
  },
  sftp: {
    label: 'SFTP',
    short: 'SFTP',
    group: 'File storage',
    fields: [
      HOST,
      PORT,
      USER,
      {
        key: 'keyFile',
        label: 'Private key file',
        kind: 'text',
        placeholder: '~/.ssh/id_ed25519',
        hint: 'Optional: sign in with this key instead of a password; the secret is then its passphrase.',
      },
    ],
    secret: {
      label: 'Password or key passphrase',
      hint: 'Leave empty for a key without a passphrase.',
      optional: true,
    },
    defaults: { host: '', port: 22, user: '', keyFile: null, hostKeySha256: null },
  },
  s3: {
    label: 'Amazon S3 or S3-compatible',
    short: 'S3',
    group: 'File storage',
    fields: [
      { key: 'bucket', label: 'Bucket', kind: 'text', required: true },
      { key: 'region', label: 'Region', kind: 'text', placeholder: 'us-east-1' },
      {
        key: 'endpoint',
        label: 'Endpoint',
        kind: 'text',
        placeholder: 'https://minio.example.com',
        hint: 'Only for S3-compatible servers; empty for AWS.',
      },
      { key: 'user', label: 'Access key ID', kind: 'text', required: true },
    ],
    secret: { label: 'Secret access key', hint: 'Kept in the system keychain.' },
    defaults: { bucket: '', region: 'us-east-1', endpoint: '', user: '' },
  },
  azure: {
    label: 'Azure Blob Storage',
    short: 'Azure Blob',
    group: 'File storage',
    fields: [
      {
        key: 'auth',
        label: 'Sign in with',
        kind: 'select',
        options: [
          { value: 'key', label: 'Account name and key' },
          { value: 'connectionString', label: 'Connection string' },
          { value: 'sas', label: 'SAS token' },
        ],
      },
      { key: 'account', label: 'Account', kind: 'text', hint: 'Not needed with a connection string.' },
      { key: 'container', label: 'Container', kind: 'text', required: true },
      {
        key: 'endpoint',
        label: 'Endpoint',
        kind: 'text',
        hint: 'Optional: another blob endpoint than the account’s.',
      },
    ],
    secret: { label: 'Account key, connection string or SAS token', hint: 'Kept in the system keychain.' },
    defaults: { auth: 'key', account: '', container: '', endpoint: '' },
  },
  gcs: {
    label: 'Google Cloud Storage',
    short: 'GCS',
    group: 'File storage',
    fields: [
      { key: 'bucket', label: 'Bucket', kind: 'text', required: true },
      { key: 'endpoint', label: 'Endpoint', kind: 'text', hint: 'Optional: another address than Google’s.' },
    ],
    secret: {
      label: 'Service-account JSON key',
      hint: 'Paste the key file’s JSON or load the file.',
      multiline: true,
    },
    defaults: { bucket: '', endpoint: '' },
  },
  bloomreach: {
    label: 'Bloomreach Engagement API',
    short: 'Bloomreach',
    group: 'Push destinations',
    fields: [
      { key: 'endpoint', label: 'API base URL', kind: 'text', required: true },
      { key: 'project', label: 'Project token', kind: 'text', required: true },
      { key: 'user', label: 'API key ID', kind: 'text', required: true },
    ],
    secret: { label: 'API secret', hint: 'Kept in the system keychain.' },
    defaults: { endpoint: '', project: '', user: '' },
  },
  segment: {
    label: 'Segment-compatible API',
    short: 'Segment',
    group: 'Push destinations',
    fields: [{ key: 'endpoint', label: 'API base URL', kind: 'text', required: true }],
    secret: { label: 'Write key', hint: 'Kept in the system keychain.' },
    defaults: { endpoint: '' },
  },
};

/** The kinds in the order the form offers them, grouped. */
export const KIND_ORDER: ConnectionKind[] = [
  'url',
  'postgres',
  'mysql',
  'sqlite',
  'sftp',
  's3',
  'azure',
  'gcs',
  'bloomreach',
  'segment',
];

/** A form's values as the settings the contract takes (numbers as numbers, empty key file as none). */
export function settingsFromForm(
  kind: ConnectionKind,
  values: Record<string, string | number | null>,
): ConnectionSettings {
  const settings: Record<string, unknown> = { kind };
  for (const [key, value] of Object.entries(values)) {
    if (key === 'port') settings[key] = value === '' || value === null ? undefined : Number(value);
    else if (key === 'keyFile') settings[key] = value === '' ? null : value;
    else settings[key] = value;
  }
  return settings as ConnectionSettings;
}
