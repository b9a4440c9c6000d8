import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { createRuntime, type Runtime } from '../../../src-main/host/runtime';
import { quarantinedRecords } from '../../../src-main/services/destinations/platform/push-memory';
import { retryQuarantined } from '../../../src-main/services/destinations/platform/quarantine-retry';
import { importFile } from '../../../src-main/services/runs/import-file';
import { createKeyringStore } from '../../../src-main/services/secrets/keyring-store';
import { resolveConnection } from '../../../src-main/services/sources/connections/resolved-connection';
import type { ConnectionSettings, ConnectionSummary } from '../../../src-shared/model/connection';
import type { Run, RunProgress } from '../../../src-shared/model/run';
import type { Result } from '../../../src-shared/result';
import { writeFixture } from '../../support/import-run';
import { makeTempDir } from '../../support/temp-dir';
import { quick } from '../runs/run-helpers';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startPlatformFake } from '../../servers/platform-fake.mjs';

// Pushing to a platform's batch API against the local fake that speaks it (test/servers): records
// arrive complete and exactly once under 429s and 500s, refused ones are quarantined with the
// platform's reason and retried alone after a fix, a second push sends only what changed, and a
// 4xx stops the run with the server's message.

interface Received {
  api: string;
  name: string;
  data: Record<string, unknown>;
  id: string | null;
}
interface Fake {
  url: string;
  credentials: { projectToken: string; apiKey: string; apiSecret: string; writeKey: string };
  received(): Received[];
  duplicates(): unknown[];
  requests(): { status: number | string | null; commands: number }[];
  catalog(id: string): Record<string, unknown>;
  rateLimit(count: number, seconds?: number): void;
  delay(ms: number, count?: number | null): void;
  failNext(count: number, status?: number): void;
  failWhen(predicate: (command: Received) => boolean | string, reason?: string): void;
  clearFailWhen(): void;
  reset(): void;
  close(): Promise<void>;
}

const temp = makeTempDir('intake-push-');
const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
let runtime: Runtime;
let fake: Fake;

beforeAll(async () => {
  fake = (await startPlatformFake()) as Fake;
  runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined, secrets });
});
afterAll(async () => {
  await runtime.close();
  await fake.close();
  temp.remove();
});
beforeEach(() => fake.reset());

async function connect(settings: ConnectionSettings, secret: string): Promise<string> {
  const created = (await dispatch(runtime.handlers, 'connections:create', {
    name: `platform ${randomUUID().slice(0, 8)}`,
    settings,
    secret,
  })) as Result<ConnectionSummary>;
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

const bloomreach = () =>
  connect(
    {
      kind: 'bloomreach',
      endpoint: fake.url,
      project: fake.credentials.projectToken,
      user: fake.credentials.apiKey,
    },
    fake.credentials.apiSecret,
  );

async function push(
  file: string,
  connectionId: string,
  name: string,
  flags: Parameters<typeof quick>[1],
  type: Parameters<typeof quick>[0] = 'customers',
  dryRun = false,
): Promise<Run> {
  const { run } = await importFile(runtime, {
    file,
    quick: quick(type, flags),
    name,
    to: { kind: 'platform', connectionId },
    dryRun,
  });
  return runtime.runs.settled(run.id);
}

/** How the PII guardrail sends an email: trimmed, lowercased, SHA-256 in hex. */
const hashed = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

const customersCsv = (count: number, change = 0) =>
  `email,name,score\n${Array.from({ length: count }, (_, i) => `c${i}@example.com,${i < change ? 'Changed' : 'Name'} ${i},${i}`).join('\n')}\n`;

describe('a push to a Bloomreach-style batch API', () => {
  it('reports its second stage as pushing: records the platform acknowledged, request by request', async () => {
    const connectionId = await bloomreach();
    const file = writeFixture(temp.dir, 'progress.csv', customersCsv(1000));
    // 20 requests answered 150 ms after they arrive, 4 at a time: ~750 ms of pushing.
    fake.delay(150);
    const seen: RunProgress[] = [];
    const unsubscribe = runtime.bus.subscribe((event) => {
      if (event.name === 'runs:progress') seen.push(structuredClone(event.payload as RunProgress));
    });
    const run = await push(file, connectionId, 'progress to platform', { ids: ['email=email_id'] });
    unsubscribe();
    expect(run.status, run.error?.message).toBe('succeeded');
    const stage2 = seen.filter((progress) => progress.runId === run.id && progress.status === 'processing');
    expect(stage2.length).toBeGreaterThan(0);
    expect(stage2.every((progress) => progress.processing.pushing === true)).toBe(true);
    const rows = stage2.map((progress) => progress.processing.rows);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    // Acknowledged a request (50 commands) at a time, not a batch of 500 rows read at once.
    const partial = rows.filter((count) => count > 0 && count < 1000);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((count) => count % 50 === 0)).toBe(true);
  });

  it('arrives complete and once under 429s and 500s; a refused record is quarantined, then retried alone after a fix', async () => {
    const connectionId = await bloomreach();
    const file = writeFixture(temp.dir, 'customers.csv', customersCsv(120));
    fake.rateLimit(2, 1);
    fake.failNext(2, 503);
    fake.failWhen(
      (command) => (command.data.customer_ids as { email_id?: string }).email_id === hashed('c7@example.com'),
      'Invalid email domain',
    );
    const run = await push(file, connectionId, 'customers to platform', { ids: ['email=email_id'] });
    expect(run.status, run.error?.message).toBe('succeeded');
    const customers = fake.received().filter((command) => command.name === 'customers');
    expect(customers).toHaveLength(119);
    expect(fake.duplicates()).toEqual([]);
    expect(
      new Set(customers.map((command) => (command.data.customer_ids as { email_id: string }).email_id)).size,
    ).toBe(119);
    // Each command as the issue says: IDs, properties, an update_timestamp in seconds.
    const first = customers.find(
      (command) => (command.data.customer_ids as { email_id: string }).email_id === hashed('c0@example.com'),
    )!;
    expect(first.data).toMatchObject({
      customer_ids: { email_id: hashed('c0@example.com') },
      properties: { name: 'Name 0', score: 0 },
    });
    expect(typeof first.data.update_timestamp).toBe('number');
    expect(run.push).toMatchObject({ sent: 119, quarantined: 1, skipped: 0, waited429: 2 });
    expect(run.push!.retried).toBeGreaterThanOrEqual(4);
    expect(run.rows).toMatchObject({ read: 120, imported: 119, rejected: 1 });
    const [quarantined] = quarantinedRecords(runtime.workspace.db, connectionId, run.importId!);
    expect(quarantined).toMatchObject({ rowNumber: 9, reason: 'Invalid email domain' });

    // The platform is fixed: retrying sends only the quarantined record.
    fake.clearFailWhen();
    fake.reset();
    const definition = (await dispatch(runtime.handlers, 'imports:get', {
      importId: run.importId,
    })) as Result<{
      mapping: never;
    }>;
    if (!definition.ok) throw new Error(definition.error.message);
    const retried = await retryQuarantined({
      workspaceDir: runtime.workspace.dir,
      connection: await resolveConnection(runtime.workspace.db, secrets, connectionId),
      importId: run.importId!,
      mapping: definition.data.mapping,
    });
    expect(retried).toMatchObject({ retried: 1, sent: 1, stillQuarantined: 0 });
    expect(
      fake.received().map((command) => (command.data.customer_ids as { email_id: string }).email_id),
    ).toEqual([hashed('c7@example.com')]);
    expect(quarantinedRecords(runtime.workspace.db, connectionId, run.importId!)).toEqual([]);

    // A second push after 10 records changed sends those 10 and skips the rest.
    fake.reset();
    writeFixture(temp.dir, 'customers.csv', customersCsv(120, 10));
    const second = await push(file, connectionId, 'customers to platform', { ids: ['email=email_id'] });
    expect(second.push).toMatchObject({ sent: 10, skipped: 110, quarantined: 0 });
    expect(fake.received()).toHaveLength(10);
  });

  it('sends events in requests of at most 50, with timestamps in seconds and their microseconds', async () => {
    const connectionId = await bloomreach();
    const rows = Array.from(
      { length: 130 },
      (_, i) => `e${i % 7}@example.com,2026-03-0${1 + (i % 9)}T10:00:00.${String(i).padStart(6, '0')}Z,${i}`,
    );
    const file = writeFixture(temp.dir, 'events.csv', `email,at,n\n${rows.join('\n')}\n`);
    const run = await push(
      file,
      connectionId,
      'events to platform',
      { ids: ['email=email_id'], timestamp: 'at', eventType: 'purchase' },
      'events',
    );
    expect(run.status, run.error?.message).toBe('succeeded');
    const events = fake.received().filter((command) => command.name === 'customers/events');
    expect(events).toHaveLength(130);
    expect(fake.requests().map((request) => request.commands)).toEqual([50, 50, 30]);
    const fifth = events.find((command) => (command.data.properties as { n: number }).n === 5)!;
    expect(fifth.data).toMatchObject({
      event_type: 'purchase',
      customer_ids: { email_id: hashed('e5@example.com') },
    });
    expect(fifth.data.timestamp).toBe(Date.parse('2026-03-06T10:00:00Z') / 1000 + 0.000005);
  });

  it('updates catalog items through the bulk items endpoint', async () => {
    const connectionId = await bloomreach();
    const file = writeFixture(
      temp.dir,
      'items.csv',
      'item_id,title,price\nA1,Shoe,10\nA2,Hat,5\nA1,Shoe v2,12\n',
    );
    const run = await push(
      file,
      connectionId,
      'catalog to platform',
      { itemId: 'item_id', catalog: 'products' },
      'catalog',
    );
    expect(run.status, run.error?.message).toBe('succeeded');
    expect(fake.catalog('products')).toEqual({
      A1: { title: 'Shoe v2', price: 12 },
      A2: { title: 'Hat', price: 5 },
    });
  });

  it("stops at a 4xx other than 429 with the server's message, and sends nothing after it", async () => {
    const connectionId = await connect(
      {
        kind: 'bloomreach',
        endpoint: fake.url,
        project: fake.credentials.projectToken,
        user: fake.credentials.apiKey,
      },
      'not-the-secret',
    );
    const file = writeFixture(temp.dir, 'denied.csv', customersCsv(3));
    const run = await push(file, connectionId, 'denied push', { ids: ['email=email_id'] });
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('AUTH');
    expect(run.error?.message).toMatch(/HTTP 403/);
    expect(run.error?.message).not.toContain('not-the-secret');
    expect(fake.received()).toEqual([]);
  });
});

describe('testing a record', () => {
  it("sends the chosen row alone, even when unchanged, and keeps the platform's raw answer", async () => {
    const connectionId = await bloomreach();
    const file = writeFixture(temp.dir, 'tested.csv', customersCsv(5));
    const first = await push(file, connectionId, 'tested customers', { ids: ['email=email_id'] });
    expect(first.push?.sent).toBe(5);
    fake.reset();
    const tested = await runtime.runs.settled(
      runtime.runs.start(first.importId!, undefined, 'user', { onlyRow: 4 }).id,
    );
    expect(tested.status, tested.error?.message).toBe('succeeded');
    const received = fake.received();
    expect(received.map((command) => (command.data.customer_ids as { email_id: string }).email_id)).toEqual([
      hashed('c2@example.com'),
    ]);
    expect(tested.push?.sent).toBe(1);
    expect(tested.push?.response).toMatch(/^HTTP 200 \{/);
    expect(JSON.parse(tested.push!.response!.slice('HTTP 200 '.length))).toMatchObject({
      success: true,
      results: [{ success: true }],
    });
  });
});

describe('the PII guardrail', () => {
  it('normalises and hashes emails and phones before they leave, IDs included, and refuses what it cannot hash', async () => {
    const connectionId = await bloomreach();
    const file = writeFixture(
      temp.dir,
      'personal.csv',
      'email,phone,city\n Ann.Doe+news@Example.COM ,+420 602 123 456,Praha\nbob@example.com,(415) 555-2671,Brno\nnot-an-email,602123456,Ostrava\n',
    );
    const run = await push(file, connectionId, 'personal data', { ids: ['email=email_id'] });
    expect(run.status, run.error?.message).toBe('succeeded');
    const sent = fake.received().map((command) => command.data);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(sent).toEqual([
      expect.objectContaining({
        customer_ids: { email_id: sha('ann.doe+news@example.com') },
        properties: { phone: sha('+420602123456'), city: 'Praha' },
      }),
      // A phone without a country is read as the import's phone country (US unless set).
      expect.objectContaining({
        customer_ids: { email_id: sha('bob@example.com') },
        properties: { phone: sha('+14155552671'), city: 'Brno' },
      }),
    ]);
    expect(run.rows).toMatchObject({ read: 3, imported: 2, rejected: 1 });
    // The workspace is not involved: nothing personal was stored there either way.
  });
});

describe('a dry run', () => {
  it('counts what the push would do, sends nothing, and equals the real run that follows', async () => {
    const connectionId = await bloomreach();
    const rows = Array.from(
      { length: 75 },
      (_, i) => `d${i % 9}@example.com,2026-04-0${1 + (i % 9)}T08:00:00Z,${i}`,
    );
    const file = writeFixture(temp.dir, 'dry-events.csv', `email,at,n\n${rows.join('\n')}\nbad,,x\n`);
    const flags = { ids: ['email=email_id'], timestamp: 'at', eventType: 'view' };
    const dry = await push(file, connectionId, 'dry events', flags, 'events', true);
    expect(dry.status, dry.error?.message).toBe('succeeded');
    expect(fake.requests()).toEqual([]);
    expect(dry.warnings[0]).toMatch(/^A dry run: nothing was imported or sent/);
    expect(dry.push?.dryRun).toMatchObject({ commands: { 'customers/events': 75 }, requests: 2 });
    const [example] = dry.push!.dryRun!.examples.map(
      (body) => JSON.parse(body) as { commands: { data: unknown }[] },
    );

    const real = await push(file, connectionId, 'dry events', flags, 'events');
    expect(real.rows).toEqual(dry.rows);
    expect([real.push?.sent, real.push?.skipped, real.push?.requests]).toEqual([
      dry.push?.sent,
      dry.push?.skipped,
      dry.push?.requests,
    ]);
    // The example is what was then sent, command for command (but for the run's ids).
    const sent = fake
      .received()
      .slice(0, 50)
      .map((command) => command.data);
    expect(example!.commands.map((command) => command.data)).toEqual(sent);
    // After the real push, a dry run finds nothing left to send.
    const again = await push(file, connectionId, 'dry events', flags, 'events', true);
    expect(again.push).toMatchObject({ sent: 0, skipped: 75, requests: 0 });
  });

  it('leaves the workspace as it was when the destination is the workspace', async () => {
    const file = writeFixture(temp.dir, 'dry-customers.csv', customersCsv(12));
    const { run } = await importFile(runtime, {
      file,
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: 'dry workspace',
      dryRun: true,
    });
    const dry = await runtime.runs.settled(run.id);
    expect(dry.rows).toMatchObject({ read: 12, imported: 12 });
    const stored = runtime.workspace.db
      .prepare("SELECT COUNT(*) FROM customer_ids WHERE value LIKE 'c%@example.com'")
      .pluck()
      .get();
    expect(stored).toBe(0);
  });
});

describe('a push to a Segment-compatible API', () => {
  it('sends identify and track messages with the write key, and rejects a message over 32 KB by its row', async () => {
    const connectionId = await connect({ kind: 'segment', endpoint: fake.url }, fake.credentials.writeKey);
    const big = 'x'.repeat(33 * 1024);
    const file = writeFixture(
      temp.dir,
      'people.csv',
      `email,bio\na@example.com,short\nb@example.com,${big}\n`,
    );
    const run = await push(file, connectionId, 'people to segment', { ids: ['email=email_id'] });
    expect(run.status, run.error?.message).toBe('succeeded');
    const messages = fake.received();
    expect(messages.map((message) => [message.name, (message.data as { userId: string }).userId])).toEqual([
      ['identify', hashed('a@example.com')],
    ]);
    expect(run.rows).toMatchObject({ read: 2, imported: 1, rejected: 1 });
  });
});
