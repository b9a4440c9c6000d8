import { afterEach, expect, it } from 'vitest';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import { migrate } from '../../../src-main/services/workspace/migrate';
import { migrations } from '../../../src-main/services/workspace/migrations';
import { openWorkspace } from '../../../src-main/services/workspace/workspace';
import { applyIn, counts, DAY, isoDay, NO_IMPORT, recordsOf, T0 } from '../destinations/support';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';
import { isoOfMicros } from '../../support/iso-of-micros';
import { workspaceAtVersion } from './workspace-at-version';

// Migration 19 drops events.dedup_key: duplicates are found by comparing the stored texts. A
// workspace of schema 18 must come out with every event as it was, minus the key, and its live
// memories must still deduplicate the same events sent again.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const MARCH_1_10H_US = Date.UTC(2024, 2, 1, 10) * 1000;
const EVENT_COLUMNS =
  'id, customer_id, event_type, timestamp_us, attributes, types_id, run_id, processed_at, dedup_until';

it('drops the dedup key, keeps every event, and still deduplicates by the stored texts', () => {
  const { dir, db, remove } = workspaceAtVersion(18);
  cleanups.push(remove);
  db.prepare("INSERT INTO customers (id, created_at, updated_at) VALUES (1, 't', 't')").run();
  db.prepare("INSERT INTO customer_ids (id_type, value, customer_id) VALUES ('registered', 'u1', 1)").run();
  db.prepare(
    `INSERT INTO event_attribute_types (id, types) VALUES (1, '{"code":"text","price":"number"}')`,
  ).run();
  const insert = db.prepare(
    `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, types_id, run_id, processed_at, dedup_key, dedup_until)
     VALUES (1, 'purchase', ?, ?, 1, 'run-1', ?, ?, ?)`,
  );
  // Live memory; another microsecond; a memory that ran out.
  insert.run(MARCH_1_10H_US, '{"code":"A","price":12}', isoDay(0), 123_456_789, isoDay(90));
  insert.run(MARCH_1_10H_US + 1, '{"code":"A","price":12}', isoDay(0), 987_654_321, isoDay(90));
  insert.run(MARCH_1_10H_US + 2, '{"code":"B","price":3}', isoDay(-100), 555, isoDay(-10));
  const before = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`).all();
  expect(migrations[18]!.version).toBe(19);
  migrate(db, migrations.slice(0, 19));
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all();
  expect(columns).not.toContain('dedup_key');
  expect(db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`).all()).toEqual(before);
  expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  db.close();

  // On to today's schema (migration 20 has its own test): the memories still deduplicate.
  const workspace = openWorkspace(dir);
  cleanups.push(() => workspace.close());
  expect(workspace.schemaVersion()).toBe(migrations.length);

  const mapping = mappingOf(
    'events',
    [idCol('registered'), roleCol('ts', 'timestamp'), col('price', { type: 'number' }), col('code')],
    { eventType: 'purchase' },
  );
  const applier = new EventsApplier(workspace.db, mapping, NO_IMPORT);
  expect(
    applyIn(
      workspace.db,
      applier,
      recordsOf(mapping, [
        ['u1', '2024-03-01T10:00:00Z', '12', 'A'], // event 1: remembered
        ['u1', '2024-03-01T10:00:00Z', '12', 'B'], // same microsecond, other attributes: new
        ['u1', '2024-03-01T10:00:00.000002Z', '3', 'B'], // event 3: its memory ran out, new
      ]),
      T0 + DAY,
    ),
  ).toEqual(counts(2, 0, 1));
  const memories = workspace.db.prepare(
    `SELECT id, ${isoOfMicros('dedup_until_us')} AS dedup_until
     FROM events WHERE id <= 3 ORDER BY id`,
  );
  expect(memories.all()).toEqual([
    { id: 1, dedup_until: isoDay(91) }, // extended by the duplicate
    { id: 2, dedup_until: isoDay(90) },
    { id: 3, dedup_until: isoDay(-10) },
  ]);
});
