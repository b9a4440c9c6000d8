// A small local server speaking the part of the Google Cloud Storage JSON API that reading needs
// (../shared/SERVERS.md: no emulator exists on npm). Buckets are the folders of a temporary root,
// objects the files under them. Run as a process of its own, on 127.0.0.1, stopped by PID:
//   node gcs-fake.mjs --root DIR --port PORT [--keys DIR]
// It serves, under `/storage/v1` or no prefix:
//   GET /b/BUCKET/o?prefix=&delimiter=&maxResults=&pageToken=   a page of objects (+ prefixes)
//   GET /b/BUCKET/o/NAME                                         an object's metadata
//   GET /b/BUCKET/o/NAME?alt=media                               its bytes, with a correct x-goog-hash
// and answers errors as {"error":{"code":…,"message":…}}: 404 for a missing bucket or object, 403
// for every request on a bucket whose folder holds a `.forbidden` file, 401 for a bearer token
// that is not a JWT signed by one of the public keys in --keys (requests without a token pass,
// as with an emulator). `delimiter` (real GCS has it) is beyond SERVERS.md's list.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, stopProcess, waitForPort } from './server-process.mjs';

const FORBIDDEN_MARKER = '.forbidden';
const PAGE_SIZE = 1000;

/**
 * Starts the fake in a process of its own over `root` (a folder per bucket).
 * @param {{ root: string, keysDir?: string }} options
 * @returns {Promise<{ endpoint: string, port: number, pid: number, stop(): Promise<void> }>}
 */
export async function startGcsFake({ root, keysDir }) {
  const port = await freePort();
  const args = [fileURLToPath(import.meta.url), '--root', root, '--port', String(port)];
  if (keysDir) args.push('--keys', keysDir);
  const server = startProcess(process.execPath, args);
  try {
    await waitForPort(port, server, 'the GCS fake');
  } catch (error) {
    await stopProcess(server.child.pid);
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: server.child.pid,
    stop: () => stopProcess(server.child.pid),
  };
}

/** Serves the API over `root` on 127.0.0.1:`port`. */
export function serveGcs({ root, port, keysDir }) {
  const keys = keysDir
    ? readdirSync(keysDir)
        .filter((name) => name.endsWith('.pem'))
        .map((name) => createPublicKey(readFileSync(join(keysDir, name))))
    : [];
  const server = createServer((request, response) => {
    try {
      handle(root, keys, request, response);
    } catch (error) {
      send(response, 500, { error: { code: 500, message: String(error?.message ?? error) } });
    }
  });
  server.listen(port, '127.0.0.1');
  return server;
}

function handle(root, keys, request, response) {
  const url = new URL(request.url, 'http://localhost');
  const path = url.pathname.replace(/^\/download/, '').replace(/^\/storage\/v1/, '');
  const match = /^\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(path);
  if (request.method !== 'GET' || !match) {
    return send(response, 404, {
      error: { code: 404, message: `Not found: ${request.method} ${url.pathname}` },
    });
  }
  const authorization = request.headers.authorization;
  if (authorization && !validToken(authorization, keys)) {
    return send(response, 401, {
      error: { code: 401, message: 'Invalid Credentials', errors: [{ reason: 'authError' }] },
    });
  }
  const bucket = decodeURIComponent(match[1]);
  const bucketDir = join(root, bucket);
  if (bucket.includes('..') || !existsSync(bucketDir) || !statSync(bucketDir).isDirectory()) {
    return send(response, 404, { error: { code: 404, message: 'The specified bucket does not exist.' } });
  }
  if (existsSync(join(bucketDir, FORBIDDEN_MARKER))) {
    return send(response, 403, {
      error: {
        code: 403,
        message: `The caller does not have storage.objects.list access to bucket ${bucket}.`,
      },
    });
  }
  if (match[2] === undefined) return list(bucket, bucketDir, url.searchParams, response);
  const name = decodeURIComponent(match[2]);
  const file = join(bucketDir, ...name.split('/'));
  if (name.split('/').includes('..') || !existsSync(file) || !statSync(file).isFile()) {
    return send(response, 404, { error: { code: 404, message: `No such object: ${bucket}/${name}` } });
  }
  if (url.searchParams.get('alt') === 'media') {
    const stat = statSync(file);
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(stat.size),
      'x-goog-hash': `md5=${md5Of(file, stat)}`,
      'x-goog-generation': String(Math.floor(stat.mtimeMs * 1000)),
    });
    createReadStream(file).pipe(response);
    return;
  }
  return send(response, 200, objectJson(bucket, name, file));
}

function list(bucket, bucketDir, params, response) {
  const prefix = params.get('prefix') ?? '';
  const delimiter = params.get('delimiter') ?? '';
  const maxResults = Math.min(Number(params.get('maxResults') ?? PAGE_SIZE) || PAGE_SIZE, PAGE_SIZE);
  const after = params.get('pageToken') ? Buffer.from(params.get('pageToken'), 'base64url').toString() : null;
  const entries = [];
  const prefixes = new Set();
  for (const name of objectNames(bucketDir)) {
    if (!name.startsWith(prefix)) continue;
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const folder = name.slice(0, cut + delimiter.length);
      if (!prefixes.has(folder)) {
        prefixes.add(folder);
        entries.push({ key: folder, prefix: folder });
      }
    } else entries.push({ key: name, name });
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const remaining = after === null ? entries : entries.filter((entry) => entry.key > after);
  const page = remaining.slice(0, maxResults);
  const body = {
    kind: 'storage#objects',
    items: page
      .filter((e) => e.name !== undefined)
      .map((e) => objectJson(bucket, e.name, join(bucketDir, ...e.name.split('/')))),
  };
  const pagePrefixes = page.filter((e) => e.prefix !== undefined).map((e) => e.prefix);
  if (pagePrefixes.length > 0) body.prefixes = pagePrefixes;
  if (remaining.length > page.length) body.nextPageToken = Buffer.from(page.at(-1).key).toString('base64url');
  send(response, 200, body);
}

/** Every file under a bucket's folder, as object names with `/` separators. */
function objectNames(bucketDir) {
  return readdirSync(bucketDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name !== FORBIDDEN_MARKER && statSync(join(bucketDir, name)).isFile())
    .map((name) => relative(bucketDir, join(bucketDir, name)).split(sep).join('/'));
}

function objectJson(bucket, name, file) {
  const stat = statSync(file);
  const updated = stat.mtime.toISOString();
  return {
    kind: 'storage#object',
    id: `${bucket}/${name}/${Math.floor(stat.mtimeMs * 1000)}`,
    name,
    bucket,
    size: String(stat.size),
    updated,
    timeCreated: updated,
    generation: String(Math.floor(stat.mtimeMs * 1000)),
    metageneration: '1',
    contentType: 'application/octet-stream',
    md5Hash: md5Of(file, stat),
  };
}

const md5Cache = new Map();
function md5Of(file, stat) {
  const key = `${file}:${stat.size}:${stat.mtimeMs}`;
  let hash = md5Cache.get(key);
  if (!hash) {
    hash = createHash('md5').update(readFileSync(file)).digest('base64');
    md5Cache.set(key, hash);
  }
  return hash;
}

/** A bearer JWT (RS256) signed by one of the known keys and not expired. */
function validToken(authorization, keys) {
  const token = /^Bearer (.+)$/.exec(authorization)?.[1];
  const parts = token?.split('.');
  if (!parts || parts.length !== 3) return false;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
    if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) return false;
  } catch {
    return false;
  }
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  return keys.some((key) => verify('RSA-SHA256', signed, key, signature));
}

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const root = arg('--root');
  const port = Number(arg('--port'));
  if (!root || !port) {
    console.error('usage: node gcs-fake.mjs --root DIR --port PORT [--keys DIR]');
    process.exit(2);
  }
  serveGcs({ root, port, keysDir: arg('--keys') });
}
