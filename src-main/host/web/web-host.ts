import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, relative, isAbsolute } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EXPORT_DOWNLOAD_PATH, UPLOAD_PATH, type Handlers } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/result';
import { toAppError } from '../../services/errors/to-app-error';
import type { Logger } from '../../services/log/logger';
import { EXPORTS_DIR } from '../../services/runs/exports.handlers';
import { getRun, runDestination } from '../../services/runs/run-repository';
import { toSourceRef } from '../../services/sources/source-repository';
import type { Workspace } from '../../services/workspace/workspace';
import { receiveUpload } from '../../services/sources/upload-source';
import { dispatch } from '../dispatch';
import type { EventBus } from '../event-bus';
import { authenticate, createToken, isAllowedHost, tokenCookie } from './auth';
import { readJsonBody } from './read-json-body';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  handlers: Handlers;
  workspace: Workspace;
  log: Logger;
  bus: EventBus;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a random free port. */
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface WebHost {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Path prefix of requests: POST /api/<domain:verb> with the JSON payload. */
export const API_PREFIX = '/api/';
/** Path of the WebSocket that carries pushed events. */
export const EVENTS_PATH = '/events';

/**
 * The browser shell: serves the built renderer and the same handler table as Electron over
 * HTTP + WebSocket, on 127.0.0.1 only, behind a per-launch token.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? createToken();
  const { log, workspace } = options;
  let port = 0;

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      log.error('web host request failed', { error: String(error) });
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: toAppError(error) });
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!isAllowedHost(request.headers.host, port)) {
      log.warn('refused request with a foreign Host header', {
        host: request.headers.host,
        path: url.pathname,
      });
      response.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const source = authenticate(request, url, token);
    if (!source) {
      log.warn('refused request without a valid token', {
        method: request.method,
        path: url.pathname,
        status: 401,
      });
      sendJson(response, 401, {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'A valid Intake token is required.' },
      });
      return;
    }
    if (url.pathname === UPLOAD_PATH && request.method === 'POST') {
      await handleUpload(request, response, url);
      return;
    }
    if (url.pathname.startsWith(EXPORT_DOWNLOAD_PATH) && request.method === 'GET') {
      await handleExportDownload(response, url.pathname.slice(EXPORT_DOWNLOAD_PATH.length));
      return;
    }
    if (url.pathname.startsWith(API_PREFIX)) {
      await handleApi(request, response, decodeURIComponent(url.pathname.slice(API_PREFIX.length)));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (source === 'query') response.setHeader('set-cookie', tokenCookie(token));
    await serveStatic(options.rendererDir, url.pathname, response);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, {
        ok: false,
        error: { code: 'VALIDATION', message: 'API requests are POST.' },
      });
      return;
    }
    let result: Result<unknown>;
    try {
      result = await dispatch(options.handlers, name, await readJsonBody(request), log);
    } catch (error) {
      result = { ok: false, error: toAppError(error) };
    }
    sendJson(response, 200, result);
  }

  async function handleUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const name = url.searchParams.get('name')?.trim() || 'upload.csv';
    const length = request.headers['content-length'];
    try {
      const source = await receiveUpload(
        workspace.db,
        workspace.dir,
        name,
        length ? Number(length) : null,
        request,
      );
      sendJson(response, 200, { ok: true, data: toSourceRef(source) });
    } catch (error) {
      request.resume();
      sendJson(response, 200, { ok: false, error: toAppError(error) });
    }
  }

  /**
   * A finished export, as a download: only a succeeded run's file, and only from the workspace's
   * exports folder, where `exports:start` put it in this shell.
   */
  async function handleExportDownload(response: ServerResponse, runId: string): Promise<void> {
    const refuse = (message: string) =>
      sendJson(response, 404, { ok: false, error: { code: 'NOT_FOUND', message } });
    let destination;
    try {
      destination = runDestination(workspace.db, runId);
    } catch {
      refuse(`No export run ${runId}.`);
      return;
    }
    const folder = join(workspace.dir, EXPORTS_DIR);
    const inside = destination.kind === 'file' ? relative(folder, destination.path) : '..';
    if (destination.kind !== 'file' || inside.startsWith('..') || isAbsolute(inside)) {
      refuse(`Run ${runId} has no export to download.`);
      return;
    }
    if (getRun(workspace.db, runId).status !== 'succeeded') {
      refuse(`The export of run ${runId} has not succeeded.`);
      return;
    }
    const { size } = await stat(destination.path);
    const fileName = inside.replace(/^[0-9a-f-]{36}-/, '');
    response.writeHead(200, {
      'content-type': destination.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
      'content-length': size,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
    });
    createReadStream(destination.path).pipe(response);
  }

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = request.headers.origin;
    const originOk = origin === undefined || isAllowedHost(origin.replace(/^http:\/\//, ''), port);
    if (
      url.pathname !== EVENTS_PATH ||
      !isAllowedHost(request.headers.host, port) ||
      !originOk ||
      !authenticate(request, url, token)
    ) {
      log.warn('refused event socket', { path: url.pathname, origin, status: 401 });
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });
  const clients = new Set<WebSocket>();
  sockets.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
  });
  const unsubscribe = options.bus.subscribe((event) => {
    const frame = JSON.stringify(event);
    for (const ws of clients) ws.send(frame);
  });

  port = await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  log.info('web host listening', { origin });
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      sockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser keeps connections open (keep-alive, a request in flight): end them, or close waits forever.
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}
