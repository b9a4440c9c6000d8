import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  FakeState,
  PlatformFake,
  PlatformFakeOptions,
  PlatformFakeStartup,
} from '../../servers/platform-fake-types';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import * as platformFake from '../../servers/platform-fake.mjs';

// The platform fake speaks the documented protocols (REFERENCE.md §1.5–1.6, Segment's HTTP API):
// auth refusals, the 50-command and 500 KB / 32 KB limits, per-command results in request order,
// every switch (429 + Retry-After, 5xx, delay, predicate failures, drop after receive), duplicate
// counting, and the process mode's startup line and control endpoint.

const PROJECT = 'project-7f3a';
const API_KEY = 'key-19c2';
const API_SECRET = 'secret-b81e';
const WRITE_KEY = 'write-key-5d0c';
const { MAX_SEGMENT_MESSAGE_BYTES, MAX_SEGMENT_REQUEST_BYTES, startPlatformFake } = platformFake as {
  MAX_SEGMENT_MESSAGE_BYTES: number;
  MAX_SEGMENT_REQUEST_BYTES: number;
  startPlatformFake(options?: PlatformFakeOptions): Promise<PlatformFake>;
};
const FAKE_PATH = fileURLToPath(new URL('../../servers/platform-fake.mjs', import.meta.url));

let fake: PlatformFake;
beforeAll(async () => {
  fake = await startPlatformFake({
    projectToken: PROJECT,
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    writeKey: WRITE_KEY,
  });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
}

async function call(
  path: string,
  body: unknown,
  options: { method?: string; authorization?: string | null; contentType?: string; base?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const authorization =
    options.authorization === undefined ? basic(API_KEY, API_SECRET) : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${options.base ?? fake.url}${path}`, {
    method: options.method ?? 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

const track = (commands: unknown[], options: Parameters<typeof call>[2] = {}) =>
  call(`/track/v2/projects/${PROJECT}/batch`, { commands }, options);
const segment = (batch: unknown[], options: Parameters<typeof call>[2] = {}) =>
  call('/v1/batch', { batch }, { authorization: basic(WRITE_KEY, ''), ...options });

const NOW = 1_722_458_972.747_524;
const customer = (n: number, extra: Record<string, unknown> = {}) => ({
  name: 'customers',
  command_id: `c-${n}`,
  data: {
    customer_ids: { registered: `user-${n}` },
    properties: { email: `user${n}@example.com` },
    update_timestamp: NOW,
    ...extra,
  },
});
const event = (n: number, extra: Record<string, unknown> = {}) => ({
  name: 'customers/events',
  command_id: `e-${n}`,
  data: {
    customer_ids: { registered: `user-${n}` },
    event_type: 'purchase',
    timestamp: NOW + n / 1_000_000,
    properties: { total: n },
    ...extra,
  },
});
const identify = (n: number) => ({
  type: 'identify',
  userId: `user-${n}`,
  traits: { email: `user${n}@example.com` },
  messageId: `m-i-${n}`,
  timestamp: '2024-07-31T21:30:39.000Z',
});
const trackMessage = (n: number) => ({
  type: 'track',
  event: 'Order Completed',
  userId: `user-${n}`,
  properties: { total: n },
  timestamp: '2024-07-31T21:30:39.000Z',
  messageId: `m-t-${n}`,
});

describe('the batch tracking API', () => {
  it('answers one result per command in request order and records what it accepted', async () => {
    const answer = await track([customer(1), event(2), customer(3)]);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      success: true,
      results: [{ success: true }, { success: true }, { success: true }],
      start_time: expect.any(Number),
      end_time: expect.any(Number),
    });
    expect(fake.received()).toEqual([
      {
        api: 'bloomreach',
        key: PROJECT,
        catalogId: null,
        name: 'customers',
        data: customer(1).data,
        id: 'c-1',
        request: 0,
        acknowledged: true,
      },
      {
        api: 'bloomreach',
        key: PROJECT,
        catalogId: null,
        name: 'customers/events',
        data: event(2).data,
        id: 'e-2',
        request: 0,
        acknowledged: true,
      },
      {
        api: 'bloomreach',
        key: PROJECT,
        catalogId: null,
        name: 'customers',
        data: customer(3).data,
        id: 'c-3',
        request: 0,
        acknowledged: true,
      },
    ]);
    expect(fake.requests()).toMatchObject([
      {
        method: 'POST',
        path: `/track/v2/projects/${PROJECT}/batch`,
        api: 'bloomreach',
        status: 200,
        commands: 3,
        user: API_KEY,
      },
    ]);
  });

  it('fails malformed commands one by one, with the reason, and accepts the rest', async () => {
    const answer = await track([
      customer(1, { customer_ids: undefined }),
      customer(2),
      customer(3, { customer_ids: { registered: 'null', cookie: '' } }),
      customer(4, { update_timestamp: '2024-07-31T21:30:39Z' }),
      event(5, { timestamp: 1_722_458_972_747 }),
      event(6, { event_type: undefined }),
      { name: 'customers/export', command_id: 'x-7', data: {} },
      event(8),
    ]);
    expect(answer.status).toBe(200);
    const { results } = answer.json as { results: { success: boolean; errors?: string[] }[] };
    expect(results.map((result) => result.success)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(results[0]?.errors).toEqual(['At least one id should be specified.']);
    expect(results[2]?.errors).toEqual(['At least one valid id should be specified']);
    expect(results[3]?.errors?.[0]).toMatch(/update_timestamp must be a number/);
    expect(results[4]?.errors?.[0]).toMatch(/not in seconds since the epoch/);
    expect(results[5]?.errors?.[0]).toMatch(/event_type/);
    expect(results[6]?.errors?.[0]).toMatch(/Unknown command name: customers\/export/);
    expect(fake.received().map((command) => command.id)).toEqual(['c-2', 'e-8']);
    expect(fake.rejected().map((command) => [command.id, command.reason])).toEqual([
      ['c-1', 'At least one id should be specified.'],
      ['c-3', 'At least one valid id should be specified'],
      ['c-4', expect.stringMatching(/update_timestamp/)],
      ['e-5', expect.stringMatching(/milliseconds/)],
      ['e-6', expect.stringMatching(/event_type/)],
      ['x-7', expect.stringMatching(/Unknown command/)],
    ]);
  });

  it('requires timestamps when asked to', async () => {
    fake.requireTimestamps();
    const answer = await track([
      customer(1, { update_timestamp: undefined }),
      event(2, { timestamp: undefined }),
    ]);
    expect(answer.json).toMatchObject({
      results: [
        { success: false, errors: [expect.stringMatching(/update_timestamp is missing/)] },
        { success: false, errors: [expect.stringMatching(/timestamp is missing/)] },
      ],
    });
  });

  it('refuses wrong credentials and a wrong project as the Engagement docs say, recording nothing', async () => {
    expect(await track([customer(1)], { authorization: null })).toMatchObject({
      status: 401,
      json: { success: false, error: 'Access key not provided' },
    });
    expect(await track([customer(1)], { authorization: basic('other-key', API_SECRET) })).toMatchObject({
      status: 401,
      json: { success: false, error: 'Access key not found' },
    });
    expect(await track([customer(1)], { authorization: basic(API_KEY, 'wrong') })).toMatchObject({
      status: 403,
      json: { success: false, error: 'invalid secret' },
    });
    expect(await call('/track/v2/projects/other-project/batch', { commands: [customer(1)] })).toMatchObject({
      status: 400,
      json: { success: false, error: 'Invalid project id' },
    });
    expect(fake.received()).toEqual([]);
    expect(fake.stats()).toMatchObject({ requests: 4, byStatus: { 401: 2, 403: 1, 400: 1 }, accepted: 0 });
  });

  it('takes 50 commands in a batch and refuses 51 with a message', async () => {
    const fifty = Array.from({ length: 50 }, (_, n) => event(n));
    expect((await track(fifty)).status).toBe(200);
    const refused = await track([...fifty, event(50)]);
    expect(refused).toMatchObject({
      status: 400,
      json: { success: false, message: 'Too many commands in one batch: 51 (at most 50)' },
    });
    expect(fake.stats().accepted).toBe(50);
  });

  it('refuses a body that is not JSON or has no command list', async () => {
    expect(await call(`/track/v2/projects/${PROJECT}/batch`, '{"commands": [')).toMatchObject({
      status: 400,
      json: { success: false, message: 'Invalid JSON' },
    });
    expect((await call(`/track/v2/projects/${PROJECT}/batch`, { command: [] })).status).toBe(400);
    expect((await track([], { method: 'PUT' })).status).toBe(405);
    expect((await call('/track/v2/nothing', {})).status).toBe(404);
  });

  it('counts each id it accepts and lists those taken more than once', async () => {
    await track([customer(1), event(2)]);
    await track([event(2), event(3)]);
    await track([event(2)]);
    expect(fake.receiveCount('c-1')).toBe(1);
    expect(fake.receiveCount('e-2')).toBe(3);
    expect(fake.receiveCount('never')).toBe(0);
    expect(fake.duplicates()).toEqual([{ id: 'e-2', count: 3 }]);
    expect(fake.stats()).toMatchObject({ accepted: 5, distinctIds: 3, duplicateIds: 1 });
    fake.reset();
    expect(fake.duplicates()).toEqual([]);
    expect(fake.requests()).toEqual([]);
  });
});

describe('the bulk catalog items API', () => {
  const items = (path = 'products') => `/data/v2/projects/${PROJECT}/catalogs/${path}/items`;

  it('answers per item in request order and replaces an item’s properties', async () => {
    const answer = await call(
      items(),
      [
        { item_id: 'sku-1', properties: { title: 'Lamp', price: 10 } },
        { item_id: 'a/b', properties: { title: 'Slash' } },
        { properties: { title: 'No id' } },
        { item_id: 'sku-2', properties: { title: 'Desk' } },
      ],
      { method: 'PUT' },
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual([
      { success: true, queued: true },
      { success: false, queued: false, errors: { item_id: ['item_id must not contain "/"'] } },
      { success: false, queued: false, errors: { item_id: ['item_id is required'] } },
      { success: true, queued: true },
    ]);
    await call(items(), [{ item_id: 'sku-1', properties: { title: 'Lamp 2' } }], { method: 'POST' });
    expect(fake.catalog('products')).toEqual({ 'sku-1': { title: 'Lamp 2' }, 'sku-2': { title: 'Desk' } });
    expect(fake.received().map((item) => [item.name, item.catalogId, item.id])).toEqual([
      ['catalog_item', 'products', 'sku-1'],
      ['catalog_item', 'products', 'sku-2'],
      ['catalog_item', 'products', 'sku-1'],
    ]);
    expect(fake.requests().map((request) => request.method)).toEqual(['PUT', 'POST']);
  });

  it('refuses a body that is not an array, other methods, and bad credentials', async () => {
    expect(await call(items(), { items: [] }, { method: 'PUT' })).toMatchObject({ status: 400 });
    expect((await call(items(), [], { method: 'PATCH' })).status).toBe(405);
    expect((await call(items(), [], { method: 'PUT', authorization: basic(API_KEY, 'x') })).status).toBe(403);
  });

  it('knows only the catalogs it was given, when given some', async () => {
    const strict = await startPlatformFake({
      projectToken: PROJECT,
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      catalogs: ['products'],
    });
    try {
      const put = (catalog: string) =>
        call(items(catalog), [{ item_id: '1', properties: {} }], { method: 'PUT', base: strict.url });
      expect((await put('products')).status).toBe(200);
      expect(await put('stores')).toMatchObject({
        status: 404,
        json: { success: false, error: 'Catalog not found' },
      });
    } finally {
      await strict.close();
    }
  });
});

describe('the Segment-compatible batch API', () => {
  it('accepts identify and track messages with the write key as the Basic user', async () => {
    const answer = await segment([identify(1), trackMessage(2)]);
    expect(answer).toMatchObject({ status: 200, json: { success: true } });
    expect(fake.received().map((message) => [message.api, message.key, message.name, message.id])).toEqual([
      ['segment', WRITE_KEY, 'identify', 'm-i-1'],
      ['segment', WRITE_KEY, 'track', 'm-t-2'],
    ]);
    expect(fake.received()[1]?.data).toEqual(trackMessage(2));
  });

  it('refuses a missing or unknown write key, and a body that is not JSON', async () => {
    expect(await segment([identify(1)], { authorization: null })).toMatchObject({
      status: 401,
      json: { success: false, message: expect.stringMatching(/No write key/) },
    });
    expect(await segment([identify(1)], { authorization: basic('other', '') })).toMatchObject({
      status: 401,
      json: { success: false, message: 'Invalid write key' },
    });
    expect((await call('/v1/batch', '{', { authorization: basic(WRITE_KEY, '') })).status).toBe(400);
    expect((await segment([identify(1)], { contentType: 'text/plain' })).status).toBe(400);
    expect(fake.received()).toEqual([]);
  });

  it('takes a request of 500 KB and refuses one byte more', async () => {
    // Messages of 25 KB, then topped up (each staying under 32 KB) until the body is exactly the
    // limit, plus `extra` bytes.
    const body = (extra: number) => {
      const messages = Array.from({ length: 20 }, (_, n) => ({
        ...identify(n),
        traits: { pad: 'x'.repeat(25_000) },
      }));
      let missing =
        MAX_SEGMENT_REQUEST_BYTES + extra - Buffer.byteLength(JSON.stringify({ batch: messages }));
      for (const message of messages) {
        const room = MAX_SEGMENT_MESSAGE_BYTES - Buffer.byteLength(JSON.stringify(message));
        const add = Math.min(room, missing);
        message.traits.pad += 'x'.repeat(add);
        missing -= add;
      }
      return JSON.stringify({ batch: messages });
    };
    expect(Buffer.byteLength(body(0))).toBe(MAX_SEGMENT_REQUEST_BYTES);
    expect((await call('/v1/batch', body(0), { authorization: basic(WRITE_KEY, '') })).status).toBe(200);
    fake.reset();
    const refused = await call('/v1/batch', body(1), { authorization: basic(WRITE_KEY, '') });
    expect(refused).toMatchObject({
      status: 400,
      json: { success: false, message: expect.stringMatching(/500 KB/) },
    });
    expect(fake.received()).toEqual([]);
  });

  it('refuses the whole batch when one message is over 32 KB', async () => {
    const sized = (bytes: number) => {
      const message = { ...identify(9), traits: { pad: '' } };
      message.traits.pad = 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(message)));
      return message;
    };
    expect(Buffer.byteLength(JSON.stringify(sized(MAX_SEGMENT_MESSAGE_BYTES)))).toBe(
      MAX_SEGMENT_MESSAGE_BYTES,
    );
    expect((await segment([identify(1), sized(MAX_SEGMENT_MESSAGE_BYTES)])).status).toBe(200);
    fake.reset();
    const refused = await segment([identify(1), sized(MAX_SEGMENT_MESSAGE_BYTES + 1)]);
    expect(refused).toMatchObject({
      status: 400,
      json: { success: false, message: expect.stringMatching(/Message 1 is 32769 bytes/) },
    });
    expect(fake.received()).toEqual([]);
  });

  it('answers 200 to messages Segment would drop, and lists them with the reason', async () => {
    const answer = await segment([
      { ...identify(1), userId: undefined },
      { ...trackMessage(2), event: '' },
      { ...trackMessage(3), timestamp: 1_722_458_972 },
      trackMessage(4),
    ]);
    expect(answer).toMatchObject({ status: 200, json: { success: true } });
    expect(fake.received().map((message) => message.id)).toEqual(['m-t-4']);
    expect(fake.rejected().map((message) => [message.id, message.reason])).toEqual([
      ['m-i-1', expect.stringMatching(/userId or an anonymousId/)],
      ['m-t-2', 'Track event is missing name'],
      ['m-t-3', expect.stringMatching(/ISO-8601/)],
    ]);
  });
});

describe('the switches', () => {
  it('answers the next N requests with 429 and Retry-After, recording none of their commands', async () => {
    fake.rateLimit(2, 3);
    const first = await track([customer(1)]);
    const second = await segment([identify(2)]);
    expect(first).toMatchObject({ status: 429, json: { success: false } });
    expect(first.headers.get('retry-after')).toBe('3');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('3');
    expect((await track([customer(1)])).status).toBe(200);
    expect(fake.received().map((command) => command.id)).toEqual(['c-1']);
    expect(fake.stats().byStatus).toEqual({ 429: 2, 200: 1 });
  });

  it('answers the next N requests with a 5xx', async () => {
    fake.failNext(1);
    expect(await track([customer(1)])).toMatchObject({ status: 500, json: { success: false } });
    fake.failNext(1, 503);
    expect((await track([customer(1)])).status).toBe(503);
    expect((await track([customer(1)])).status).toBe(200);
    expect(fake.receiveCount('c-1')).toBe(1);
  });

  it('delays answers, having recorded the commands already', async () => {
    fake.delay(300, 1);
    const started = Date.now();
    const pending = track([customer(1)]);
    await until(() => fake.received().length === 1);
    expect(fake.received()[0]?.acknowledged).toBe(false);
    expect((await pending).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(fake.received()[0]?.acknowledged).toBe(true);
    const quick = Date.now();
    await track([customer(2)]);
    expect(Date.now() - quick).toBeLessThan(250);
  });

  it('keeps what a client that gave up during a delay sent, unacknowledged', async () => {
    fake.delay(300);
    const aborted = fetch(`${fake.url}/track/v2/projects/${PROJECT}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic(API_KEY, API_SECRET) },
      body: JSON.stringify({ commands: [event(1)] }),
      signal: AbortSignal.timeout(50),
    });
    await expect(aborted).rejects.toThrow();
    await until(() => fake.requests()[0]?.status !== null);
    expect(fake.requests()[0]).toMatchObject({ status: 'client-closed', answered: false });
    expect(fake.received()).toMatchObject([{ id: 'e-1', acknowledged: false }]);
  });

  it('fails the commands a predicate picks, with its reason, in every API', async () => {
    const remove = fake.failWhen(
      (command) => JSON.stringify(command.data).includes('invalid'),
      'Invalid email',
    );
    fake.failWhen((command) => (command.id === 'e-3' ? 'Event rejected by the test' : false));
    const answer = await track([customer(1, { properties: { email: 'invalid@' } }), customer(2), event(3)]);
    expect(answer.json).toMatchObject({
      success: true,
      results: [
        { success: false, errors: ['Invalid email'] },
        { success: true },
        { success: false, errors: ['Event rejected by the test'] },
      ],
    });
    const items = await call(
      `/data/v2/projects/${PROJECT}/catalogs/products/items`,
      [{ item_id: 'sku-1', properties: { note: 'invalid' } }],
      { method: 'PUT' },
    );
    expect(items.json).toEqual([
      { success: false, queued: false, errors: { properties: ['Invalid email'] } },
    ]);
    await segment([{ ...identify(4), traits: { email: 'invalid' } }, identify(5)]);
    expect(fake.received().map((command) => command.id)).toEqual(['c-2', 'm-i-5']);
    expect(fake.rejected().map((command) => [command.id, command.reason])).toEqual([
      ['c-1', 'Invalid email'],
      ['e-3', 'Event rejected by the test'],
      ['sku-1', 'Invalid email'],
      ['m-i-4', 'Invalid email'],
    ]);
    remove();
    const after = await track([customer(1, { properties: { email: 'invalid@' } })]);
    expect(after.json).toMatchObject({ results: [{ success: true }] });
  });

  it('takes the same switches as control JSON', async () => {
    const state = fake.control({
      failWhen: { field: 'properties.email', contains: 'invalid' },
      reason: 'Invalid email',
      rateLimit: { count: 1, retryAfter: 2 },
    });
    expect(state.switches).toMatchObject({
      rateLimit: { count: 1, retryAfter: 2 },
      failWhen: [{ field: 'properties.email', contains: 'invalid', reason: 'Invalid email' }],
    });
    expect((await track([customer(1)])).status).toBe(429);
    const answer = await track([customer(1, { properties: { email: 'x@invalid.test' } }), customer(2)]);
    expect(answer.json).toMatchObject({
      results: [{ success: false, errors: ['Invalid email'] }, { success: true }],
    });
    fake.control({
      failWhen: [
        { name: 'customers', ids: ['c-2'], reason: 'Picked' },
        { field: 'properties.total', equals: 7 },
      ],
    });
    const picked = await track([customer(2), event(7), event(8)]);
    expect(picked.json).toMatchObject({
      results: [
        { success: false, errors: ['Picked'] },
        { success: false, errors: ['Rejected by the platform fake'] },
        { success: true },
      ],
    });
    expect(() => fake.control({ failWhen: {} })).toThrow(/at least one of/);
    fake.control({ failWhen: null });
    expect(fake.state().switches.failWhen).toEqual([]);
  });

  it('drops the connection after receiving: the commands are recorded and the client sees a socket error', async () => {
    fake.dropAfterReceive(1);
    const error = await track([event(1), event(2)]).then(
      () => null,
      (failure: unknown) => failure as Error & { cause?: { code?: string } },
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error?.cause?.code).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
    expect(fake.received().map((command) => [command.id, command.acknowledged])).toEqual([
      ['e-1', false],
      ['e-2', false],
    ]);
    // The client retries: the platform has now seen the batch twice, and says so.
    expect((await track([event(1), event(2)])).status).toBe(200);
    expect(fake.duplicates()).toEqual([
      { id: 'e-1', count: 2 },
      { id: 'e-2', count: 2 },
    ]);
    expect(fake.stats().byStatus).toEqual({ dropped: 1, 200: 1 });
  });

  it('lets a request take one switch at a time: 429 first, then 5xx, then the drop', async () => {
    fake.dropAfterReceive(1);
    fake.failNext(1);
    fake.rateLimit(1);
    expect((await track([event(1)])).status).toBe(429);
    expect((await track([event(1)])).status).toBe(500);
    await expect(track([event(1)])).rejects.toThrow();
    expect((await track([event(1)])).status).toBe(200);
    expect(fake.requests().map((request) => request.status)).toEqual([429, 500, 'dropped', 200]);
    expect(fake.receiveCount('e-1')).toBe(2);
  });
});

describe('counts-only recording', () => {
  it('keeps per-id counts and totals without the commands', async () => {
    const lean = await startPlatformFake({
      projectToken: PROJECT,
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      record: 'counts',
    });
    try {
      const send = () =>
        call(
          `/track/v2/projects/${PROJECT}/batch`,
          { commands: [event(1), event(2, { event_type: '' })] },
          { base: lean.url },
        );
      await send();
      await send();
      expect(lean.received()).toEqual([]);
      expect(lean.rejected()).toEqual([]);
      expect(lean.duplicates()).toEqual([{ id: 'e-1', count: 2 }]);
      expect(lean.stats()).toMatchObject({ requests: 2, accepted: 2, rejected: 2, distinctIds: 1 });
    } finally {
      await lean.close();
    }
  });
});

describe('the process mode', () => {
  it('prints its URL and control token, obeys the control endpoint, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [FAKE_PATH, '--project', 'p-1', '--write-key', 'wk-1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const startup = JSON.parse(line) as PlatformFakeStartup;
      expect(startup).toMatchObject({
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        controlToken: expect.stringMatching(/^[0-9a-f]{32}$/),
        projectToken: 'p-1',
        writeKey: 'wk-1',
        apiKey: 'fake-api-key',
        apiSecret: 'fake-api-secret',
      });
      const control = (body: unknown, token: string | null = startup.controlToken) =>
        fetch(`${startup.url}/__control`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { 'x-control-token': token } : {}) },
          body: JSON.stringify(body),
        });
      expect((await control({ rateLimit: 1 }, null)).status).toBe(403);
      expect((await control({ rateLimit: 1 }, 'guess')).status).toBe(403);
      expect((await control({ fail: { count: 1, status: 200 } })).status).toBe(400);
      const set = await control({
        rateLimit: { count: 1, retryAfter: 4 },
        failWhen: { field: 'event_type', equals: 'bad' },
        reason: 'No bad events',
      });
      expect(set.status).toBe(200);

      const auth = basic(startup.apiKey, startup.apiSecret);
      const batch = (commands: unknown[]) =>
        call('/track/v2/projects/p-1/batch', { commands }, { base: startup.url, authorization: auth });
      const limited = await batch([event(1)]);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('4');
      const answer = await batch([event(1), event(2, { event_type: 'bad' })]);
      expect(answer.json).toMatchObject({
        results: [{ success: true }, { success: false, errors: ['No bad events'] }],
      });

      const read = await fetch(`${startup.url}/__control?include=received,rejected,ids`, {
        headers: { authorization: `Bearer ${startup.controlToken}` },
      });
      const state = (await read.json()) as FakeState;
      expect(state.stats).toMatchObject({
        requests: 2,
        byStatus: { 429: 1, 200: 1 },
        accepted: 1,
        rejected: 1,
      });
      expect(state.received?.map((command) => command.id)).toEqual(['e-1']);
      expect(state.rejected?.map((command) => command.reason)).toEqual(['No bad events']);
      expect(state.ids).toEqual({ 'e-1': 1 });

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

/** Polls `check` every 10 ms; fails after 5 s. */
async function until(check: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !check();) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
