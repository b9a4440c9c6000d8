import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { runIntake } from '../support/intake-cli';
// @ts-expect-error -- plain .mjs test servers, shared with the vitest suites
import { startKeyring } from '../servers/keyring.mjs';
// @ts-expect-error -- plain .mjs test servers, shared with the vitest suites
import { startPlatformFake } from '../servers/platform-fake.mjs';

// Pushing to a platform as a user meets it: a Bloomreach-style connection set up on the
// Connections page (its secret to a private gnome-keyring), chosen as an import's destination, a
// dry run that sends nothing and says what it would send, the push, and the record the platform
// refused shown with its reason.

interface Fake {
  url: string;
  credentials: { projectToken: string; apiKey: string; apiSecret: string };
  received(): { name: string }[];
  requests(): unknown[];
  failWhen(
    predicate: (command: { data: { customer_ids: { email_id?: string } } }) => boolean,
    reason: string,
  ): void;
  close(): Promise<void>;
}

let keyring: { env: { DBUS_SESSION_BUS_ADDRESS: string }; stop(): Promise<void> };
let fake: Fake;
test.beforeAll(async () => {
  keyring = await startKeyring();
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env.DBUS_SESSION_BUS_ADDRESS;
  fake = (await startPlatformFake()) as Fake;
  // Emails leave hashed (the PII guardrail): the platform refuses the hash of this one.
  const refused = createHash('sha256').update('bad@invalid.example').digest('hex');
  fake.failWhen((command) => command.data.customer_ids.email_id === refused, 'Invalid email domain');
});
test.afterAll(async () => {
  await fake?.close();
  // The keyring's bus stays up until this test process ends (its watchdog stops it then): the
  // worker's Chromium, launched after this file set DBUS_SESSION_BUS_ADDRESS, is connected to it and
  // dies with it, failing the next file's tests.
});

test('set up a platform destination, dry-run, push, and see the quarantined record', async ({
  app,
  page,
}) => {
  const file = join(app.workspaceDir, 'crm.csv');
  writeFileSync(
    file,
    'email,name\nann@example.com,Ann\nbob@example.com,Bob\nbad@invalid.example,Bad\ncid@example.com,Cid\n',
  );
  const saved = await runIntake([
    'import',
    file,
    '--type',
    'customers',
    '--id',
    'email=email_id',
    '--name',
    'crm customers',
    '--workspace',
    app.workspaceDir,
  ]);
  expect(saved.status, saved.stderr).toBe(0);

  await app.open();
  await app.nav('Connections').click();
  await page.getByRole('button', { name: 'New connection…' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Name').fill('Platform');
  await form.getByLabel('Kind').selectOption('bloomreach');
  await form.getByLabel('API base URL').fill(fake.url);
  await form.getByLabel('Project token').fill(fake.credentials.projectToken);
  await form.getByLabel('API key ID').fill(fake.credentials.apiKey);
  await form.getByLabel('API secret').fill(fake.credentials.apiSecret);
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByTestId('connection-Platform')).toBeVisible();

  await app.nav('Imports').click();
  const row = page.getByTestId('import-row').filter({ hasText: 'crm customers' });
  await row.getByRole('button', { name: 'Destination…' }).click();
  const choose = page.getByRole('dialog', { name: 'Destination' });
  await choose.getByLabel(/Push to Platform/).check();
  await choose.getByRole('button', { name: 'Save destination' }).click();
  await expect(row.getByTestId('import-destination')).toHaveText('→ Platform');

  // A dry run says what it would send and sends nothing.
  await row.getByRole('button', { name: 'Dry run' }).click();
  const detail = page.getByTestId('run-detail');
  await expect(detail.getByTestId('push-figures')).toContainText('What this push would do');
  await expect(detail.getByTestId('dry-run-commands')).toContainText('4 customers in 1 request (');
  expect(fake.requests()).toEqual([]);
  await app.screenshot('50-push-dry-run');
  await detail.getByRole('button', { name: 'Close' }).click();

  // The push: three taken, one refused and quarantined with the platform's reason.
  await row.getByRole('button', { name: 'Run again', exact: true }).click();
  await expect(row.getByTestId('run-status')).toHaveText('Succeeded · 1 rejected');
  await row.getByTestId('run-status').click();
  await expect(detail.getByTestId('push-sent')).toContainText('3');
  await expect(detail.getByTestId('push-quarantined')).toContainText('1');
  await expect(detail.getByTestId('reject-row')).toHaveCount(1);
  await expect(detail.getByTestId('reject-row')).toContainText('Invalid email domain');
  expect(fake.received().filter((command) => command.name === 'customers')).toHaveLength(3);
  await app.screenshot('51-push-quarantined');
  await detail.getByRole('button', { name: 'Close' }).click();

  // Test a record: row 3 (Bob) alone, although the platform has it, with the raw answer shown.
  const before = fake.received().length;
  await row.getByRole('button', { name: 'Test a record…' }).click();
  const test1 = page.getByRole('dialog', { name: 'Test a record' });
  await test1.getByLabel('Row number').fill('3');
  await test1.getByRole('button', { name: 'Send this record' }).click();
  await expect(detail.getByTestId('push-sent')).toContainText('1');
  await expect(detail.getByTestId('push-response')).toContainText('HTTP 200');
  await expect(detail.getByTestId('push-response')).toContainText('"success": true');
  const sentAlone = fake.received().slice(before) as unknown as {
    data: { customer_ids: { email_id: string } };
  }[];
  expect(sentAlone.map((command) => command.data.customer_ids.email_id)).toEqual([sha256('bob@example.com')]);
  await app.screenshot('52-push-test-a-record');
  await detail.getByRole('button', { name: 'Close' }).click();

  // The mapping grid previews what leaves the machine: the email column as its SHA-256.
  await row.getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('show-hashed').check();
  await expect(page.getByRole('gridcell', { name: sha256('ann@example.com') })).toBeVisible();
  await app.screenshot('53-mapping-hashed-preview');
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
