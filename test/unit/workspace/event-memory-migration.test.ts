import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attributesText,
  eventDedupKey,
} from '../../../src-main/services/destinations/workspace/event-dedup-key';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import { migrate, schemaVersion } from '../../../src-main/services/workspace/migrate';
import { migrations } from '../../../src-main/services/workspace/migrations';
import { DATABASE_FILE, openWorkspace, type Workspace } from '../../../src-main/services/workspace/workspace';
import {
  MARCH_1_10H_US,
  VIEW,
  VIEW_TYPES,
  OLD_EVENTS,
  VIEW_TEXT,
  MIGRATED_TEXT,
  TODAYS_TEXT,
  writeOldWorkspace,
} from './schema6-events';
import { applyIn, counts, DAY, NO_IMPORT, recordsOf } from '../destinations/support';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';
import { isoOfMicros } from '../../support/iso-of-micros';
import { makeTempDir } from '../../support/temp-dir';

// Migration 7 moves the dedup memory from event_dedup onto the events, stores attributes and their
// types with the names sorted (the types once, in event_attribute_types) and keeps first and last
// timestamps per type in event_type_spans. A workspace of schema 6 must come out of it with the
// same events and with the memory it had: what it remembered is still remembered, under the key
// new runs compute, so sending the same events again after the upgrade deduplicates them.

/** A workspace folder whose database an Intake of schema version 6 wrote. */
function workspaceAtVersion6(): { dir: string; db: Database } {
  const temp = makeTempDir('intake-migration-7-');
  cleanups.push(temp.remove);
  const db = new BetterSqlite3(join(temp.dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 6));
  expect(schemaVersion(db)).toBe(6);
  return { dir: temp.dir, db };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function open(dir: string): Workspace {
  const workspace = openWorkspace(dir);
  cleanups.push(() => workspace.close());
  return workspace;
}

/**
 * A version-6 workspace with OLD_EVENTS, opened (and so migrated) by the current Intake; or, with
 * `through`, migrated only that far (migration 19 dropped the key migration 7 computed; migration
 * 20 rewrote the texts it sorted: its own test follows them from schema 19).
 */
function migratedWorkspace(through?: number): Pick<Workspace, 'db'> {
  const old = workspaceAtVersion6();
  writeOldWorkspace(old.db);
  // The old texts really are unsorted, and the old memories hold what the test expects.
  expect(old.db.prepare('SELECT attributes, attribute_types FROM events WHERE id = 1').get()).toEqual({
    attributes: '{"price":12,"code":"A"}',
    attribute_types: '{"price":"number","code":"text"}',
  });
  expect(old.db.prepare('SELECT COUNT(*) FROM event_dedup').pluck().get()).toBe(4);
  if (through !== undefined) {
    cleanups.push(() => old.db.close());
    migrate(old.db, migrations.slice(0, through));
    expect(schemaVersion(old.db)).toBe(through);
    return { db: old.db };
  }
  old.db.close();
  const workspace = open(old.dir);
  expect(workspace.schemaVersion()).toBe(migrations.length);
  expect(migrations[6]!.version).toBe(7);
  return workspace;
}

interface NewEvent {
  id: number;
  customer_id: number;
  event_type: string;
  timestamp_us: string;
  attributes: string;
  types: string;
  types_id: number;
  run_id: string | null;
  processed_at: string;
  dedup_until: string;
}

/** Events as schemas 7–19 store them. */
function eventsOf(db: Database): NewEvent[] {
  return db
    .prepare(
      `SELECT e.id, e.customer_id, e.event_type, CAST(e.timestamp_us AS TEXT) AS timestamp_us, e.attributes,
              t.types, e.types_id, e.run_id, e.processed_at, e.dedup_until
       FROM events e LEFT JOIN event_attribute_types t ON t.id = e.types_id ORDER BY e.id`,
    )
    .all() as NewEvent[];
}

/** Events as today's schema stores them, in the same shape (the times as ISO text again). */
function todaysEventsOf(db: Database): NewEvent[] {
  return db
    .prepare(
      `SELECT e.id, e.customer_id, e.event_type, CAST(e.timestamp_us AS TEXT) AS timestamp_us, e.attributes,
              t.types, e.types_id, r.run_id, ${isoOfMicros('r.processed_us')} AS processed_at,
              ${isoOfMicros('e.dedup_until_us')} AS dedup_until
       FROM events e LEFT JOIN event_attribute_types t ON t.id = e.types_id
       LEFT JOIN event_runs r ON r.number = e.run_number ORDER BY e.id`,
    )
    .all() as NewEvent[];
}

describe('migration 7: event memory on events', () => {
  it('keeps every event, its customer, timestamp, run and processing time, and re-sorts its attributes', () => {
    const { db } = migratedWorkspace(19);
    expect(
      eventsOf(db).map(
        ({ id, customer_id, event_type, timestamp_us, attributes, types, run_id, processed_at }) => ({
          id,
          customer_id,
          event_type,
          timestamp_us,
          attributes,
          types,
          run_id,
          processed_at,
        }),
      ),
    ).toEqual(
      OLD_EVENTS.map((event) => ({
        id: event.id,
        customer_id: event.customerId,
        event_type: event.eventType,
        timestamp_us: String(event.timestampUs),
        attributes: MIGRATED_TEXT[event.id]!.values,
        types: MIGRATED_TEXT[event.id]!.types,
        run_id: event.runId,
        processed_at: event.processedAt,
      })),
    );
  });

  it('stores each distinct types text once, shared by the events that have it', () => {
    const { db } = migratedWorkspace(19);
    expect(db.prepare('SELECT types FROM event_attribute_types ORDER BY types').pluck().all()).toEqual([
      '{"code":"text","price":"number"}',
      '{"day":"date","meta":"json","note":"text","when":"datetime"}',
      '{}',
    ]);
    const ids = new Map(eventsOf(db).map((event) => [event.id, event.types_id]));
    expect(new Set([ids.get(1), ids.get(2), ids.get(4), ids.get(5)]).size).toBe(1);
    expect(new Set(ids.values()).size).toBe(3);
    expect(() => db.prepare('INSERT INTO event_attribute_types (types) VALUES (?)').run('{}')).toThrow(
      /UNIQUE/,
    );
  });

  it('keys each event as runs of schema 7–18 did, and keeps the memory the old table held for it', () => {
    const { db } = migratedWorkspace(7);
    const events = eventsOf(db).map((event) => ({
      ...event,
      dedup_key: db.prepare('SELECT dedup_key FROM events WHERE id = ?').pluck().get(event.id) as number,
    }));
    for (const event of events) {
      const old = OLD_EVENTS.find((candidate) => candidate.id === event.id)!;
      const text = MIGRATED_TEXT[event.id]!;
      expect(event.dedup_key, `event ${event.id}`).toBe(eventDedupKey(old.eventType, old.iso, text));
      expect(Number.isSafeInteger(event.dedup_key) && event.dedup_key >= 0, `event ${event.id}`).toBe(true);
    }
    // The texts the key hashes are the ones attributesText builds from the sorted attributes.
    const sortedView = Object.keys(VIEW_TYPES)
      .sort()
      .map((name) => ({ name, type: VIEW_TYPES[name]!, value: VIEW[name]! }));
    expect(attributesText(sortedView)).toEqual(VIEW_TEXT);
    // Equal events share a key whoever the customer; different ones do not.
    const key = new Map(events.map((event) => [event.id, event.dedup_key]));
    expect(key.get(2)).toBe(key.get(1));
    expect(key.get(5)).toBe(key.get(1));
    expect(new Set(key.values()).size).toBe(4);

    // The old memory by customer and old key; none left: it ran out when the event was processed.
    expect(events.map((event) => [event.id, event.dedup_until])).toEqual([
      [1, '2026-04-10T08:00:00.000Z'],
      [2, '2025-09-01T08:00:00.000Z'],
      [3, '2026-04-12T00:00:00.000Z'],
      [4, '2026-05-01T00:00:00.000Z'],
      [5, '2026-04-10T08:00:00.000Z'],
      [6, '2026-01-12T00:00:00.000Z'],
    ]);
  });

  it('drops event_dedup and builds the new tables and indexes', () => {
    const { db } = migratedWorkspace(7);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'event%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['event_attribute_types', 'event_type_spans', 'events']);
    expect(db.prepare("SELECT name FROM pragma_table_info('events') ORDER BY cid").pluck().all()).toEqual([
      'id',
      'customer_id',
      'event_type',
      'timestamp_us',
      'attributes',
      'types_id',
      'run_id',
      'processed_at',
      'dedup_key',
      'dedup_until',
    ]);
    const strict = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE name IN ('events', 'event_attribute_types', 'event_type_spans') ORDER BY name",
      )
      .all();
    expect(strict).toEqual([
      { name: 'event_attribute_types', strict: 1 },
      { name: 'event_type_spans', strict: 1 },
      { name: 'events', strict: 1 },
    ]);
    const indexColumns = (index: string) =>
      db.prepare('SELECT cid, name FROM pragma_index_info(?) ORDER BY seqno').all(index);
    expect(db.prepare("SELECT name FROM pragma_index_list('events') ORDER BY name").pluck().all()).toEqual([
      'events_by_customer',
      'events_by_type',
    ]);
    expect(indexColumns('events_by_customer')).toEqual([
      { cid: 1, name: 'customer_id' },
      { cid: 3, name: 'timestamp_us' },
    ]);
    expect(indexColumns('events_by_type')).toEqual([
      { cid: 2, name: 'event_type' },
      // The rowid alias: events_by_type indexes arrival.
      { cid: 0, name: 'id' },
    ]);
    // Events still go with their customer.
    db.prepare('DELETE FROM customers WHERE id = 2').run();
    expect(eventsOf(db).map((event) => event.id)).toEqual([1, 3, 5]);
  });

  it('records the first and last timestamp of each event type', () => {
    const { db } = migratedWorkspace(19);
    expect(
      db
        .prepare(
          'SELECT event_type, CAST(first_us AS TEXT) AS first, CAST(last_us AS TEXT) AS last FROM event_type_spans ORDER BY event_type',
        )
        .all(),
    ).toEqual([
      {
        event_type: 'purchase',
        first: String(MARCH_1_10H_US),
        last: String(MARCH_1_10H_US + 14n * 3_600_000_000n),
      },
      { event_type: 'view', first: String(MARCH_1_10H_US + 123_456n), last: '253402300799999999' },
    ]);
  });

  it('deduplicates the same events sent again after upgrading to today, while their memory lasts', () => {
    const { db } = migratedWorkspace();
    const at = Date.UTC(2026, 1, 1); // after events 2 and 6 ran out, before the others do
    const renewed = new Date(at + 90 * DAY).toISOString();
    // Columns in another order than the names sort: the applier sorts them as the migration did.
    const purchases = mappingOf(
      'events',
      [idCol('registered'), roleCol('ts', 'timestamp'), col('price', { type: 'number' }), col('code')],
      { eventType: 'purchase' },
    );
    expect(
      applyIn(
        db,
        new EventsApplier(db, purchases, NO_IMPORT),
        recordsOf(purchases, [
          ['u1', '2024-03-01T10:00:00Z', '12', 'A'], // events 1 and 5: remembered
          ['u2', '2024-03-01T10:00:00Z', '12', 'A'], // event 2: its memory ran out, imported again
          ['u2', '2024-03-02T00:00:00Z', '3', 'B'], // event 4: remembered
        ]),
        at,
      ),
    ).toEqual(counts(1, 0, 2));

    const views = mappingOf(
      'events',
      [
        idCol('registered'),
        roleCol('ts', 'timestamp'),
        col('when', { type: 'datetime' }),
        col('meta', { type: 'json' }),
        col('note'),
        col('day', { type: 'date' }),
      ],
      { eventType: 'view' },
    );
    expect(
      applyIn(
        db,
        new EventsApplier(db, views, NO_IMPORT),
        recordsOf(views, [
          // Event 3, its JSON keys in yet another order.
          [
            'u1',
            '2024-03-01T10:00:00.123456Z',
            '2024-03-01T10:00:00Z',
            '{"a":{"d":[1,{"b":3,"c":2}]},"z":1}',
            '',
            '2024-03-01',
          ],
          // Another microsecond: another event.
          [
            'u1',
            '2024-03-01T10:00:00.123457Z',
            '2024-03-01T10:00:00Z',
            '{"a":{"d":[1,{"b":3,"c":2}]},"z":1}',
            '',
            '2024-03-01',
          ],
        ]),
        at,
      ),
    ).toEqual(counts(1, 0, 1));

    const events = todaysEventsOf(db);
    expect(events).toHaveLength(8);
    const byId = new Map(events.map((event) => [event.id, event]));
    // The duplicate found extends its memory: one of events 1 and 5 (the same event, remembered twice).
    expect([byId.get(1)!.dedup_until, byId.get(5)!.dedup_until].sort()).toEqual([
      '2026-04-10T08:00:00.000Z',
      renewed,
    ]);
    expect(byId.get(3)!.dedup_until).toBe(renewed);
    expect(byId.get(4)!.dedup_until).toBe(renewed);
    expect(byId.get(2)!.dedup_until).toBe('2025-09-01T08:00:00.000Z');
    // The new rows: event 2 again, with its own memory, sharing the types row.
    const [again, later] = events.slice(6);
    expect(again).toMatchObject({
      id: 7,
      customer_id: 2,
      attributes: TODAYS_TEXT.purchase,
      types_id: byId.get(2)!.types_id,
      dedup_until: renewed,
    });
    expect(later).toMatchObject({
      id: 8,
      customer_id: 1,
      timestamp_us: String(MARCH_1_10H_US + 123_457n),
      attributes: TODAYS_TEXT.view,
      types_id: byId.get(3)!.types_id,
    });
    expect(db.prepare('SELECT COUNT(*) FROM event_attribute_types').pluck().get()).toBe(3);
  });
});
