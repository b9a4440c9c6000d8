// The floor SQLite sets for the realistic file's two imports (see sqlite-floor.mjs for the bench
// file's): the rows each import must write, written with nothing else to do (no reading, parsing,
// mapping, hashing; every value prepared in memory first, untimed), on a real workspace (its
// migrations, indexes and foreign keys) with the run writer's pragmas, the faster of two.
//   first:  into an empty workspace: 200,000 customers (as each first appears), their two IDs, and
//           1,000,000 events, in file order (customers in random order, as in the file), with
//           events_by_customer dropped first and built at the end, as a run into a workspace with
//           no events does (and its smaller page cache);
//   again:  into the workspace that holds them: every event is a duplicate, so the rows to write
//           are each stored event's extended dedup memory (one UPDATE per 500, as EventMemory does).
// Each also with the lookups the schema makes a run do (`withLookups`): both IDs of every row by
// their primary key, and, on the re-import, the seek for a stored event at its microsecond
// (events_by_customer) — reads no code above SQLite can avoid. (The first import's duplicate
// checks read a row only when the run's own table of its events matches: none here.)
// Prints JSON {rows, customers, first: {writes, withLookups}, again: {writes, withLookups}}, each
// {statementsMs, commitMs}; with --writes-only the lookups are not measured (withLookups: null).
// Usage: node --expose-gc realistic-floor.mjs <file.csv> <engine.js> [--writes-only]
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';

const [file, engine] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const writesOnly = process.argv.includes('--writes-only');
const { openWorkspace } = await import(pathToFileURL(engine).href);
const BATCH = 500;
const ID_COLUMNS = new Set(['customer_id', 'email', 'created_at']);

const { data } = Papa.parse(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
const runId = randomUUID();
const now = new Date().toISOString();
const nowUs = Date.now() * 1000;
const untilUs = (Date.now() + 90 * 86_400_000) * 1000;
const laterUs = (Date.now() + 91 * 86_400_000) * 1000;

// Customers get IDs in the order they first appear, as the resolver creates them.
const customerOf = new Map();
const events = data.map((row) => {
  // Stored as the workspace does: the values in the order of their names, sorted.
  const attributes = Object.keys(row)
    .filter((name) => !ID_COLUMNS.has(name))
    .sort()
    .map((name) => row[name]);
  let customerId = customerOf.get(row.customer_id);
  const created = customerId === undefined;
  if (created) customerOf.set(row.customer_id, (customerId = customerOf.size + 1));
  return {
    customerId,
    created,
    registered: row.customer_id,
    email: row.email,
    micros: Date.parse(row.created_at) * 1000,
    attributes: JSON.stringify(attributes),
  };
});

const insert = (db, table, columns, rows) =>
  db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows)
      .fill(`(${columns.map(() => '?').join(', ')})`)
      .join(', ')}`,
  );
/** One multi-row INSERT per batch, prepared once per row count. */
function writer(db, table, columns) {
  const prepared = new Map();
  return (values) => {
    const rows = values.length / columns.length;
    if (rows === 0) return;
    let statement = prepared.get(rows);
    if (!statement) prepared.set(rows, (statement = insert(db, table, columns, rows)));
    statement.run(values);
  };
}

/**
 * A connection to a workspace's data database with the run writer's pragmas: no checkpoint in the
 * COMMIT (it follows the run, off its clock), no foreign-key checks (the run guarantees them).
 */
function writerOf(dir) {
  const db = new BetterSqlite3(join(dir, 'workspace.sqlite'), { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -32768');
  return db;
}

/** Times `work` in one IMMEDIATE transaction: its statements, then the COMMIT. */
function timed(db, work) {
  globalThis.gc?.();
  db.exec('BEGIN IMMEDIATE');
  const started = performance.now();
  work();
  const written = performance.now();
  db.exec('COMMIT');
  return { statementsMs: written - started, commitMs: performance.now() - written };
}

/** Point lookups of both IDs of each row, and of a stored event for customers the row did not create. */
function lookups(db, typesId) {
  const owner = db.prepare('SELECT customer_id FROM customer_ids WHERE id_type = ? AND value = ?').pluck();
  const stored = db
    .prepare(
      `SELECT id FROM events
       WHERE customer_id = ? AND timestamp_us = ? AND event_type = ? AND types_id = ? AND attributes = ?
         AND dedup_until_us > ?
       LIMIT 1`,
    )
    .pluck();
  return (event, isNew) => {
    owner.get('registered', event.registered);
    owner.get('email_id', event.email);
    if (!isNew) stored.get(event.customerId, event.micros, 'purchase', typesId, event.attributes, nowUs);
  };
}

/** The first import into an empty workspace; keeps the workspace when `keep` (the base of 'again'). */
function first(scratch, withLookups, keep) {
  const dir = mkdtempSync(join(scratch, 'first-'));
  openWorkspace(dir).close();
  const db = writerOf(dir);
  try {
    db.pragma('cache_size = -16384');
    const typesId = db
      .prepare("INSERT INTO event_attribute_types (types) VALUES ('[]') RETURNING id")
      .pluck()
      .get();
    const indexSql = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_by_customer'")
      .pluck()
      .get();
    const customers = writer(db, 'customers', ['id', 'created_at', 'updated_at']);
    const ids = writer(db, 'customer_ids', ['id_type', 'value', 'customer_id', 'linked_us']);
    const rows = writer(db, 'events', [
      'customer_id',
      'event_type',
      'timestamp_us',
      'attributes',
      'types_id',
      'run_number',
      'dedup_until_us',
    ]);
    const batches = [];
    for (let start = 0; start < events.length; start += BATCH) {
      const slice = events.slice(start, start + BATCH);
      const created = slice.filter((e) => e.created);
      batches.push({
        slice,
        customers: created.flatMap((e) => [e.customerId, now, now]),
        ids: created.flatMap((e) => [
          'registered',
          e.registered,
          e.customerId,
          nowUs + 2 * e.customerId,
          'email_id',
          e.email,
          e.customerId,
          nowUs + 2 * e.customerId + 1,
        ]),
        events: slice.flatMap((e) => [
          e.customerId,
          'purchase',
          e.micros,
          e.attributes,
          typesId,
          1, // the run's row in event_runs
          untilUs,
        ]),
      });
    }
    const look = withLookups ? lookups(db, typesId) : null;
    const result = timed(db, () => {
      db.prepare('INSERT INTO event_runs (number, run_id, processed_us) VALUES (1, ?, ?)').run(runId, nowUs);
      db.exec('DROP INDEX events_by_customer');
      for (const batch of batches) {
        if (look) for (const event of batch.slice) look(event, true);
        customers(batch.customers);
        ids(batch.ids);
        rows(batch.events);
      }
      db.pragma('cache_size = -8192'); // as the run builds it
      db.exec(indexSql);
    });
    return { result, dir };
  } finally {
    db.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** The same rows again, into a copy of the workspace that holds them: every event a duplicate. */
function again(scratch, base, withLookups) {
  const dir = mkdtempSync(join(scratch, 'again-'));
  copyFileSync(join(base, 'workspace.sqlite'), join(dir, 'workspace.sqlite'));
  copyFileSync(join(base, 'control.sqlite'), join(dir, 'control.sqlite'));
  const db = writerOf(dir);
  try {
    const extend = db.prepare(
      'UPDATE events SET dedup_until_us = ? WHERE id IN (SELECT j.value FROM json_each(?) j)',
    );
    // The first import inserted the events in file order: row i is event i + 1.
    const batches = [];
    for (let start = 0; start < events.length; start += BATCH) {
      const ids = [];
      for (let i = start; i < Math.min(start + BATCH, events.length); i++) ids.push(i + 1);
      batches.push({ slice: events.slice(start, start + BATCH), ids: JSON.stringify(ids) });
    }
    // The first import's only types row.
    const typesId = db.prepare('SELECT MIN(id) FROM event_attribute_types').pluck().get();
    const look = withLookups ? lookups(db, typesId) : null;
    return timed(db, () => {
      for (const batch of batches) {
        if (look) for (const event of batch.slice) look(event, false);
        extend.run(laterUs, batch.ids);
      }
    });
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Each measured twice, the faster kept: the first write of a process's life came out up to 1.5 s
// slower than the same write later (see sqlite-floor.mjs).
const faster = (a, b) => (a.statementsMs <= b.statementsMs ? a : b);
const scratch = mkdtempSync(join(tmpdir(), 'intake-bench-realistic-floor-'));
try {
  const kept = first(scratch, false, true);
  const firstWrites = faster(kept.result, first(scratch, false, false).result);
  const firstLookups = writesOnly
    ? null
    : faster(first(scratch, true, false).result, first(scratch, true, false).result);
  const againWrites = faster(again(scratch, kept.dir, false), again(scratch, kept.dir, false));
  const againLookups = writesOnly
    ? null
    : faster(again(scratch, kept.dir, true), again(scratch, kept.dir, true));
  process.stdout.write(
    JSON.stringify({
      rows: events.length,
      customers: customerOf.size,
      first: { writes: firstWrites, withLookups: firstLookups },
      again: { writes: againWrites, withLookups: againLookups },
    }) + '\n',
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
