import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, relative, isAbsolute } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EXPORT_DOWNLOAD_PATH, UPLOAD_PATH, type Handlers } from '../../../src-shared/contract';
import { toAppError } from '../../services/errors/to-app-error';
import type { Logger } from '../../services/log/logger';
import { EXPORTS_DIR } from '../../services/runs/exports.handlers';
import { getRun, runDestination } from '../../services/runs/run-repository';
import { toSourceRef } from '../../services/sources/source-repository';
import type { Workspace } from '../../services/workspace/workspace';
import { receiveUpload } from '../../services/sources/upload-source';
import { dispatch } from '../dispatch';
import type { EventBus } from '../event-bus';
import { authenticate, createToken, isAllowedHost, isAllowedOrigin, tokenCookie } from './auth';
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
  /** The URL's token opens the page once per launch; after that the page's cookie does. */
  let queryTokenSpent = false;

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof URIError) {
        // A path that is not valid percent-encoding (`/%`, `%c0%ae`) is the client's mistake.
        sendJson(response, 400, {
          ok: false,
          error: { code: 'VALIDATION', message: 'The request path is not valid percent-encoding.' },
        });
        return;
      }
      log.error('web host request failed', { error: String(error) });
      sendJson(response, 500, { ok: false, error: toAppError(error) });
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
    const firstPageLoad = url.pathname === '/' && request.method === 'GET' && !queryTokenSpent;
    const source = authenticate(request, url, token, firstPageLoad);
    if (!source) {
      log.warn('refused request without a valid token', {
        method: request.method,
        path: url.pathname,
        status: 401,
      });
      const reused = url.searchParams.has('token') && queryTokenSpent;
      refuse(response, 401, {
        code: 'UNAUTHORIZED',
        message: reused
          ? 'This Intake link was already used to open the app once: a link opens it only once per launch. Restart intake serve for a new link.'
          : 'A valid Intake token is required.',
      });
      return;
    }
    if (source === 'query') queryTokenSpent = true;
    if (
      request.method !== 'GET' &&
      request.method !== 'HEAD' &&
      !isAllowedOrigin(request.headers.origin, source, port)
    ) {
      log.warn('refused a request from another origin', {
        method: request.method,
        path: url.pathname,
        origin: request.headers.origin ?? null,
        status: 403,
      });
      refuse(response, 403, {
        code: 'UNAUTHORIZED',
        message: 'Intake accepts changes only from its own page (or a program that sends its bearer token).',
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
      refuse(response, 405, { code: 'VALIDATION', message: 'API requests are POST.' });
      return;
    }
    // A JSON body, said so: a form or a text/plain no-cors post from elsewhere never gets here.
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      refuse(response, 415, {
        code: 'VALIDATION',
        message: `API requests send JSON (Content-Type: application/json), not ${type ?? 'no content type'}.`,
      });
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(request);
    } catch (error) {
      // Over the size limit or not JSON: answer, and do not read the rest of a huge body.
      refuse(response, 400, toAppError(error));
      return;
    }
    sendJson(response, 200, await dispatch(options.handlers, name, body, log));
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
      // Refused part way (over 1 GB): answer and close, rather than read the rest of it.
      refuse(response, 200, toAppError(error));
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

/**
 * Answers with an error and closes the connection once the answer is out, so a refused request's
 * unread body (a 2 GB upload, a huge JSON) is never read to its end.
 */
function refuse(response: ServerResponse, status: number, error: { code: string; message: string }): void {
  response.setHeader('connection', 'close');
  response.once('finish', () => response.req.socket?.destroy());
  sendJson(response, status, { ok: false, error });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}
