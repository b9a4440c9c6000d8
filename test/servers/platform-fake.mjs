// A local fake of the platform APIs Intake pushes to (issue 15; ../shared/REFERENCE.md §1.5–1.6):
//   POST /track/v2/projects/{projectToken}/batch                Bloomreach Engagement batch commands
//   PUT  /data/v2/projects/{projectToken}/catalogs/{id}/items   Bloomreach bulk catalog item update
//   POST /v1/batch                                              Segment-compatible HTTP tracking API
// with switches for what a push must survive: 429 with Retry-After, 5xx, slow answers, per-command
// failures, and a connection dropped after the request was received and processed ("sent but not
// acknowledged"). Every accepted command is recorded with its id, so a test can assert "exactly once".
// In-process (Node's http), on 127.0.0.1 and a port the OS picks; tests start it with
// `startPlatformFake()`, the Playwright suite runs this file as a process of its own and steers it
// through `POST /__control` with the control token printed in its startup line.
//
// Choices where the documentation is silent or the real API is unhelpful for tests (each marked
// "fake-only" is stricter than or different from the real API):
// - Bloomreach auth follows the Engagement docs ("Tracking API authorization errors", support
//   article "Most common API requests errors"): no Basic header → 401 "Access key not provided";
//   unknown API key → 401 "Access key not found"; right key, wrong secret → 403 "invalid secret";
//   a wrong project token → 400 "Invalid project id". Bodies are `{"success":false,"error":…}`.
// - A batch refused as a whole (bad JSON, no command list, over 50 commands) → 400
//   `{"success":false,"message":…}`, the shape the docs show for "Invalid JSON". The real API's
//   wording for the over-50 case is not documented; ours names the count.
// - Per-command results keep request order: `{"success":true}` or `{"success":false,"errors":[…]}`,
//   with `start_time`/`end_time` beside them as in the docs' example. Reasons for missing ids are the
//   documented ones ("At least one id should be specified.", "At least one valid id should be
//   specified"); the others (timestamps, event_type, unknown command) are our wording.
// - Timestamps (`update_timestamp`, event `timestamp`) must be numbers when present; fake-only: a
//   value below 0 or at or above 1e11 (milliseconds sent as seconds) fails the command, and with
//   `requireTimestamps` a missing one fails it too (Intake always sends them, the seed's advice).
// - The catalog route: REFERENCE names the path but not the method. PUT is taken as the documented
//   one (the single-item "Update a catalog item" on the same path family is PUT); POST is accepted
//   too and each request's method is recorded, so a test can pin it. The body is a JSON array of
//   `{item_id, properties}`; no per-request item limit is enforced (REFERENCE marks it [?]). Each
//   item answers `{"success":true,"queued":true}` or `{"success":false,"queued":false,"errors":{
//   "<field>":["…"]}}` (the docs show errors keyed by field, and quote "True"/"False" strings that
//   we take for booleans). An item_id containing "/" fails (the catalog docs say it breaks edits).
// - Segment: Basic auth with the write key as user; the password is ignored, a `writeKey` field in
//   the body is accepted too (Segment accepts both). Fake-only: a missing or unknown write key →
//   401 `{"success":false,"message":…}`; real Segment answers 200 to an unknown key and drops the
//   data, 400 to a missing one. A request over 500 KB (500 × 1024 bytes of body) or holding a
//   message over 32 KB (32 × 1024 bytes of the message re-serialised as JSON) → 400, and the whole
//   batch is refused, nothing recorded (Segment's docs: "If these limits are exceeded, Segment
//   returns a 400 Bad Request error"). Content-Type must be application/json (Segment's docs).
//   Segment has no per-message results: a message it would not accept (no userId/anonymousId, a
//   track without `event`, a matching failWhen rule) still gets 200 `{"success":true}` and is
//   listed by `rejected()` with the reason, as the real API drops it silently.
// - Switches count API requests only (the three routes above; not /__control, not unknown paths).
//   A request takes at most one of them, in this order: a pending 429, a pending 5xx, a pending
//   drop. A 429 or 5xx request's commands are not recorded (the platform did not take them). A
//   dropped request is processed and recorded in full, then its socket is destroyed unanswered.
//   The delay applies after processing, before the answer (or the drop): commands are recorded at
//   once, the client waits; a client that gives up during the delay leaves them recorded with
//   `acknowledged: false`.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** Commands per batch request (REFERENCE.md §1.5). */
export const MAX_BATCH_COMMANDS = 50;
/** Segment's request and message limits, in bytes (500 KB, 32 KB). */
export const MAX_SEGMENT_REQUEST_BYTES = 500 * 1024;
export const MAX_SEGMENT_MESSAGE_BYTES = 32 * 1024;
/** The default credentials; the startup line of the process mode repeats the ones in use. */
export const DEFAULT_CREDENTIALS = Object.freeze({
  projectToken: 'fake-project-token',
  apiKey: 'fake-api-key',
  apiSecret: 'fake-api-secret',
  writeKey: 'fake-write-key',
});

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const BATCH_ROUTE = /^\/track\/v2\/projects\/([^/]+)\/batch$/;
const CATALOG_ROUTE = /^\/data\/v2\/projects\/([^/]+)\/catalogs\/([^/]+)\/items$/;
const SEGMENT_ROUTE = '/v1/batch';
const CONTROL_ROUTE = '/__control';
const COMMAND_NAMES = new Set(['customers', 'customers/events']);
const SEGMENT_TYPES = new Set(['identify', 'track', 'page', 'screen', 'group', 'alias']);
const DEFAULT_REASON = 'Rejected by the platform fake';

/**
 * @typedef {'bloomreach' | 'catalog' | 'segment'} Api
 * @typedef {object} Command What a predicate sees, and what `received()` / `rejected()` list.
 * @property {Api} api
 * @property {string} key the project token (bloomreach, catalog) or the write key (segment)
 * @property {string | null} catalogId
 * @property {string} name 'customers' | 'customers/events' (bloomreach), 'catalog_item', or the
 *   Segment message type ('identify', 'track', …)
 * @property {unknown} data the command's `data`, the catalog item, or the whole Segment message
 * @property {string | null} id command_id, item_id or messageId (null when the command has none)
 * @property {number} request the index of its request in `requests()`
 * @typedef {Command & { acknowledged: boolean }} ReceivedCommand `acknowledged`: its request's
 *   answer was written in full (false: dropped, or the client left during a delay)
 * @typedef {Command & { reason: string }} RejectedCommand
 * @typedef {object} RequestRecord
 * @property {number} index
 * @property {string} method
 * @property {string} path
 * @property {Api | null} api
 * @property {number | 'dropped' | 'client-closed' | null} status null while still being answered
 * @property {boolean} answered
 * @property {number} bytes
 * @property {number} commands commands, items or messages in the body (0 when it was refused whole)
 * @property {string | null} user the Basic auth user name sent
 * @property {number} at Date.now() when it arrived
 * @typedef {(command: Command) => boolean | string} Predicate true or a reason string fails it
 */

/**
 * Starts the fake.
 * @param {{
 *   projectToken?: string, apiKey?: string, apiSecret?: string, writeKey?: string,
 *   catalogs?: string[],
 *   requireTimestamps?: boolean,
 *   record?: 'full' | 'counts',
 *   controlToken?: string,
 * }} [options] `catalogs`: the catalog ids that exist (others → 404; default: any);
 *   `record: 'counts'` keeps only per-id counts and totals, no command list (for a bench of a
 *   million events); `controlToken`: default random.
 */
export async function startPlatformFake(options = {}) {
  const credentials = {
    projectToken: options.projectToken ?? DEFAULT_CREDENTIALS.projectToken,
    apiKey: options.apiKey ?? DEFAULT_CREDENTIALS.apiKey,
    apiSecret: options.apiSecret ?? DEFAULT_CREDENTIALS.apiSecret,
    writeKey: options.writeKey ?? DEFAULT_CREDENTIALS.writeKey,
  };
  const controlToken = options.controlToken ?? randomBytes(16).toString('hex');
  const keepCommands = (options.record ?? 'full') === 'full';
  const knownCatalogs = options.catalogs ? new Set(options.catalogs) : null;

  /** @type {RequestRecord[]} */
  let log = [];
  /** @type {{ command: Command, entry: RequestRecord }[]} */
  let accepted = [];
  /** @type {RejectedCommand[]} */
  let rejectedList = [];
  /** @type {Map<string, number>} */
  let idCounts = new Map();
  /** @type {Map<string, Map<string, unknown>>} */
  let catalogs = new Map();
  let totals = { accepted: 0, rejected: 0 };
  let switches = initialSwitches(Boolean(options.requireTimestamps));

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
    const url = new URL(req.url ?? '/', 'http://platform.local');
    if (url.pathname === CONTROL_ROUTE) {
      handleControl(req, res, url).catch(() => res.destroy());
      return;
    }
    const api = apiOf(url.pathname);
    /** @type {RequestRecord} */
    const entry = {
      index: log.length,
      method: req.method ?? 'GET',
      path: url.pathname,
      api,
      status: null,
      answered: false,
      bytes: 0,
      commands: 0,
      user: basicCredentials(req)?.user ?? null,
      at: Date.now(),
    };
    log.push(entry);
    // Taken on arrival, so the first N requests get them however many run at once.
    const fate = api ? takeFate() : null;
    const delayMs = api ? takeDelay() : 0;
    readBody(req)
      .then((body) => {
        let outcome;
        if (body === null) outcome = refuse(api, 413, 'Request body too large');
        else {
          entry.bytes = body.length;
          if (fate?.status) outcome = forced(api, fate);
          else outcome = handle(req, url, entry, body);
        }
        const act = () => finish(res, entry, outcome, Boolean(fate?.drop));
        if (delayMs > 0) later(delayMs, act);
        else act();
      })
      .catch((error) => {
        if (!res.headersSent && !res.destroyed) {
          entry.status = 500;
          send(res, 500, { success: false, error: String(error?.message ?? error) });
        }
      });
  });

  function finish(res, entry, outcome, drop) {
    if (drop) {
      entry.status = 'dropped';
      res.socket?.destroy();
      return;
    }
    if (res.destroyed || !res.socket || res.socket.destroyed) {
      entry.status = 'client-closed';
      return;
    }
    entry.status = outcome.status;
    res.once('finish', () => (entry.answered = true));
    send(res, outcome.status, outcome.body, outcome.headers);
  }

  function takeFate() {
    if (switches.rateLimit.count > 0) {
      switches.rateLimit.count -= 1;
      return { status: 429, retryAfter: switches.rateLimit.retryAfter };
    }
    if (switches.fail.count > 0) {
      switches.fail.count -= 1;
      return { status: switches.fail.status };
    }
    if (switches.dropAfterReceive > 0) {
      switches.dropAfterReceive -= 1;
      return { drop: true };
    }
    return null;
  }

  function takeDelay() {
    const { ms, remaining } = switches.delay;
    if (ms <= 0 || remaining === 0) return 0;
    if (remaining !== null) switches.delay.remaining = remaining - 1;
    return ms;
  }

  function forced(api, fate) {
    if (fate.status === 429) {
      const outcome = refuse(api, 429, 'Too many requests: rate limit exceeded');
      return { ...outcome, headers: { 'retry-after': String(fate.retryAfter) } };
    }
    return refuse(api, fate.status, 'Internal server error');
  }

  /** Routes an API request; records what it accepts and rejects; returns the answer. */
  function handle(req, url, entry, body) {
    const batch = BATCH_ROUTE.exec(url.pathname);
    if (batch) {
      if (req.method !== 'POST') return refuse('bloomreach', 405, 'Method not allowed');
      return trackBatch(req, decodeURIComponent(batch[1]), entry, body);
    }
    const catalog = CATALOG_ROUTE.exec(url.pathname);
    if (catalog) {
      if (req.method !== 'PUT' && req.method !== 'POST') return refuse('catalog', 405, 'Method not allowed');
      return catalogItems(req, decodeURIComponent(catalog[1]), decodeURIComponent(catalog[2]), entry, body);
    }
    if (url.pathname === SEGMENT_ROUTE) {
      if (req.method !== 'POST') return refuse('segment', 405, 'Method not allowed');
      return segmentBatch(req, entry, body);
    }
    return refuse(null, 404, 'The requested URL was not found on the server');
  }

  /** Null when the Basic credentials fit the project, else the documented refusal. */
  function bloomreachAuth(req, projectToken, api) {
    const given = basicCredentials(req);
    if (!given) return refuse(api, 401, 'Access key not provided');
    if (projectToken !== credentials.projectToken) return refuse(api, 400, 'Invalid project id');
    if (given.user !== credentials.apiKey) return refuse(api, 401, 'Access key not found');
    if (given.password !== credentials.apiSecret) return refuse(api, 403, 'invalid secret');
    return null;
  }

  function trackBatch(req, projectToken, entry, body) {
    const denied = bloomreachAuth(req, projectToken, 'bloomreach');
    if (denied) return denied;
    const parsed = parseJson(body);
    if (parsed === undefined) return batchRefusal(400, 'Invalid JSON');
    const commands = parsed?.commands;
    if (!Array.isArray(commands)) return batchRefusal(400, 'The body must be {"commands": [...]}');
    if (commands.length > MAX_BATCH_COMMANDS) {
      return batchRefusal(
        400,
        `Too many commands in one batch: ${commands.length} (at most ${MAX_BATCH_COMMANDS})`,
      );
    }
    entry.commands = commands.length;
    const startTime = Date.now() / 1000;
    const results = commands.map((raw) => {
      const command = {
        api: /** @type {Api} */ ('bloomreach'),
        key: projectToken,
        catalogId: null,
        name: typeof raw?.name === 'string' ? raw.name : String(raw?.name),
        data: raw?.data,
        id: idOf(raw?.command_id),
        request: entry.index,
      };
      const reason = isObject(raw)
        ? (commandProblem(command.name, raw.data, switches.requireTimestamps) ?? ruleReason(command))
        : 'A command must be an object';
      if (reason !== null) {
        reject(command, reason);
        return { success: false, errors: [reason] };
      }
      accept(command, entry);
      return { success: true };
    });
    return {
      status: 200,
      body: { results, start_time: startTime, end_time: Date.now() / 1000, success: true },
    };
  }

  function catalogItems(req, projectToken, catalogId, entry, body) {
    const denied = bloomreachAuth(req, projectToken, 'catalog');
    if (denied) return denied;
    if (knownCatalogs && !knownCatalogs.has(catalogId)) return refuse('catalog', 404, 'Catalog not found');
    const items = parseJson(body);
    if (items === undefined) return refuse('catalog', 400, 'Invalid JSON');
    if (!Array.isArray(items)) {
      return refuse('catalog', 400, 'The body must be a JSON array of {item_id, properties}');
    }
    entry.commands = items.length;
    const results = items.map((item) => {
      const command = {
        api: /** @type {Api} */ ('catalog'),
        key: projectToken,
        catalogId,
        name: 'catalog_item',
        data: item,
        id: idOf(item?.item_id),
        request: entry.index,
      };
      const problem = itemProblem(item);
      const ruled = problem ? null : ruleReason(command);
      if (problem || ruled !== null) {
        const errors = problem ?? { properties: [ruled] };
        reject(command, Object.values(errors).flat().join('; '));
        return { success: false, queued: false, errors };
      }
      accept(command, entry);
      return { success: true, queued: true };
    });
    return { status: 200, body: results };
  }

  function segmentBatch(req, entry, body) {
    const writeKey = basicCredentials(req)?.user || parseJson(body)?.writeKey || null;
    if (!writeKey) return segmentRefusal(401, 'No write key: send it as the Basic auth user name');
    if (writeKey !== credentials.writeKey) return segmentRefusal(401, 'Invalid write key');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return segmentRefusal(400, 'Content-Type must be application/json');
    }
    if (body.length > MAX_SEGMENT_REQUEST_BYTES) {
      return segmentRefusal(
        400,
        `Request is ${body.length} bytes; a batch may be at most ${MAX_SEGMENT_REQUEST_BYTES} bytes (500 KB)`,
      );
    }
    const parsed = parseJson(body);
    if (parsed === undefined) return segmentRefusal(400, 'Invalid JSON');
    const messages = parsed?.batch;
    if (!Array.isArray(messages)) return segmentRefusal(400, 'The body must be {"batch": [...]}');
    for (const [index, message] of messages.entries()) {
      const size = Buffer.byteLength(JSON.stringify(message) ?? '');
      if (size > MAX_SEGMENT_MESSAGE_BYTES) {
        return segmentRefusal(
          400,
          `Message ${index} is ${size} bytes; a message may be at most ${MAX_SEGMENT_MESSAGE_BYTES} bytes (32 KB)`,
        );
      }
    }
    entry.commands = messages.length;
    for (const message of messages) {
      const command = {
        api: /** @type {Api} */ ('segment'),
        key: writeKey,
        catalogId: null,
        name: typeof message?.type === 'string' ? message.type : String(message?.type),
        data: message,
        id: idOf(message?.messageId),
        request: entry.index,
      };
      const reason = messageProblem(message) ?? ruleReason(command);
      if (reason !== null) reject(command, reason);
      else accept(command, entry);
    }
    return { status: 200, body: { success: true } };
  }

  function ruleReason(command) {
    for (const rule of switches.rules) {
      let verdict;
      try {
        verdict = rule.test(command);
      } catch (error) {
        return `The fake's failWhen predicate threw: ${error?.message ?? error}`;
      }
      if (typeof verdict === 'string') return verdict;
      if (verdict) return rule.reason;
    }
    return null;
  }

  function accept(command, entry) {
    totals.accepted += 1;
    if (command.id !== null) idCounts.set(command.id, (idCounts.get(command.id) ?? 0) + 1);
    if (!keepCommands) return;
    accepted.push({ command, entry });
    if (command.api === 'catalog') {
      const items = catalogs.get(command.catalogId) ?? new Map();
      catalogs.set(command.catalogId, items);
      // The bulk update replaces an item's properties, it does not merge them (REFERENCE §1.6).
      items.set(command.id, command.data.properties ?? {});
    }
  }

  function reject(command, reason) {
    totals.rejected += 1;
    if (keepCommands) rejectedList.push({ ...command, reason });
  }

  // --- What a test reads ---

  /** @returns {ReceivedCommand[]} */
  function received() {
    return accepted.map(({ command, entry }) => ({ ...command, acknowledged: entry.answered }));
  }

  /** @returns {{ id: string, count: number }[]} */
  function duplicates() {
    const out = [];
    for (const [id, count] of idCounts) if (count > 1) out.push({ id, count });
    return out;
  }

  function stats() {
    /** @type {Record<string, number>} */
    const byStatus = {};
    for (const entry of log) {
      if (entry.status !== null) byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
    }
    return {
      requests: log.length,
      byStatus,
      accepted: totals.accepted,
      rejected: totals.rejected,
      distinctIds: idCounts.size,
      duplicateIds: duplicates().length,
    };
  }

  function describeSwitches() {
    return {
      rateLimit: { ...switches.rateLimit },
      fail: { ...switches.fail },
      delay: { ...switches.delay },
      dropAfterReceive: switches.dropAfterReceive,
      failWhen: switches.rules.map((rule) => rule.description),
      requireTimestamps: switches.requireTimestamps,
    };
  }

  /** @param {string[]} [include] any of 'received', 'rejected', 'requests', 'ids' */
  function state(include = []) {
    const out = { switches: describeSwitches(), stats: stats(), duplicates: duplicates() };
    if (include.includes('received')) out.received = received();
    if (include.includes('rejected')) out.rejected = [...rejectedList];
    if (include.includes('requests')) out.requests = log.map((entry) => ({ ...entry }));
    if (include.includes('ids')) out.ids = Object.fromEntries(idCounts);
    return out;
  }

  function reset() {
    log = [];
    accepted = [];
    rejectedList = [];
    idCounts = new Map();
    catalogs = new Map();
    totals = { accepted: 0, rejected: 0 };
    switches = initialSwitches(Boolean(options.requireTimestamps));
  }

  // --- Switches ---

  const fake = {
    /** Answers the next `count` API requests with 429 and `Retry-After: retryAfterSeconds`. */
    rateLimit(count, retryAfterSeconds = 1) {
      switches.rateLimit = {
        count: nonNegative(count, 'count'),
        retryAfter: nonNegative(retryAfterSeconds, 'retryAfter'),
      };
    },
    /** Answers the next `count` API requests with `status` (a 5xx, default 500). */
    failNext(count, status = 500) {
      switches.fail = { count: nonNegative(count, 'count'), status };
    },
    /** Delays the answers of the next `count` API requests (default: all, until changed) by `ms`. */
    delay(ms, count = null) {
      switches.delay = {
        ms: nonNegative(ms, 'ms'),
        remaining: count === null ? null : nonNegative(count, 'count'),
      };
    },
    /**
     * Fails every later command, item or message for which `predicate` returns true (failing it with
     * `reason`) or a string (the reason). Returns what removes the rule.
     * @param {Predicate} predicate
     * @param {string} [reason]
     */
    failWhen(predicate, reason = DEFAULT_REASON) {
      const rule = { test: predicate, reason, description: 'function' };
      switches.rules.push(rule);
      return () => {
        switches.rules = switches.rules.filter((other) => other !== rule);
      };
    },
    /** Removes every failWhen rule. */
    clearFailWhen() {
      switches.rules = [];
    },
    /** The next `count` API requests are processed and recorded, then their connection destroyed. */
    dropAfterReceive(count) {
      switches.dropAfterReceive = nonNegative(count, 'count');
    },
    /** Fails customer and event commands that lack `update_timestamp` / `timestamp`. */
    requireTimestamps(on = true) {
      switches.requireTimestamps = Boolean(on);
    },
    /** Applies a control object, as `POST /__control` does; returns `state()`. */
    control(json) {
      applyControl(json);
      return state();
    },
  };

  function applyControl(json) {
    if (!isObject(json)) throw new Error('The control body must be a JSON object');
    if (json.reset) reset();
    if (json.rateLimit !== undefined) {
      const { count, retryAfter = 1 } = countSpec(json.rateLimit, 'rateLimit');
      fake.rateLimit(count, retryAfter);
    }
    if (json.fail !== undefined) {
      const { count, status = 500 } = countSpec(json.fail, 'fail');
      if (!Number.isInteger(status) || status < 500 || status > 599) {
        throw new Error('fail.status must be a 5xx status');
      }
      fake.failNext(count, status);
    }
    if (json.delay !== undefined) {
      const spec = typeof json.delay === 'number' ? { ms: json.delay } : json.delay;
      if (!isObject(spec)) throw new Error('delay must be a number of ms or {"ms": N, "count"?: N}');
      fake.delay(spec.ms, spec.count ?? null);
    }
    if (json.failWhen !== undefined) {
      if (json.failWhen === null) fake.clearFailWhen();
      else {
        const specs = Array.isArray(json.failWhen) ? json.failWhen : [json.failWhen];
        for (const spec of specs) switches.rules.push(ruleFromJson(spec, json.reason));
      }
    }
    if (json.dropAfterReceive !== undefined) {
      fake.dropAfterReceive(countSpec(json.dropAfterReceive, 'dropAfterReceive').count);
    }
    if (json.requireTimestamps !== undefined) fake.requireTimestamps(json.requireTimestamps);
  }

  /** `POST /__control` applies switches; `GET /__control?include=received,rejected,requests,ids` reads. */
  async function handleControl(req, res, url) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = req.headers['x-control-token'] ?? bearer;
    const body = await readBody(req);
    if (token !== controlToken) {
      return send(res, 403, {
        ok: false,
        error: 'The control endpoint needs the control token (x-control-token)',
      });
    }
    if (req.method === 'GET') {
      const include = (url.searchParams.get('include') ?? '').split(',').filter(Boolean);
      return send(res, 200, { ok: true, ...state(include) });
    }
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: 'GET or POST' });
    const json = body === null ? undefined : parseJson(body);
    try {
      applyControl(json);
    } catch (error) {
      return send(res, 400, { ok: false, error: String(error?.message ?? error) });
    }
    send(res, 200, { ok: true, ...state() });
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
    controlToken,
    credentials,
    ...fake,
    /** Accepted commands, items and messages, in the order the fake took them. */
    received,
    /** Commands, items and messages the fake refused one by one, with the reason. */
    rejected: () => [...rejectedList],
    /** How many times a command_id / item_id / messageId was accepted (0 when never). */
    receiveCount: (id) => idCounts.get(id) ?? 0,
    /** The ids accepted more than once, with their counts. */
    duplicates,
    /** Every API request: method, path, status (or 'dropped' / 'client-closed'), size, commands. */
    requests: () => log.map((entry) => ({ ...entry })),
    /** Requests received, answered per status, commands accepted and rejected, distinct ids. */
    stats,
    /** A catalog's items as the platform holds them: item_id → properties (last accepted wins). */
    catalog: (catalogId) => Object.fromEntries(catalogs.get(catalogId) ?? new Map()),
    /** Switches, stats, duplicates, and on request the lists (what `GET /__control` answers). */
    state,
    /** Forgets every request and command and turns every switch off. */
    reset,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function initialSwitches(requireTimestamps) {
  return {
    rateLimit: { count: 0, retryAfter: 1 },
    fail: { count: 0, status: 500 },
    delay: { ms: 0, remaining: null },
    dropAfterReceive: 0,
    /** @type {{ test: Predicate, reason: string, description: unknown }[]} */
    rules: [],
    requireTimestamps,
  };
}

function apiOf(path) {
  if (BATCH_ROUTE.test(path)) return 'bloomreach';
  if (CATALOG_ROUTE.test(path)) return 'catalog';
  if (path === SEGMENT_ROUTE) return 'segment';
  return null;
}

/** The refusal of a whole request, in the shape of the API it was sent to. */
function refuse(api, status, message) {
  if (api === 'segment') return segmentRefusal(status, message);
  return { status, body: { success: false, error: message } };
}

function batchRefusal(status, message) {
  return { status, body: { success: false, message } };
}

function segmentRefusal(status, message) {
  return { status, body: { success: false, message } };
}

/** Why a batch command fails, or null. */
function commandProblem(name, data, requireTimestamps) {
  if (!COMMAND_NAMES.has(name))
    return `Unknown command name: ${name} (expected customers or customers/events)`;
  if (!isObject(data)) return 'Command data must be an object';
  const ids = idsProblem(data.customer_ids);
  if (ids) return ids;
  if (data.properties !== undefined && !isObject(data.properties)) return 'properties must be an object';
  if (name === 'customers')
    return timestampProblem(data.update_timestamp, 'update_timestamp', requireTimestamps);
  if (typeof data.event_type !== 'string' || data.event_type.trim() === '') {
    return 'event_type must be a non-empty string';
  }
  return timestampProblem(data.timestamp, 'timestamp', requireTimestamps);
}

function idsProblem(ids) {
  if (!isObject(ids) || Object.keys(ids).length === 0) return 'At least one id should be specified.';
  const valid = Object.values(ids).some(
    (value) =>
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && /[\p{L}\p{N}]/u.test(value) && !/^(null|undefined)$/i.test(value.trim())),
  );
  return valid ? null : 'At least one valid id should be specified';
}

function timestampProblem(value, field, required) {
  if (value === undefined || value === null) {
    return required ? `${field} is missing (this fake requires timestamps)` : null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${field} must be a number of seconds since the epoch, not ${JSON.stringify(value)}`;
  }
  if (value < 0 || value >= 1e11)
    return `${field} ${value} is not in seconds since the epoch (milliseconds?)`;
  return null;
}

/** Why a catalog item fails, keyed by field, or null. */
function itemProblem(item) {
  if (!isObject(item)) return { item: ['An item must be an object with item_id and properties'] };
  const id = item.item_id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
    return { item_id: ['item_id is required'] };
  }
  if (String(id).includes('/')) return { item_id: ['item_id must not contain "/"'] };
  if (!isObject(item.properties)) return { properties: ['properties must be an object'] };
  return null;
}

/** Why Segment would not accept a message (it still answers 200), or null. */
function messageProblem(message) {
  if (!isObject(message)) return 'A message must be an object';
  if (!SEGMENT_TYPES.has(message.type)) return `Unknown message type: ${message.type}`;
  const present = (value) => (typeof value === 'string' && value !== '') || typeof value === 'number';
  if (!present(message.userId) && !present(message.anonymousId)) {
    return 'Identifier is not present: a message needs a userId or an anonymousId';
  }
  if (message.type === 'track' && (typeof message.event !== 'string' || message.event === '')) {
    return 'Track event is missing name';
  }
  if (message.traits !== undefined && !isObject(message.traits)) return 'traits must be an object';
  if (message.properties !== undefined && !isObject(message.properties))
    return 'properties must be an object';
  if (
    message.timestamp !== undefined &&
    (typeof message.timestamp !== 'string' || Number.isNaN(Date.parse(message.timestamp)))
  ) {
    return `timestamp must be an ISO-8601 string, not ${JSON.stringify(message.timestamp)}`;
  }
  return null;
}

/**
 * A failWhen rule from control JSON: `{"field":"properties.email","contains":"invalid"}`, or with
 * `equals` (any JSON value), `matches` (a regular expression), `exists` (true/false), optionally
 * narrowed by `api`, `name` and `ids`; all given conditions must hold. `reason` inside the rule
 * wins over the one beside it.
 */
function ruleFromJson(spec, outerReason) {
  if (!isObject(spec)) throw new Error('failWhen must be an object, a list of them, or null');
  const { field, contains, equals, matches, exists, api, name, ids } = spec;
  if (field === undefined && api === undefined && name === undefined && ids === undefined) {
    throw new Error('failWhen needs at least one of field, api, name, ids');
  }
  if (field !== undefined && typeof field !== 'string')
    throw new Error('failWhen.field must be a dotted path');
  if (ids !== undefined && !Array.isArray(ids)) throw new Error('failWhen.ids must be a list');
  const pattern = matches === undefined ? null : new RegExp(matches);
  const idSet = ids ? new Set(ids.map(String)) : null;
  const expected = equals === undefined ? undefined : JSON.stringify(equals);
  const reason = typeof spec.reason === 'string' ? spec.reason : (outerReason ?? DEFAULT_REASON);
  /** @type {Predicate} */
  const test = (command) => {
    if (api !== undefined && command.api !== api) return false;
    if (name !== undefined && command.name !== name) return false;
    if (idSet && (command.id === null || !idSet.has(command.id))) return false;
    if (field === undefined) return true;
    const value = valueAt(command.data, field);
    if (exists !== undefined) return (value !== undefined) === Boolean(exists);
    if (value === undefined) return false;
    if (contains !== undefined) return String(value).includes(String(contains));
    if (expected !== undefined) return JSON.stringify(value) === expected;
    if (pattern) return pattern.test(String(value));
    return true;
  };
  return { test, reason, description: { ...spec, reason } };
}

function valueAt(data, path) {
  let value = data;
  for (const part of path.split('.')) {
    if (!isObject(value) && !Array.isArray(value)) return undefined;
    value = value[part];
  }
  return value;
}

function countSpec(spec, what) {
  const object = typeof spec === 'number' ? { count: spec } : spec;
  if (!isObject(object)) throw new Error(`${what} must be a count or {"count": N, …}`);
  return object;
}

function nonNegative(value, what) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`${what} must be a number ≥ 0, not ${JSON.stringify(value)}`);
  }
  return value;
}

function idOf(value) {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed body, or undefined when it is not JSON. */
function parseJson(body) {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `{ user, password }` from a Basic Authorization header, or null. */
function basicCredentials(req) {
  const encoded = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The whole body, or null when it passed MAX_BODY_BYTES (the rest is read and thrown away). */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

// As a process of its own (the browser suite):
//   node platform-fake.mjs [--project TOKEN] [--api-key KEY] [--api-secret SECRET]
//                          [--write-key KEY] [--catalog ID]… [--require-timestamps] [--record counts]
// prints one JSON line {"url","port","controlToken","projectToken","apiKey","apiSecret","writeKey"}
// and serves until SIGTERM.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const catalogs = args.flatMap((value, at) => (args[at - 1] === '--catalog' ? [value] : []));
  const fake = await startPlatformFake({
    projectToken: arg('--project'),
    apiKey: arg('--api-key'),
    apiSecret: arg('--api-secret'),
    writeKey: arg('--write-key'),
    catalogs: catalogs.length > 0 ? catalogs : undefined,
    requireTimestamps: args.includes('--require-timestamps'),
    record: arg('--record') === 'counts' ? 'counts' : 'full',
  });
  process.stdout.write(
    `${JSON.stringify({ url: fake.url, port: fake.port, controlToken: fake.controlToken, ...fake.credentials })}\n`,
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
