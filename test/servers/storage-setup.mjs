// Vitest globalSetup: the file-storage servers for the whole run, started in parallel on
// 127.0.0.1 and stopped by PID at the end — OpenSSH sshd (SFTP), s3rver (S3), Azurite (Azure
// Blob) and the GCS fake. Their addresses and credentials go into process.env before the test
// workers start, so the workers inherit them (INTAKE_TEST_SFTP_PORT, INTAKE_TEST_S3_ENDPOINT…).
// A suite whose server is not there skips itself; sshd needs root and Linux.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite } from './azurite.mjs';
import { startGcsFake } from './gcs-fake.mjs';
import { startS3rver } from './s3rver.mjs';
import { startSshd } from './sshd.mjs';

const stops = [];
const setKeys = [];

function exportEnv(values) {
  for (const [key, value] of Object.entries(values)) {
    process.env[key] = String(value);
    setKeys.push(key);
  }
}

/** Starts the four servers (in parallel) and exports their details. */
export async function setup() {
  const started = await Promise.allSettled([sftp(), s3(), azure(), gcs()]);
  const failures = started
    .filter((outcome) => outcome.status === 'rejected')
    .map((outcome) => outcome.reason);
  if (failures.length > 0) {
    await teardown();
    throw new AggregateError(
      failures,
      `Storage test servers failed to start: ${failures.map(String).join('; ')}`,
    );
  }
}

/** Stops every server started (by PID) and removes their folders and variables. */
export async function teardown() {
  const pending = stops.splice(0);
  await Promise.allSettled(pending.map((stop) => stop()));
  for (const key of setKeys.splice(0)) delete process.env[key];
}

async function sftp() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    console.warn('storage-setup: sshd needs root on Linux; the SFTP tests will be skipped.');
    return;
  }
  if (!existsSync('/usr/sbin/sshd')) {
    console.warn(
      'storage-setup: /usr/sbin/sshd is missing (Debian package openssh-server; `npm test` installs it); the SFTP tests will be skipped.',
    );
    return;
  }
  const server = await startSshd();
  stops.push(server.stop);
  exportEnv({
    INTAKE_TEST_SFTP_PORT: server.port,
    INTAKE_TEST_SFTP_PID: server.pid,
    INTAKE_TEST_SFTP_USER: server.user,
    INTAKE_TEST_SFTP_PASSWORD: server.password,
    INTAKE_TEST_SFTP_KEY_FILE: server.keyFile,
    INTAKE_TEST_SFTP_PASSPHRASE_KEY_FILE: server.passphraseKeyFile,
    INTAKE_TEST_SFTP_PASSPHRASE: server.passphrase,
    INTAKE_TEST_SFTP_HOST_KEY: server.hostKeySha256,
    // This run's folder: absolute (tests write files there) and relative to the user's home.
    INTAKE_TEST_SFTP_AREA: server.area,
    INTAKE_TEST_SFTP_FOLDER: server.folder,
  });
}

async function s3() {
  const server = await startS3rver();
  stops.push(server.stop);
  exportEnv({
    INTAKE_TEST_S3_ENDPOINT: server.endpoint,
    INTAKE_TEST_S3_PORT: server.port,
    INTAKE_TEST_S3_DIR: server.dir,
  });
}

async function azure() {
  const server = await startAzurite();
  stops.push(server.stop);
  exportEnv({
    INTAKE_TEST_AZURE_ENDPOINT: server.endpoint,
    INTAKE_TEST_AZURE_PORT: server.port,
    INTAKE_TEST_AZURE_ACCOUNT: server.account,
    INTAKE_TEST_AZURE_KEY: server.accountKey,
    INTAKE_TEST_AZURE_CONNECTION_STRING: server.connectionString,
  });
}

/**
 * The fake over a temporary root (a folder per bucket), trusting one service account's key. The
 * key JSON names a universe other than Google's, so the client signs its own JWTs instead of
 * asking Google's token endpoint: nothing leaves the machine, and the fake checks the signature.
 */
async function gcs() {
  const dir = mkdtempSync(join(tmpdir(), 'intake-gcs-'));
  stops.push(async () => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'buckets');
  const keys = join(dir, 'keys');
  mkdirSync(root);
  mkdirSync(keys);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(keys, 'intake-test.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  const keyJson = serviceAccountKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const server = await startGcsFake({ root, keysDir: keys });
  stops.unshift(server.stop);
  exportEnv({
    INTAKE_TEST_GCS_ENDPOINT: server.endpoint,
    INTAKE_TEST_GCS_PORT: server.port,
    INTAKE_TEST_GCS_ROOT: root,
    INTAKE_TEST_GCS_KEY: JSON.stringify(keyJson),
  });
}

/** A service-account key file's JSON, as Google issues them, for the fake's own universe. */
export function serviceAccountKey(privateKeyPem) {
  return {
    type: 'service_account',
    project_id: 'intake-test',
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKeyPem,
    client_email: 'importer@intake-test.iam.gserviceaccount.com',
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    universe_domain: 'intake.test',
  };
}
