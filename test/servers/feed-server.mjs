// A local HTTP feed like the ones the platforms import from (SERVERS.md "URL feed"): Basic auth,
// the phase header logged, answers delayed or stalled on request, redirects, gzip, 404s and a body
// cut off mid-way. In-process (Node's http), on 127.0.0.1 and a port the OS picks; tests start it
// with `startFeedServer()`, the Playwright suite runs this file as a process of its own.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { createServer as createTcpServer } from 'node:net';

/** The header feeds built for the platforms read to tell a run's requests apart. */
const PHASE_HEADER = 'x-exponea-import-phase';

/**
 * Starts the feed. `files` maps a path ("/customers.csv") to its body; a path under `/private/`
 * needs `user:password` (Basic). Routes besides the files:
 *   ?ms=N             delays the headers N ms
 *   /stall/<file>?ms=N a download (phase header) gets the headers and 64 bytes, then a stall of N ms
 *   /broken/<file>    a download gets half the body, then the connection is reset
 *   (a sample or preview request of those two gets the file at once, so a run gets past its preview)
 *   /redirect/<n>/<file> redirects n times, then serves the file; /loop redirects to itself
 *   /gzip/<file>      the file with Content-Encoding: gzip; <file>.gz the file gzipped as bytes
 *   /by-phase.csv     a body that names the phase it was asked with
 * Each request is recorded with its path, phase, credentials and whether its connection is open.
 * @param {{ files: Record<string, string | Buffer>, user?: string, password?: string }} options
 */
export async function startFeedServer(options) {
  const requests = [];
  const files = new Map(Object.entries(options.files).map(([path, body]) => [path, Buffer.from(body)]));
  const expectedAuth = `Basic ${Buffer.from(`${options.user ?? 'feed'}:${options.password ?? 'secret'}`).toString('base64')}`;
  const sockets = new Set();
  const timers = new Set();
  const later = (ms, fn) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://feed.local');
    const request = {
      path: url.pathname,
      phase: req.headers[PHASE_HEADER] ?? null,
      authorized: req.headers.authorization === expectedAuth,
      hasAuthorization: Boolean(req.headers.authorization),
      acceptEncoding: req.headers['accept-encoding'] ?? null,
      // Whether the request's connection is still open (a cancelled download must close its own).
      connectionOpen: true,
    };
    req.socket.once('close', () => (request.connectionOpen = false));
    requests.push(request);
    const delay = Number(url.searchParams.get('ms') ?? 0);
    const path = url.pathname;
    const answer = () => route(req, res, path, delay);
    if (delay > 0 && !path.startsWith('/stall/')) later(delay, answer);
    else answer();
  });

  function route(req, res, path, delay) {
    if (path.startsWith('/private/') && req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="feed"', 'content-type': 'text/plain' });
      res.end('credentials needed');
      return;
    }
    if (path === '/loop') return redirect(res, '/loop');
    const redirected = /^\/redirect\/(\d+)(\/.*)$/.exec(path);
    if (redirected) {
      const left = Number(redirected[1]);
      return redirect(res, left > 1 ? `/redirect/${left - 1}${redirected[2]}` : redirected[2]);
    }
    if (path === '/by-phase.csv') {
      const phase = req.headers[PHASE_HEADER] ?? 'none';
      return send(res, Buffer.from(`phase,n\n${phase},1\n${phase},2\n`));
    }
    if (path.startsWith('/gzip/')) {
      const body = files.get(path.slice('/gzip'.length));
      if (!body) return notFound(res);
      res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
      res.end(gzipSync(body));
      return;
    }
    if (path.endsWith('.gz') && files.has(path.slice(0, -3))) {
      res.writeHead(200, { 'content-type': 'application/gzip' });
      res.end(gzipSync(files.get(path.slice(0, -3))));
      return;
    }
    const download = req.headers[PHASE_HEADER] === 'download';
    if (path.startsWith('/stall/')) {
      const body = files.get(path.slice('/stall'.length));
      if (!body) return notFound(res);
      if (!download) return send(res, body);
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
      res.write(body.subarray(0, 64));
      later(delay, () => res.end(body.subarray(64)));
      return;
    }
    if (path.startsWith('/broken/')) {
      const body = files.get(path.slice('/broken'.length));
      if (!body) return notFound(res);
      if (!download) return send(res, body);
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => later(50, () => res.socket?.destroy()));
      return;
    }
    const body = files.get(path.replace(/^\/private/, ''));
    if (!body) return notFound(res);
    send(res, body);
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** Every request so far: path, phase header, whether its credentials matched. */
    requests,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A TCP port that accepts connections and never says a word: an https:// address on it times out
 * in connect, since undici counts the TLS handshake as part of connecting (SERVERS.md).
 */
export async function startSilentServer() {
  const sockets = new Set();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res, body) {
  res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
  res.end(body);
}

function redirect(res, location) {
  res.writeHead(302, { location });
  res.end();
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('no such feed');
}

// As a process of its own (the browser suite): `node feed-server.mjs <files-dir>` prints its URL.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = process.argv[2];
  const files = dir
    ? Object.fromEntries(readdirSync(dir).map((name) => [`/${name}`, readFileSync(join(dir, name))]))
    : {};
  const feed = await startFeedServer({ files });
  process.stdout.write(`${feed.url}\n`);
  process.on('SIGTERM', () => void feed.close().then(() => process.exit(0)));
}
