// The floor SQLite sets for the import of the 1,000,000-row file as events: the rows that import
// must write, written with nothing else to do (no reading, parsing, mapping, hashing or lookups;
// every value prepared in memory first, untimed), in 500-row multi-row INSERTs, the fastest form
// measured, on a real workspace (its migrations, indexes and foreign keys) with the run writer's
// pragmas, and events_by_customer dropped and built at the end as a run into a workspace with no
// events does. Prints JSON {eventsOnly, allWrites}, each {statementsMs, commitMs}, the faster of two:
//   eventsOnly: the event rows alone (customers assumed);
//   allWrites:  what 1M events of 1M new customers write: customers, their IDs, the events.
// Usage: node --expose-gc sqlite-floor.mjs <file.csv> <engine.js>
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';

const [file, engine] = process.argv.slice(2);
const { openWorkspace } = await import(pathToFileURL(engine).href);
const BATCH = 500;

const { data } = Papa.parse(readFileSync(file, 'utf8'), {
  header: true,
  skipEmptyLines: true,
  dynamicTyping: true,
});
const runId = randomUUID();
const now = new Date().toISOString();
const nowUs = Date.now() * 1000;
const untilUs = (Date.now() + 90 * 86_400_000) * 1000;
const events = data.map((row, index) => {
  const { email, created_at: createdAt, ...attributes } = row;
  // Stored as the workspace does: the values in the order of their names, sorted.
  const sorted = Object.entries(attributes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, value]) => value);
  return {
    customerId: index + 1,
    email: String(email),
    micros: Date.parse(createdAt) * 1000,
    attributes: JSON.stringify(sorted),
  };
});

function measure(writeCustomers) {
  const dir = mkdtempSync(join(tmpdir(), 'intake-bench-floor-'));
  const workspace = openWorkspace(dir);
  const db = workspace.db;
  try {
    // The run writer's pragmas: no checkpoint in the COMMIT (it follows the run, off its clock) and
    // no foreign-key checks (the run guarantees its references; issue 18); the page cache of a run
    // that builds events_by_customer at its end.
    db.pragma('cache_size = -16384');
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('foreign_keys = OFF');
    const typesId = db
      .prepare("INSERT INTO event_attribute_types (types) VALUES ('[]') RETURNING id")
      .pluck()
      .get();
    const insert = (table, columns) =>
      db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(BATCH)
          .fill(`(${columns.map(() => '?').join(', ')})`)
          .join(', ')}`,
      );
    const customers = insert('customers', ['id', 'created_at', 'updated_at']);
    const ids = insert('customer_ids', ['id_type', 'value', 'customer_id', 'linked_us']);
    const rows = insert('events', [
      'customer_id',
      'event_type',
      'timestamp_us',
      'attributes',
      'types_id',
      'run_number',
      'dedup_until_us',
    ]);
    // Every statement's values, built before the clock starts.
    const batches = [];
    for (let start = 0; start + BATCH <= events.length; start += BATCH) {
      const slice = events.slice(start, start + BATCH);
      batches.push({
        customers: slice.flatMap((e) => [e.customerId, now, now]),
        ids: slice.flatMap((e) => ['email_id', e.email, e.customerId, e.customerId]),
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
    // Building the values left a heap of GBs: collect it now, not while the clock runs (run with
    // --expose-gc; without it the first measurement came out 2 s slower than the same one later).
    globalThis.gc?.();
    const indexSql = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_by_customer'")
      .pluck()
      .get();
    db.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    db.prepare('INSERT INTO event_runs (number, run_id, processed_us) VALUES (1, ?, ?)').run(runId, nowUs);
    db.exec('DROP INDEX events_by_customer');
    for (const batch of batches) {
      if (writeCustomers) {
        customers.run(batch.customers);
        ids.run(batch.ids);
      }
      rows.run(batch.events);
    }
    db.pragma('cache_size = -8192');
    db.exec(indexSql);
    const written = performance.now();
    db.exec('COMMIT');
    return { statementsMs: written - started, commitMs: performance.now() - written };
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Each measured twice, the faster kept: the first write of a process's life came out up to 1.5 s
// slower than the same write later, even after a collection.
const best = (writeCustomers) => {
  const [a, b] = [measure(writeCustomers), measure(writeCustomers)];
  return a.statementsMs <= b.statementsMs ? a : b;
};
process.stdout.write(
  JSON.stringify({ rows: events.length, eventsOnly: best(false), allWrites: best(true) }) + '\n',
);
