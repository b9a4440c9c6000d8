// What foreign-key enforcement costs a run's bulk inserts (issue 18, item 5): the same rows written
// with `PRAGMA foreign_keys` ON (as a run's writer has it) and OFF, on copies of one real workspace
// (its migrations, indexes and foreign keys) with the run writer's pragmas, in 500-row multi-row
// INSERTs of values built before the clock starts. ON and OFF take turns, 3 times each; medians.
//   existing: <events> events of 200,000 customers already stored (5 each by default), in random
//             order: every event's customer_id is checked against customers.
//   new:      the same events of 200,000 customers the run creates (customers, then their two IDs,
//             as the resolver writes them): customer_ids and events are checked.
// Prints JSON {events, customers, existing: {on, off}, new: {on, off}}, each {statementsMs, commitMs,
// runs}. Usage: node --expose-gc fk-cost.mjs <engine.js> [--events N]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';

const [engine] = process.argv.slice(2);
const eventsArg = process.argv.indexOf('--events');
const EVENTS = eventsArg > 0 ? Number(process.argv[eventsArg + 1]) : 1_000_000;
const CUSTOMERS = 200_000;
const BATCH = 500;
const ROUNDS = 3;
const { openWorkspace } = await import(pathToFileURL(engine).href);

/** mulberry32: a seeded PRNG, so every run of the script writes the same rows. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const random = seeded(18);
const now = new Date().toISOString();
const untilUs = (Date.now() + 90 * 86_400_000) * 1000;
const nowUs = Date.now() * 1000;

// Customers 1..CUSTOMERS, each with a registered ID `c<6 digits>` and an email; events name them in
// random order. Attribute texts are shared strings (memory), written in full by SQLite.
const registered = shuffled(Array.from({ length: 900_000 }, (_, i) => i + 100_000)).slice(0, CUSTOMERS);
const owners = shuffled(Array.from({ length: EVENTS }, (_, i) => (i % CUSTOMERS) + 1));
// Values only, in the order of their names (sorted), as the workspace stores them.
const texts = Array.from({ length: 1_000 }, (_, i) =>
  JSON.stringify(
    Object.values({
      action: ['view', 'cart', 'purchase'][i % 3],
      category: 'Home & Kitchen',
      delivery_date: `2025-0${(i % 9) + 1}-1${i % 10}`,
      in_stock: i % 2 === 0,
      note: i % 5 === 0 ? 'gift wrap, please "fragile"\nleave at the door' : '',
      price: ((i * 37) % 10_000) / 100,
      product_id: `SKU-${String(i).padStart(5, '0')}`,
      product_name: `Mug "Classic", ${i} ml`,
      quantity: (i % 4) + 1,
    }),
  ),
);

function shuffled(values) {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

const insert = (db, table, columns, rows) =>
  db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows)
      .fill(`(${columns.map(() => '?').join(', ')})`)
      .join(', ')}`,
  );
const CUSTOMER_COLUMNS = ['id', 'created_at', 'updated_at'];
const ID_COLUMNS = ['id_type', 'value', 'customer_id', 'linked_us'];
const EVENT_COLUMNS = [
  'customer_id',
  'event_type',
  'timestamp_us',
  'attributes',
  'types_id',
  'run_number',
  'dedup_until_us',
];

/** A customer's rows: itself, and its two IDs. */
const customerRow = (id) => [id, now, now];
const idRows = (id) => [
  ['registered', `c${registered[id - 1]}`, id, nowUs + 2 * id],
  ['email_id', `buyer.${registered[id - 1]}@example.com`, id, nowUs + 2 * id + 1],
];

/** Two workspaces to copy: one empty, one holding the 200,000 customers and their IDs. */
function baseWorkspaces(dir) {
  const empty = join(dir, 'empty');
  const stored = join(dir, 'stored');
  for (const path of [empty, stored]) {
    const workspace = openWorkspace(path);
    workspace.db.prepare("INSERT INTO event_attribute_types (types) VALUES ('[]')").run();
    workspace.db
      .prepare("INSERT INTO event_runs (number, run_id, processed_us) VALUES (1, 'run-fk', ?)")
      .run(nowUs);
    if (path === stored) {
      const db = workspace.db;
      const customers = insert(db, 'customers', CUSTOMER_COLUMNS, 1);
      const ids = insert(db, 'customer_ids', ID_COLUMNS, 1);
      db.transaction(() => {
        for (let id = 1; id <= CUSTOMERS; id++) {
          customers.run(customerRow(id));
          for (const row of idRows(id)) ids.run(row);
        }
      })();
    }
    workspace.close();
  }
  return { empty, stored };
}

/**
 * The statements' values, built before any clock: per 500 events, the customers first seen in them
 * and their IDs (written only by the 'new' case), and the events.
 */
function batches() {
  const seen = new Set();
  const all = [];
  for (let start = 0; start < EVENTS; start += BATCH) {
    const customers = [];
    const ids = [];
    const events = [];
    for (let i = start; i < Math.min(start + BATCH, EVENTS); i++) {
      const owner = owners[i];
      if (!seen.has(owner)) {
        seen.add(owner);
        customers.push(customerRow(owner));
        ids.push(...idRows(owner));
      }
      events.push([
        owner,
        'purchase',
        (1_700_000_000 + Math.floor(random() * 31_536_000)) * 1_000_000,
        texts[i % texts.length],
        1,
        1, // the run's row in event_runs
        untilUs,
      ]);
    }
    all.push({
      customers: { rows: customers.length, values: customers.flat() },
      ids: { rows: ids.length, values: ids.flat() },
      events: { rows: events.length, values: events.flat() },
    });
  }
  return all;
}

/** Writes a batch's rows of one table in one multi-row INSERT (prepared once per row count). */
function writer(db, table, columns) {
  const prepared = new Map();
  return ({ rows, values }) => {
    if (rows === 0) return;
    let statement = prepared.get(rows);
    if (!statement) prepared.set(rows, (statement = insert(db, table, columns, rows)));
    statement.run(values);
  };
}

/** One measurement on a fresh copy of `base`: the run writer's pragmas, foreign keys `on` or off. */
function measure(base, scratch, data, { on, createCustomers }) {
  const dir = mkdtempSync(join(scratch, 'copy-'));
  const path = join(dir, 'workspace.sqlite');
  copyFileSync(join(base, 'workspace.sqlite'), path);
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 0');
    db.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`);
    db.pragma('cache_size = -32768');
    const customers = writer(db, 'customers', CUSTOMER_COLUMNS);
    const ids = writer(db, 'customer_ids', ID_COLUMNS);
    const events = writer(db, 'events', EVENT_COLUMNS);
    globalThis.gc?.();
    db.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    for (const batch of data) {
      if (createCustomers) {
        customers(batch.customers);
        ids(batch.ids);
      }
      events(batch.events);
    }
    const written = performance.now();
    db.exec('COMMIT');
    const result = { statementsMs: written - started, commitMs: performance.now() - written };
    if (db.pragma('foreign_key_check').length > 0) throw new Error('The rows broke a foreign key.');
    return result;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const scratch = mkdtempSync(join(tmpdir(), 'intake-bench-fk-'));
try {
  const bases = baseWorkspaces(scratch);
  const data = batches();
  const report = { events: EVENTS, customers: CUSTOMERS };
  for (const [name, base, createCustomers] of [
    ['existing', bases.stored, false],
    ['new', bases.empty, true],
  ]) {
    const runs = { on: [], off: [] };
    // Taking turns, so a slower spell of a shared machine weighs on both alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
        runs[on ? 'on' : 'off'].push(measure(base, scratch, data, { on, createCustomers }));
      }
    }
    const summary = (list) => ({
      statementsMs: median(list.map((r) => r.statementsMs)),
      commitMs: median(list.map((r) => r.commitMs)),
      runs: list.map((r) => Math.round(r.statementsMs)),
    });
    report[name] = { on: summary(runs.on), off: summary(runs.off) };
  }
  process.stdout.write(JSON.stringify(report) + '\n');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
