import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../../src-main/host/web/web-host';
import { LOG_FILE } from '../../../src-main/services/log/logger';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';

// Hardening #3 and #9: a page on another local port is same-site, so the browser sends it the
// token cookie; the web host must tell it apart by its Origin, take only JSON bodies, open the app
// with the URL's token once, answer malformed paths with 400 and not read refused bodies to the end.

describe('web host hardening', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  let host: WebHost;
  let cookie: string;
  const renderer = makeTempDir('intake-renderer-');

  beforeAll(async () => {
    mkdirSync(join(renderer.dir, 'assets'));
    writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>Intake test</title>');
    runtime = makeTestRuntime('web');
    host = await startWebHost({
      handlers: runtime.handlers,
      workspace: runtime.workspace,
      log: runtime.log,
      bus: runtime.bus,
      rendererDir: renderer.dir,
    });
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await host.close();
    await runtime.dispose();
    renderer.remove();
  });

  const theme = async () =>
    (
      (await (
        await fetch(`${host.origin}/api/settings:get`, {
          method: 'POST',
          headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { data: { theme: string } }
    ).data.theme;

  it('opens the app with the URL token once; after that the link is refused, saying why', async () => {
    const again = await fetch(host.url);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { message: expect.stringMatching(/already used/) } });
    // The cookie the first load set still opens the page.
    expect((await fetch(`${host.origin}/`, { headers: { cookie } })).status).toBe(200);
    // The query token never opened anything but the page.
    const api = await fetch(`${host.origin}/api/settings:get?token=${host.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin },
      body: '{}',
    });
    expect(api.status).toBe(401);
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
    const outcome = await new Promise<string>((resolve) => {
      socket.on('error', (error) => resolve(String(error)));
      socket.on('open', () => resolve('opened'));
    });
    expect(outcome).toMatch(/401/);
    // The page's own socket rides on its cookie.
    const own = new WebSocket(`ws://127.0.0.1:${host.port}/events`, {
      headers: { cookie, origin: host.origin },
    });
    await new Promise((resolve, reject) => {
      own.on('open', resolve);
      own.on('error', reject);
    });
    own.close();
  });

  it('refuses a state-changing request from another local page, even with the cookie, and logs it', async () => {
    for (const [headers, body] of [
      // What a no-cors fetch from http://127.0.0.1:<other port> sends.
      [{ cookie, origin: 'http://127.0.0.1:1', 'content-type': 'text/plain' }, '{"theme":"dark"}'],
      // A form post from there.
      [
        { cookie, origin: 'http://localhost:1', 'content-type': 'application/x-www-form-urlencoded' },
        'theme=dark',
      ],
      // JSON with the wrong origin (a preflight would have stopped a browser; a script is refused here too).
      [{ cookie, origin: 'http://127.0.0.1:1', 'content-type': 'application/json' }, '{"theme":"dark"}'],
      // No Origin and only the cookie: a program must prove itself with the bearer token.
      [{ cookie, 'content-type': 'application/json' }, '{"theme":"dark"}'],
    ] as const) {
      const response = await fetch(`${host.origin}/api/settings:set`, { method: 'POST', headers, body });
      expect([headers, response.status]).toEqual([headers, 403]);
    }
    expect(await theme()).toBe('system');
    const upload = await fetch(`${host.origin}/upload?name=x.csv`, {
      method: 'POST',
      headers: { cookie, origin: 'http://127.0.0.1:1', 'content-type': 'application/octet-stream' },
      body: 'a,b\n1,2\n',
    });
    expect(upload.status).toBe(403);
    expect(runtime.workspace.db.prepare('SELECT COUNT(*) FROM sources').pluck().get()).toBe(0);
    const log = readFileSync(join(runtime.workspace.dir, LOG_FILE), 'utf8');
    expect(log).toContain('refused a request from another origin');
  });

  it('takes JSON only, from its own page or a program with the bearer token', async () => {
    const asText = await fetch(`${host.origin}/api/settings:set`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'text/plain' },
      body: '{"theme":"dark"}',
    });
    expect(asText.status).toBe(415);
    expect(await theme()).toBe('system');
    const ownPage = await fetch(`${host.origin}/api/settings:set`, {
      method: 'POST',
      headers: { cookie, origin: host.origin, 'content-type': 'application/json' },
      body: '{"theme":"dark"}',
    });
    expect(await ownPage.json()).toMatchObject({ ok: true, data: { theme: 'dark' } });
    const program = await fetch(`${host.origin}/api/settings:set`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: '{"theme":"light"}',
    });
    expect(await program.json()).toMatchObject({ ok: true, data: { theme: 'light' } });
  });

  it('answers a malformed path with 400, not 500', async () => {
    for (const path of ['/%', '/api/%', '/%c0%ae', '/assets/%E0%A4%A']) {
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port: host.port,
            path,
            method: path.startsWith('/api') ? 'POST' : 'GET',
            headers: { cookie, origin: host.origin, 'content-type': 'application/json' },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.end(path.startsWith('/api') ? '{}' : undefined);
      });
      expect([path, status]).toEqual([path, 400]);
    }
  });

  it('closes the connection of a refused upload instead of reading the rest of it', async () => {
    // Declares 2 GB (over the 1 GB limit), sends 1 MB and waits: the host answers and hangs up.
    const socket = connect(host.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(
      `POST /upload?name=big.csv HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nContent-Type: application/octet-stream\r\nContent-Length: 2000000000\r\n\r\n`,
    );
    socket.write(Buffer.alloc(1 << 20, 0x61));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('"code":"LIMIT"');
    expect(socket.bytesWritten).toBeLessThan(2 << 20);
  });

  it('closes the connection of a JSON body over the limit', async () => {
    const socket = connect(host.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST /api/settings:set HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 500000000\r\n\r\n`,
    );
    socket.write(Buffer.alloc(2 << 20, 0x20));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"code":"LIMIT"');
  });
});
