import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { expect, test } from './fixtures';
// @ts-expect-error -- plain .mjs test servers, shared with the vitest suites
import { startKeyring } from '../servers/keyring.mjs';
// @ts-expect-error -- plain .mjs test servers, shared with the vitest suites
import { startPostgres } from '../servers/postgres.mjs';
// @ts-expect-error -- plain .mjs test servers, shared with the vitest suites
import { startSshd } from '../servers/sshd.mjs';

// Remote sources as a user meets them, against real servers on 127.0.0.1: an SFTP connection
// tested (its host key checked and trusted), files matched by a pattern and read 'not imported
// yet' (a file uploaded later is the only one the next run reads), and a PostgreSQL import
// picked from the schema browser. Secrets go to a private gnome-keyring.

interface Stoppable {
  stop(): Promise<void>;
}
interface Sshd extends Stoppable {
  port: number;
  user: string;
  password: string;
  hostKeySha256: string;
  area: string;
  folder: string;
}
interface Postgres extends Stoppable {
  host: string;
  port: number;
  user: string;
  password: string;
}

const HEADER = 'registered,email,first_name\n';
const rowsOf = (from: number, to: number) =>
  Array.from(
    { length: to - from + 1 },
    (_, i) => `u${from + i},u${from + i}@example.com,Name ${from + i}`,
  ).join('\n');

let keyring: Stoppable & { env: { DBUS_SESSION_BUS_ADDRESS: string } };
const started: Stoppable[] = [];

test.beforeAll(async () => {
  keyring = await startKeyring();
  // `intake serve` (started per test) inherits it: secrets never reach the user's own keychain.
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env.DBUS_SESSION_BUS_ADDRESS;
});
test.afterAll(async () => {
  await Promise.allSettled(started.map((server) => server.stop()));
  // The keyring's bus stays up until this test process ends (its watchdog stops it then): the
  // worker's Chromium, launched after this file set DBUS_SESSION_BUS_ADDRESS, is connected to it and
  // dies with it, failing the next file's tests.
});

test('SFTP: test a password connection, trust its host key, import files matched by a pattern, then only the new one', async ({
  app,
  page,
}) => {
  // Skipped unless root: the test's sshd adds its users with useradd and chpasswd.
  test.skip(process.getuid?.() !== 0, 'sshd for the SFTP test needs root (useradd, chpasswd)');
  const sshd = (await startSshd()) as Sshd;
  started.push(sshd);
  writeFileSync(join(sshd.area, 'export_1.csv'), `${HEADER}${rowsOf(1, 3)}\n`);
  writeFileSync(join(sshd.area, 'export_2.csv'), `${HEADER}${rowsOf(4, 5)}\n`);
  writeFileSync(join(sshd.area, 'notes.txt'), 'not data\n');

  await app.open();
  await app.nav('Connections').click();
  await page.getByRole('button', { name: 'New connection…' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Name').fill('Partner SFTP');
  await form.getByLabel('Kind').selectOption('sftp');
  await form.getByLabel('Host').fill('127.0.0.1');
  await form.getByLabel('Port').fill(String(sshd.port));
  await form.getByLabel('User').fill(sshd.user);
  await form.getByLabel('Password or key passphrase').fill(sshd.password);
  await form.getByRole('button', { name: 'Save and test' }).click();

  // First use: the test stops at the host key and shows its fingerprint to check.
  const row = page.getByTestId('connection-Partner SFTP');
  await expect(row.getByTestId('connection-test')).toHaveAttribute('data-code', 'HOST_KEY');
  await expect(row.getByTestId('host-key')).toHaveText(sshd.hostKeySha256);
  await app.screenshot('40-sftp-host-key');
  await row.getByRole('button', { name: 'Trust this host key' }).click();
  await expect(row.getByTestId('connection-test')).toHaveAttribute('data-code', 'ok');
  await expect(page.getByText(sshd.password)).toHaveCount(0);

  await app.nav('Imports').click();
  await page.getByRole('button', { name: 'File storage…' }).click();
  const source = page.getByRole('dialog', { name: 'New import from…' });
  await source.getByLabel('Connection').selectOption({ label: 'Partner SFTP' });
  await source.getByLabel('Path').fill(sshd.folder);
  await source.getByLabel('File name pattern').fill('/export_[0-9]+\\.csv/');
  await source.getByLabel('Each run reads').selectOption('not-imported-yet');
  await source.getByRole('button', { name: 'List files' }).click();
  await expect(source.getByTestId('storage-file')).toHaveCount(2);
  await expect(source.getByTestId('storage-files')).toContainText('export_1.csv');
  await expect(source.getByTestId('storage-files')).not.toContainText('notes.txt');
  await app.screenshot('41-sftp-files');
  await source.getByRole('button', { name: 'Preview' }).click();

  // The preview shows the first matching file; the rule applies to runs.
  const preview = page.getByTestId('preview-step');
  await expect(preview.getByRole('grid')).toContainText('u1@example.com');
  await expect(preview.getByTestId('storage-file')).toHaveCount(2);
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import name').fill('partner exports');
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await page.getByRole('button', { name: 'Save and import' }).click();
  const imported = page.getByTestId('import-row').filter({ hasText: 'partner exports' });
  await expect(imported.getByTestId('run-status')).toHaveText('Succeeded');
  await imported.getByTestId('run-status').click();
  await expect(page.getByTestId('run-file')).toHaveCount(2);
  await expect(page.getByTestId('count-imported')).toContainText('5');

  // A new file arrives; the next run reads it alone.
  writeFileSync(join(sshd.area, 'export_3.csv'), `${HEADER}${rowsOf(6, 9)}\n`);
  await imported.getByRole('button', { name: 'Run again', exact: true }).click();
  // The row says "Succeeded" for the first run until the list learns of the second: open the run
  // its status names until it is the second one (one file) and has succeeded.
  await expect(async () => {
    await imported.getByTestId('run-status').click();
    const secondRun = (await page.getByTestId('run-file').count()) === 1;
    const done = (await page.getByTestId('run-detail').getByText('Succeeded').count()) > 0;
    if (!secondRun || !done)
      await page.getByTestId('run-detail').getByRole('button', { name: 'Close' }).click();
    expect(secondRun && done).toBe(true);
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('run-file')).toContainText('export_3.csv');
  await expect(page.getByTestId('count-read')).toContainText('4');
  await expect(page.getByTestId('count-imported')).toContainText('4');
  await app.screenshot('42-sftp-second-run');
});

test('PostgreSQL: a table picked in the schema browser is previewed with its types and imported', async ({
  app,
  page,
}) => {
  const server = (await startPostgres()) as Postgres;
  started.push(server);
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: 'postgres',
  });
  await client.connect();
  await client.query(`CREATE TABLE shop_customers (
    registered text PRIMARY KEY, email text, first_name text, lifetime_value numeric(10,2), signed_up timestamptz)`);
  await client.query(`INSERT INTO shop_customers
    SELECT 'c' || i, 'c' || i || '@shop.example', 'Customer ' || i, i * 10.5, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 day'
    FROM generate_series(1, 25) i`);
  await client.end();

  await app.open();
  await app.nav('Connections').click();
  await page.getByRole('button', { name: 'New connection…' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Name').fill('Shop database');
  await form.getByLabel('Kind').selectOption('postgres');
  await form.getByLabel('Host').fill(server.host);
  await form.getByLabel('Port').fill(String(server.port));
  await form.getByLabel('User').fill(server.user);
  await form.getByLabel('Database').fill('postgres');
  await form.getByLabel('Password').fill(server.password);
  await form.getByRole('button', { name: 'Save and test' }).click();
  await expect(page.getByTestId('connection-Shop database').getByTestId('connection-test')).toHaveAttribute(
    'data-code',
    'ok',
  );

  await app.nav('Imports').click();
  await page.getByRole('button', { name: 'Database…' }).click();
  const source = page.getByRole('dialog', { name: 'New import from…' });
  await source.getByLabel('Connection').selectOption({ label: 'Shop database' });
  const table = source.getByRole('listitem').filter({ hasText: 'public.shop_customers' });
  await table.getByRole('button', { name: /public\.shop_customers/ }).click();
  await expect(table).toContainText('lifetime_value');
  await app.screenshot('43-postgres-schema-browser');
  await table.getByRole('button', { name: 'Use' }).click();
  await expect(source.getByLabel('Query')).toHaveValue(/FROM "public"\."shop_customers"/);
  await source.getByRole('button', { name: 'Preview' }).click();

  const preview = page.getByTestId('preview-step');
  await expect(page.getByTestId('dialect-fixed')).toBeVisible();
  await expect(preview.getByRole('grid')).toContainText('c1@shop.example');
  await expect(page.getByTestId('staging-status')).toContainText('Loaded 25 rows');
  await page.getByRole('button', { name: 'Next: map columns →' }).click();
  await page.getByLabel('Import name').fill('shop customers');
  await expect(page.getByLabel('Role of registered')).toHaveValue('id');
  await page.getByRole('button', { name: 'Save and import' }).click();
  const imported = page.getByTestId('import-row').filter({ hasText: 'shop customers' });
  await expect(imported.getByTestId('run-status')).toHaveText('Succeeded');
  await imported.getByTestId('run-status').click();
  await expect(page.getByTestId('count-imported')).toContainText('25');
  await app.screenshot('44-postgres-imported');
});
