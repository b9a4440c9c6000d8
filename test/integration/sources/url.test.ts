import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import type { ConnectionSummary } from '../../../src-shared/model/connection';
import type { Dataset } from '../../../src-shared/model/dataset';
import type { Preview } from '../../../src-shared/model/preview';
import type { SourceRef } from '../../../src-shared/model/source';
import { importFile } from '../../../src-main/services/runs/import-file';
import { datasetFilePath } from '../../../src-main/services/stage/dataset-file';
import { importAndWait, rows } from '../../support/import-run';
import { makeTestRuntime, requestsOf } from '../../support/runtime';
import { quick } from '../runs/run-helpers';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startFeedServer, startSilentServer } from '../../servers/feed-server.mjs';

// An HTTP(S) feed against a real local server (SERVERS.md "URL feed"): the phase header on each
// request, Basic auth from a URL connection whose password is in the keychain, redirects, gzip,
// and every way a feed fails coded (AUTH, NOT_FOUND, NETWORK, TIMEOUT) with nothing imported.

interface FeedRequest {
  path: string;
  phase: string | null;
  authorized: boolean;
  hasAuthorization: boolean;
  acceptEncoding: string | null;
  connectionOpen: boolean;
}
interface Feed {
  url: string;
  port: number;
  requests: FeedRequest[];
  close(): Promise<void>;
}

const PASSWORD = 'feed-pa55word-9f3b';
const CUSTOMERS = 'email,first_name\nann@example.com,Ann\nbob@example.com,Bob\ncid@example.com,Cid\n';
// Long enough that the first 64 bytes leave a body to stall on.
const MANY = `email,n\n${Array.from({ length: 200 }, (_, i) => `user${i}@example.com,${i}`).join('\n')}\n`;

let feed: Feed;
const runtime = makeTestRuntime('web', { networkTimeouts: { connectMs: 1_500, readMs: 1_500 } });
beforeAll(async () => {
  feed = (await startFeedServer({
    files: { '/customers.csv': CUSTOMERS, '/many.csv': MANY },
    user: 'analyst',
    password: PASSWORD,
  })) as Feed;
});
afterAll(async () => {
  await feed.close();
  await runtime.dispose();
});

const call = requestsOf(runtime);

function failure(name: string, payload: unknown) {
  return dispatch(runtime.handlers, name as never, payload as never) as Promise<{
    ok: boolean;
    error?: { code: string; message: string };
  }>;
}

async function previewOf(url: string, connectionId: string | null = null) {
  const source = await call<SourceRef>('sources:add', { kind: 'url', url, connectionId });
  return { source, preview: failure('sources:preview', { sourceId: source.id }) };
}

function importUrl(url: string, name: string, connectionId: string | null = null) {
  return importAndWait(runtime, {
    source: { kind: 'url', url, connectionId },
    quick: quick('customers', { ids: ['email=email_id'] }),
    name,
  });
}

/** Polls `check` every 20 ms; fails after 5 s (the stall it waits out is a minute long). */
async function until(check: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !check();) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function requestsSince(count: number): FeedRequest[] {
  return feed.requests.slice(count);
}

/** Every file of the workspace, read as bytes (the database, its WAL, the logs). */
function workspaceBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    parts.push(statSync(path).isDirectory() ? workspaceBytes(path) : readFileSync(path));
  }
  return Buffer.concat(parts);
}

let connection: ConnectionSummary;

describe('a URL feed', () => {
  it('previews with a sample request and a preview request, and the run downloads it once', async () => {
    const before = feed.requests.length;
    const { source, preview } = await previewOf(`${feed.url}/by-phase.csv`);
    expect(source).toMatchObject({ kind: 'url', name: 'by-phase.csv', detail: `${feed.url}/by-phase.csv` });
    const shown = (await preview) as { ok: true; data: Preview };
    expect(shown.ok).toBe(true);
    // The preview shows what the feed sent for the preview phase.
    expect(shown.data.header).toEqual(['phase', 'n']);
    expect(shown.data.rows).toEqual([
      ['preview', '1'],
      ['preview', '2'],
    ]);
    expect(requestsSince(before).map((request) => request.phase)).toEqual(['sample', 'preview']);

    const beforeRun = feed.requests.length;
    const run = await importAndWait(runtime, {
      source: { kind: 'url', url: `${feed.url}/customers.csv`, connectionId: null },
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: 'public feed',
    });
    expect(run.status).toBe('succeeded');
    expect(rows(runtime, "SELECT value FROM customer_ids WHERE id_type = 'email_id' ORDER BY value")).toEqual(
      [{ value: 'ann@example.com' }, { value: 'bob@example.com' }, { value: 'cid@example.com' }],
    );
    const phases = requestsSince(beforeRun).map((request) => request.phase);
    expect(phases.filter((phase) => phase === 'download')).toHaveLength(1);
    expect(phases.at(-1)).toBe('download');
  });

  it('asks for credentials on a 401 and sends a URL connection’s user and password as Basic auth', async () => {
    const { preview } = await previewOf(`${feed.url}/private/customers.csv`);
    const refused = await preview;
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'AUTH', message: expect.stringMatching(/HTTP 401/) },
    });
    expect(refused.error?.message).toMatch(/choose a URL connection/);

    connection = await call<ConnectionSummary>('connections:create', {
      name: 'Partner feed',
      settings: { kind: 'url', user: 'analyst', url: `${feed.url}/private/customers.csv` },
      secret: PASSWORD,
    });
    expect(JSON.stringify(connection)).not.toContain(PASSWORD);
    const tested = await call<ConnectionSummary>('connections:test', { id: connection.id });
    expect(tested.lastTest).toMatchObject({ ok: true, code: null });

    const before = feed.requests.length;
    const run = await importUrl(`${feed.url}/private/customers.csv`, 'private feed', connection.id);
    expect(run.status).toBe('succeeded');
    expect(run.rows.read).toBe(3);
    const sent = requestsSince(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => request.authorized)).toBe(true);
  });

  it('names the connection and its user when the password is wrong, and never the password', async () => {
    const wrong = await call<ConnectionSummary>('connections:create', {
      name: 'Stale feed login',
      settings: { kind: 'url', user: 'analyst', url: `${feed.url}/private/customers.csv` },
      secret: 'not-the-password-77',
    });
    const tested = await call<ConnectionSummary>('connections:test', { id: wrong.id });
    expect(tested.lastTest).toMatchObject({ ok: false, code: 'AUTH' });
    expect(tested.lastTest?.message).toMatch(/connection "Stale feed login" \(user "analyst"\) \(HTTP 401\)/);

    // A headless import previews first: refused before any run.
    await expect(
      importUrl(`${feed.url}/private/customers.csv`, 'stale login', wrong.id),
    ).rejects.toMatchObject({
      code: 'AUTH',
    });
    // A saved import whose password changed since: its next run fails, coded, naming the connection.
    const saved = await importFile(runtime, {
      source: { kind: 'url', url: `${feed.url}/private/customers.csv`, connectionId: connection.id },
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: 'login that goes stale',
    });
    expect((await runtime.runs.settled(saved.run.id)).status).toBe('succeeded');
    await call('connections:replaceSecret', { id: connection.id, secret: 'not-the-password-77' });
    const run = await runtime.runs.settled(runtime.runs.start(saved.definition.id).id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/Partner feed/) });
    expect(JSON.stringify(run)).not.toContain('not-the-password-77');
    await call('connections:replaceSecret', { id: connection.id, secret: PASSWORD });
    // Neither password is anywhere in the workspace: database, WAL, logs.
    const bytes = workspaceBytes(runtime.workspace.dir);
    expect(bytes.includes(PASSWORD)).toBe(false);
    expect(bytes.includes('not-the-password-77')).toBe(false);
  });

  it('follows up to 5 redirects, and refuses a loop or a sixth', async () => {
    const followed = await importUrl(`${feed.url}/redirect/5/customers.csv`, 'redirected feed');
    expect(followed.status).toBe('succeeded');
    expect(followed.rows.read).toBe(3);

    const loop = await (await previewOf(`${feed.url}/loop`)).preview;
    expect(loop).toMatchObject({
      ok: false,
      error: { code: 'NETWORK', message: expect.stringMatching(/loop/) },
    });
    const tooMany = await (await previewOf(`${feed.url}/redirect/6/customers.csv`)).preview;
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'NETWORK', message: expect.stringMatching(/more than 5 times/) },
    });
  });

  it('decodes a gzip content encoding and decompresses a .gz address', async () => {
    const before = feed.requests.length;
    const encoded = await importUrl(`${feed.url}/gzip/customers.csv`, 'gzip-encoded feed');
    expect(encoded.status).toBe('succeeded');
    expect(encoded.rows.read).toBe(3);
    expect(requestsSince(before)[0]?.acceptEncoding).toMatch(/gzip/);
    const compressed = await importUrl(`${feed.url}/customers.csv.gz`, 'gzip file feed');
    expect(compressed.status).toBe('succeeded');
    expect(compressed.rows.read).toBe(3);
  });

  it('says NOT_FOUND for a 404 and NETWORK for a refused port', async () => {
    const missing = await (await previewOf(`${feed.url}/nothing-here.csv`)).preview;
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: `${feed.url}/nothing-here.csv does not exist (HTTP 404).` },
    });
    const silent = await startSilentServer();
    const port = silent.port as number;
    await silent.close();
    const refused = await (await previewOf(`http://127.0.0.1:${port}/customers.csv`)).preview;
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'NETWORK',
        message: expect.stringMatching(new RegExp(`Cannot reach http://127.0.0.1:${port}`)),
      },
    });
  });

  it('times out when the headers, the body or the TLS handshake do not come in time', async () => {
    const late = await (await previewOf(`${feed.url}/customers.csv?ms=4000`)).preview;
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', message: expect.stringMatching(/did not answer in time/) },
    });

    const stalled = await importUrl(`${feed.url}/stall/many.csv?ms=4000`, 'stalled feed');
    expect(stalled.status).toBe('failed');
    expect(stalled.error?.code).toBe('TIMEOUT');
    expect(stalled.rows.imported).toBe(0);

    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const handshake = await (
        await previewOf(`https://127.0.0.1:${silent.port as number}/customers.csv`)
      ).preview;
      expect(handshake).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
      // The connect limit (1.5 s here), not the read limit's hour: well under 10 s.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await silent.close();
    }
  });

  it('fails a run whose download is cut off as NETWORK and imports none of it', async () => {
    const customersBefore = rows<{ n: number }>(runtime, 'SELECT COUNT(*) AS n FROM customers')[0]?.n;
    const cut = await importUrl(`${feed.url}/broken/many.csv`, 'cut-off feed');
    expect(cut.status).toBe('failed');
    expect(cut.error?.code).toBe('NETWORK');
    expect(rows<{ n: number }>(runtime, 'SELECT COUNT(*) AS n FROM customers')[0]?.n).toBe(customersBefore);
  });

  it('stops a stalled download when staging is cancelled: the connection closes, nothing is kept', async () => {
    // A runtime whose read timeout is longer than the stall, so only the cancel can end the transfer.
    const patient = makeTestRuntime('web', { networkTimeouts: { connectMs: 1_500, readMs: 600_000 } });
    try {
      const ask = async <T>(name: string, payload: unknown) => {
        const result = (await dispatch(patient.handlers, name as never, payload as never)) as { data: T };
        return result.data;
      };
      const source = await ask<SourceRef>('sources:add', {
        kind: 'url',
        url: `${feed.url}/stall/many.csv?ms=60000`,
        connectionId: null,
      });
      const before = feed.requests.length;
      const started = await ask<Dataset>('datasets:stage', { sourceId: source.id, overrides: {} });
      await until(() => requestsSince(before).some((request) => request.phase === 'download'));
      const download = requestsSince(before).find((request) => request.phase === 'download')!;
      // The download has its headers and 64 bytes, then nothing for a minute.
      const cancelled = await ask<Dataset>('datasets:cancel', { datasetId: started.id });
      expect(cancelled.status).toBe('cancelled');
      await until(() => !download.connectionOpen);
      expect(existsSync(datasetFilePath(patient.workspace.dir, started.id))).toBe(false);
    } finally {
      await patient.dispose();
    }
  });

  it('refuses an address that is not http or https before reading anything', async () => {
    const result = await failure('sources:add', {
      kind: 'url',
      url: 'ftp://127.0.0.1/customers.csv',
      connectionId: null,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
