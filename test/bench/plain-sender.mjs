// The baseline of the platform push bench (push.mjs): a plain sender that POSTs pre-built batch
// bodies to the platform fake with a fixed concurrency, and nothing else — no staging, mapping,
// outbox, retries or bookkeeping. It builds the same bodies Intake sends for the bench's events
// CSV (see push.mjs): `{"commands":[…50 × customers/events…]}` with `command_id` "<run>:<row>",
// `customer_ids.email_id` the SHA-256 (hex) of the trimmed, lowercased email, `timestamp` in seconds
// with the microseconds as decimals, and the other columns as properties (numbers as numbers). The
// bodies are built before the clock starts; only the sending is timed. It uses undici's `request`
// with an Agent, the HTTP client Intake uses, so the comparison is with the same client's floor.
// Usage: node plain-sender.mjs <events.csv> <fake url> <project> <api key> <api secret> <concurrency>
// Prints one JSON line: {seconds, buildSeconds, requests, bytes, accepted, refused, peakRssMb}.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [file, baseUrl, project, apiKey, apiSecret, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const COMMANDS_PER_REQUEST = 50;

const buildStarted = performance.now();
const bodies = buildBodies(readFileSync(file, 'utf8'));
const buildSeconds = (performance.now() - buildStarted) / 1000;

const url = `${baseUrl.replace(/\/+$/, '')}/track/v2/projects/${encodeURIComponent(project)}/batch`;
const authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
const agent = new Agent({});
const runId = randomUUID();
let next = 0;
let accepted = 0;
let refused = 0;
let bytes = 0;

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, () => worker()));
const seconds = (performance.now() - started) / 1000;
await agent.close();
process.stdout.write(
  `${JSON.stringify({
    seconds,
    buildSeconds,
    requests: bodies.length,
    bytes,
    accepted,
    refused,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);

async function worker() {
  while (next < bodies.length) {
    const at = next++;
    const body = bodies[at];
    bytes += Buffer.byteLength(body);
    const response = await request(url, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        'x-request-id': `${runId}:${at + 1}`,
        'user-agent': 'plain-sender',
      },
      body,
      dispatcher: agent,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
    for (const result of JSON.parse(text).results) {
      if (result.success) accepted++;
      else refused++;
    }
  }
}

/** The bench CSV (email,at,page,referrer,amount,n; no quoting) as request bodies of 50 commands. */
function buildBodies(text) {
  const lines = text.split('\n');
  const header = lines[0].split(',');
  const col = (name) => header.indexOf(name);
  const [email, at, page, referrer, amount, n] = ['email', 'at', 'page', 'referrer', 'amount', 'n'].map(col);
  const batchRun = randomUUID();
  const out = [];
  let commands = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const f = line.split(',');
    const iso = f[at];
    const micros = /\.(\d{1,6})/.exec(iso)?.[1]?.padEnd(6, '0') ?? '000000';
    const command = {
      name: 'customers/events',
      // Intake's row numbers count the header as row 1.
      command_id: `${batchRun}:${i + 1}`,
      data: {
        customer_ids: {
          email_id: createHash('sha256').update(f[email].trim().toLowerCase()).digest('hex'),
        },
        event_type: 'visit',
        timestamp: Math.floor(Date.parse(iso) / 1000) + Number(micros) / 1_000_000,
        properties: { page: f[page], referrer: f[referrer], amount: Number(f[amount]), n: Number(f[n]) },
      },
    };
    commands.push(JSON.stringify(command));
    if (commands.length === COMMANDS_PER_REQUEST) {
      out.push(`{"commands":[${commands.join(',')}]}`);
      commands = [];
    }
  }
  if (commands.length > 0) out.push(`{"commands":[${commands.join(',')}]}`);
  return out;
}
