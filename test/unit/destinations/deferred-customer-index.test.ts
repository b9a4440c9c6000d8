import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import type { KeyOrderLimits } from '../../../src-main/services/destinations/workspace/key-ordered-links';
import { RunOwnEvents } from '../../../src-main/services/destinations/workspace/run-own-events';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';
import { counts, recordsOf, snapshot, T0, useWorkspace, NO_IMPORT } from './support';
import { seededRandom as random } from '../../support/seeded-random';

// A large events run into a workspace with no events drops events_by_customer and builds it once at
// its end (issue 18, item 3); its duplicate checks then find the run's own earlier events without
// the index. The outcome must be exactly what the indexed path writes.

const mapping = mappingOf(
  'events',
  [idCol('registered'), roleCol('ts', 'timestamp'), col('price', { type: 'number' }), col('code')],
  { eventType: 'purchase' },
);

/**
 * Rows of a few customers in random order, few timestamps and values, so the same customer often
 * has several events at one microsecond that differ only in a value, and many rows repeat an
 * earlier batch's row exactly.
 */
function batchesOf(seed: number, batches: number, size: number): string[][][] {
  const next = random(seed);
  const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: batches }, () =>
    Array.from({ length: size }, () => [
      `u${Math.floor(next() * 40)}`,
      pick(['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.000001Z', '2024-03-02T00:00:00Z']),
      pick(['1', '2', '2.5']),
      pick(['A', 'B', '']),
    ]),
  );
}

const indexSql = (db: Database) =>
  db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_by_customer'")
    .pluck()
    .get();

const TABLES = ['customers', 'customer_ids', 'events', 'event_attribute_types', 'event_type_spans'];

/**
 * Runs the batches through one applier in one transaction, as a run does; the counts summed.
 * `linksInKeyOrder`: new customer IDs waiting to be written sorted (a large run's other deferral).
 */
function run(
  db: Database,
  batches: string[][][],
  deferCustomerIndex: boolean,
  during?: () => void,
  linksInKeyOrder?: KeyOrderLimits,
) {
  const total = counts(0, 0, 0);
  db.transaction(() => {
    const applier = new EventsApplier(db, mapping, NO_IMPORT, {
      ...(deferCustomerIndex ? { deferCustomerIndex: { rows: 10 } } : {}),
      ...(linksInKeyOrder ? { linksInKeyOrder } : {}),
    });
    for (const batch of batches) {
      const applied = applier.apply(recordsOf(mapping, batch), T0);
      total.imported += applied.imported;
      total.deduplicated += applied.deduplicated;
      during?.();
      // As a writer waiting for its next batch: a few of the links that wait are written.
      applier.useIdleTime();
    }
    applier.finish();
  })();
  return total;
}

describe('events_by_customer built at the end of a run into an empty events table', () => {
  const open = useWorkspace();

  it.each([
    [1, 0],
    [2, 0],
    [3, 0],
    [1, 16],
    [2, 16],
  ])(
    'writes exactly what the indexed path writes (seed %i, sets of %i links waiting for key order)',
    (seed, links) => {
      const batches = batchesOf(seed, 6, 120);
      const indexed = open();
      const deferred = open();
      const original = indexSql(indexed);
      const expected = run(indexed, batches, false);
      // The data must exercise both: duplicates across batches, and events apart only by a value.
      expect(expected.deduplicated).toBeGreaterThan(100);
      expect(expected.imported).toBeGreaterThan(100);
      let droppedDuring = false;
      const actual = run(
        deferred,
        batches,
        true,
        () => (droppedDuring ||= indexSql(deferred) === undefined),
        links > 0 ? { setSize: links, maxHeld: 3 * links } : undefined,
      );
      expect(droppedDuring).toBe(true);
      expect(actual).toEqual(expected);
      expect(snapshot(deferred, TABLES)).toEqual(snapshot(indexed, TABLES));
      // Rebuilt as it was declared, and sound.
      expect(indexSql(deferred)).toBe(original);
      expect(deferred.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    },
  );

  it('keeps the index when events are stored already (the checks need it), and finds those too', () => {
    const db = open();
    const [first, second] = batchesOf(7, 2, 150);
    run(db, [first!], true);
    let droppedDuring = false;
    const again = run(db, [first!, second!], true, () => (droppedDuring ||= indexSql(db) === undefined));
    expect(droppedDuring).toBe(false);
    expect(again.imported + again.deduplicated).toBe(300);
    expect(again.deduplicated).toBeGreaterThanOrEqual(150); // all of the first batch, at least
  });

  it('leaves the index in place when the run fails: the drop rolls back with its rows', () => {
    const db = open();
    const original = indexSql(db);
    expect(() =>
      run(db, batchesOf(4, 2, 50), true, () => {
        throw new Error('the run failed');
      }),
    ).toThrow('the run failed');
    expect(indexSql(db)).toBe(original);
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(0);
  });

  it('refuses to commit when an event was written behind its back (its rowids no longer count its inserts)', () => {
    const db = open();
    expect(() =>
      run(db, batchesOf(5, 2, 50), true, () => {
        db.prepare(
          `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, types_id, run_number, dedup_until_us)
           SELECT customer_id, 'other', 0, '[]', types_id, run_number, 0 FROM events LIMIT 1`,
        ).run();
      }),
    ).toThrow(/numbered up to \d+, not \d+/);
    expect(indexSql(db)).toBeDefined();
  });
});

describe('RunOwnEvents', () => {
  const open = useWorkspace();

  it('finds every one of 100,000 events it was told of, and nothing else', () => {
    const db = open();
    db.prepare(
      "INSERT INTO customers (id, created_at, updated_at) VALUES (1, 't', 't'), (2, 't', 't')",
    ).run();
    db.prepare("INSERT INTO event_attribute_types (id, types) VALUES (1, '[]')").run();
    db.prepare('INSERT INTO event_runs (number, run_id, processed_us) VALUES (1, NULL, 0)').run();
    const EVENTS = 100_000;
    const own = new RunOwnEvents(db, EVENTS);
    const insert = db.prepare(
      `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, types_id, run_number, dedup_until_us)
       VALUES (?, 'purchase', ?, ?, 1, 1, 0)`,
    );
    const customerOf = (i: number) => 1 + (i % 2);
    const microsOf = (i: number) => 1_700_000_000_000_000 + Math.floor(i / 3); // three events per microsecond
    db.transaction(() => {
      for (let i = 0; i < EVENTS; i++) {
        insert.run(customerOf(i), microsOf(i), `{"n":${i}}`);
        own.add(customerOf(i), microsOf(i));
      }
    })();
    own.assertNumbered();
    const event = (i: number, values = `{"n":${i}}`) => ({
      customerId: customerOf(i),
      micros: microsOf(i),
      eventType: 'purchase',
      typesId: 1,
      values,
    });
    for (const i of [0, 1, 2, 3, 65_535, 65_536, 99_999]) expect(own.has(event(i)), `event ${i}`).toBe(true);
    // Same customer and microsecond, other attributes; another customer; another type.
    expect(own.has(event(3, '{"n":-1}'))).toBe(false);
    expect(own.has({ ...event(4), customerId: 3 })).toBe(false);
    expect(own.has({ ...event(5), eventType: 'view' })).toBe(false);
    expect(own.has({ ...event(6), micros: microsOf(6) + 1_000_000 })).toBe(false);
  });

  it('refuses more events than the run has rows, rather than fill its table', () => {
    const own = new RunOwnEvents(open(), 5_000);
    for (let i = 0; i < 5_000; i++) own.add(1, i);
    expect(() => own.add(1, 5_000)).toThrow('The run inserted more events (5001) than it has rows (5000).');
  });
});
