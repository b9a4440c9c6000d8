import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../../src-main/host/web/web-host';
import { LOG_FILE } from '../../../src-main/services/log/logger';
import { makeTestRuntime } from '../../support/runtime';
import type { ApiBody } from '../../support/api-body';
import { makeTempDir } from '../../support/temp-dir';

// A real HTTP + WebSocket server on 127.0.0.1, serving the same handler table as Electron.

describe('web host', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  let host: WebHost;
  const renderer = makeTempDir('intake-renderer-');

  beforeAll(async () => {
    mkdirSync(join(renderer.dir, 'assets'));
    writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>Intake test</title>');
    writeFileSync(join(renderer.dir, 'assets', 'app.js'), 'console.log(1)');
    runtime = makeTestRuntime('web');
    host = await startWebHost({
      handlers: runtime.handlers,
      workspace: runtime.workspace,
      log: runtime.log,
      bus: runtime.bus,
      rendererDir: renderer.dir,
    });
  });
  afterAll(async () => {
    await host.close();
    await runtime.dispose();
    renderer.remove();
  });

  const api = (name: string, body: unknown, token: string | null = host.token) =>
    fetch(`${host.origin}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 with a random port and a long token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('returns the same result as calling the handler directly', async () => {
    const direct = await runtime.handlers['app:info']({});
    const response = await api('app:info', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, data: direct });
  });

  it('answers an invalid payload with VALIDATION naming the field', async () => {
    const body = (await (await api('settings:set', { theme: 'purple' })).json()) as ApiBody;
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.issues[0].field).toBe('theme');
  });

  it('refuses an unknown request', async () => {
    const body = (await (await api('workspace:drop', {})).json()) as ApiBody;
    expect(body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
  });

  it('answers 401 without the token, and logs the refusal', async () => {
    const withoutToken = await api('app:info', {}, null);
    expect(withoutToken.status).toBe(401);
    const wrongToken = await api('app:info', {}, 'not-the-token');
    expect(wrongToken.status).toBe(401);
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(401);
    const log = readFileSync(join(runtime.workspace.dir, LOG_FILE), 'utf8');
    expect(log.match(/refused request without a valid token/g)?.length).toBeGreaterThanOrEqual(3);
    expect(runtime.echoed.join('')).toContain('"status":401');
  });

  it('serves the renderer with the token in the URL and sets a cookie for its assets', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toBe(`intake_token=${host.token}`);
    const asset = await fetch(`${host.origin}/assets/app.js`, { headers: { cookie } });
    expect(await asset.text()).toBe('console.log(1)');
    const escape = await fetch(`${host.origin}/..%2f..%2fetc/passwd`, { headers: { cookie } });
    expect(await escape.text()).not.toContain('root:');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/?token=${host.token}`,
          headers: { host: 'evil.example:80' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('pushes events over the WebSocket to authenticated clients only', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/events`);
    const refusal = await new Promise<string>((resolve) => {
      refused.on('error', (error) => resolve(String(error)));
      refused.on('open', () => resolve('opened'));
    });
    expect(refusal).toMatch(/401/);

    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/events`, {
      headers: { authorization: `Bearer ${host.token}` },
    });
    await new Promise((resolve) => socket.on('open', resolve));
    const message = new Promise<unknown>((resolve) =>
      socket.on('message', (data) => resolve(JSON.parse(String(data)))),
    );
    await api('settings:set', { previewRows: 250 });
    expect(await message).toEqual({
      name: 'settings:changed',
      payload: { theme: 'system', previewRows: 250, defaultTimeZone: 'UTC' },
    });
    socket.close();
  });
});
