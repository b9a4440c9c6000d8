import { afterEach, describe, expect, it } from 'vitest';
import { listEventsOfType } from '../../../src-main/services/browse/events-query';
import { EventsApplier } from '../../../src-main/services/destinations/workspace/events-applier';
import { purgeExpiredImports } from '../../../src-main/services/destinations/workspace/expire-import-data';
import { migrations } from '../../../src-main/services/workspace/migrations';
import { lighterEventsMigration } from '../../../src-main/services/workspace/migrations/020-lighter-events';
import { openWorkspace, type Workspace } from '../../../src-main/services/workspace/workspace';
import { assertSoundWorkspace } from '../../support/sound-workspace';
import { applyIn, counts, DAY, isoDay, NO_IMPORT, recordsOf, T0 } from '../destinations/support';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';
import { workspaceAtVersion } from './workspace-at-version';

// Migration 20 makes event rows lighter: attributes become an array of values in the order of
// their types set (which becomes [["name","type"],…]), the run and processing time move to
// event_runs (events name a number), dedup_until becomes epoch microseconds. A workspace of
// schema 19 must keep every event's content, and its live memories must still deduplicate the
// same events sent again: the rewritten texts must be the very texts today's runs write.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const MARCH_1_10H_US = Date.UTC(2024, 2, 1, 10) * 1000;
const at = (hours: number) => MARCH_1_10H_US + hours * 3_600_000_000;
const micros = (iso: string) => Date.parse(iso) * 1000;

/** Schema 19's texts: names sorted by code unit ("10" before "9"), JSON values canonical. */
const TYPES_19 = {
  purchase: '{"code":"text","price":"number"}',
  view: '{"10":"number","9":"text","meta":"json","note":"text"}',
  visit: '{}',
};
// A quote, non-ASCII letters and a control character, as JSON.stringify escaped them.
const ODD_TEXT = 'A "q" é ☃ \u0001';

/** A workspace of schema 19 with four events of three types, two runs (one in two batches) and none. */
function schema19Workspace(): string {
  const { dir, db, remove } = workspaceAtVersion(19);
  cleanups.push(remove);
  db.exec(`
    INSERT INTO customers VALUES (1, 't', 't'), (2, 't', 't');
    INSERT INTO customer_ids (id_type, value, customer_id) VALUES ('registered', 'u1', 1), ('registered', 'u2', 2);
  `);
  const types = db.prepare('INSERT INTO event_attribute_types (id, types) VALUES (?, ?)');
  types.run(1, TYPES_19.purchase);
  types.run(2, TYPES_19.view);
  types.run(3, TYPES_19.visit);
  const insert = db.prepare(
    `INSERT INTO events (id, customer_id, event_type, timestamp_us, attributes, types_id, run_id, processed_at, dedup_until)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fiveSeconds = (iso: string) => new Date(Date.parse(iso) + 5000).toISOString();
  insert.run(
    1,
    1,
    'purchase',
    at(0),
    `{"code":${JSON.stringify(ODD_TEXT)},"price":12.5}`,
    1,
    'run-1',
    isoDay(0),
    isoDay(90),
  );
  // The run's second batch, five seconds later.
  insert.run(
    2,
    2,
    'purchase',
    at(1),
    '{"code":"B","price":3}',
    1,
    'run-1',
    fiveSeconds(isoDay(0)),
    fiveSeconds(isoDay(90)),
  );
  insert.run(
    3,
    1,
    'view',
    at(2),
    '{"10":1,"9":"nine","meta":{"a":[1,{"b":2,"c":3}],"z":null},"note":null}',
    2,
    'run-2',
    isoDay(1),
    isoDay(91),
  );
  // No run; its memory ran out.
  insert.run(4, 2, 'visit', at(3), '{}', 3, null, isoDay(-100), isoDay(-10));
  db.close();
  return dir;
}

function openToday(dir: string): Workspace {
  const workspace = openWorkspace(dir);
  cleanups.push(() => workspace.close());
  expect(workspace.schemaVersion()).toBe(migrations.length);
  expect(migrations[19]!.version).toBe(20);
  return workspace;
}

describe('migration 20: lighter events', () => {
  it('rewrites every event with its values in the order of its types set, its run by number and its memory in µs', () => {
    const dir = schema19Workspace();
    const { db } = openToday(dir);
    expect(db.prepare("SELECT name FROM pragma_table_info('events') ORDER BY cid").pluck().all()).toEqual([
      'id',
      'customer_id',
      'event_type',
      'timestamp_us',
      'attributes',
      'types_id',
      'run_number',
      'dedup_until_us',
    ]);
    expect(db.prepare('SELECT * FROM events ORDER BY id').all()).toEqual([
      {
        id: 1,
        customer_id: 1,
        event_type: 'purchase',
        timestamp_us: at(0),
        attributes: `[${JSON.stringify(ODD_TEXT)},12.5]`,
        types_id: 1,
        run_number: 1,
        dedup_until_us: micros(isoDay(90)),
      },
      {
        id: 2,
        customer_id: 2,
        event_type: 'purchase',
        timestamp_us: at(1),
        attributes: '["B",3]',
        types_id: 1,
        run_number: 2,
        dedup_until_us: micros(isoDay(90)) + 5_000_000,
      },
      {
        id: 3,
        customer_id: 1,
        event_type: 'view',
        timestamp_us: at(2),
        attributes: '[1,"nine",{"a":[1,{"b":2,"c":3}],"z":null},null]',
        types_id: 2,
        run_number: 3,
        dedup_until_us: micros(isoDay(91)),
      },
      {
        id: 4,
        customer_id: 2,
        event_type: 'visit',
        timestamp_us: at(3),
        attributes: '[]',
        types_id: 3,
        run_number: 4,
        dedup_until_us: micros(isoDay(-10)),
      },
    ]);
    // Every batch keeps its processing time: run-1 wrote two.
    expect(db.prepare('SELECT * FROM event_runs ORDER BY number').all()).toEqual([
      { number: 1, run_id: 'run-1', processed_us: micros(isoDay(0)) },
      { number: 2, run_id: 'run-1', processed_us: micros(isoDay(0)) + 5_000_000 },
      { number: 3, run_id: 'run-2', processed_us: micros(isoDay(1)) },
      { number: 4, run_id: null, processed_us: micros(isoDay(-100)) },
    ]);
    expect(db.prepare('SELECT id, types FROM event_attribute_types ORDER BY id').all()).toEqual([
      { id: 1, types: '[["code","text"],["price","number"]]' },
      { id: 2, types: '[["10","number"],["9","text"],["meta","json"],["note","text"]]' },
      { id: 3, types: '[]' },
    ]);
    expect(db.prepare("SELECT name FROM pragma_index_list('events') ORDER BY name").pluck().all()).toEqual([
      'events_by_customer',
      'events_by_type',
    ]);
  });

  it('vacuums the pages the rewrite freed, and finds the rewrite done when run again (after a crash)', () => {
    const { db } = openToday(schema19Workspace());
    expect(db.pragma('main.freelist_count', { simple: true })).toBe(0);
    const before = db.prepare('SELECT * FROM events ORDER BY id').all();
    const runs = db.prepare('SELECT * FROM event_runs ORDER BY number').all();
    lighterEventsMigration.up(db);
    expect(db.prepare('SELECT * FROM events ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT * FROM event_runs ORDER BY number').all()).toEqual(runs);
  });

  it('reads back the same attributes by name, on the Data page and through the event_attributes view', () => {
    const { db } = openToday(schema19Workspace());
    const [view] = listEventsOfType(db, { eventType: 'view', offset: 0, limit: 10 }).items;
    expect(view).toEqual({
      id: 3,
      customerId: 1,
      eventType: 'view',
      timestamp: '2024-03-01T12:00:00.000000Z',
      attributes: { '10': 1, '9': 'nine', meta: { a: [1, { b: 2, c: 3 }], z: null }, note: null },
      attributeTypes: { '10': 'number', '9': 'text', meta: 'json', note: 'text' },
      runId: 'run-2',
      processedAt: isoDay(1),
    });
    expect(
      db.prepare('SELECT event_id, name, type, value FROM event_attributes ORDER BY event_id, name').all(),
    ).toEqual([
      { event_id: 1, name: 'code', type: 'text', value: ODD_TEXT },
      { event_id: 1, name: 'price', type: 'number', value: 12.5 },
      { event_id: 2, name: 'code', type: 'text', value: 'B' },
      { event_id: 2, name: 'price', type: 'number', value: 3 },
      { event_id: 3, name: '10', type: 'number', value: 1 },
      { event_id: 3, name: '9', type: 'text', value: 'nine' },
      { event_id: 3, name: 'meta', type: 'json', value: '{"a":[1,{"b":2,"c":3}],"z":null}' },
      { event_id: 3, name: 'note', type: 'text', value: null },
    ]);
  });

  it('deduplicates the same events sent again while their memory lasts, and imports the expired one', () => {
    const dir = schema19Workspace();
    const { db } = openToday(dir);
    const purchases = mappingOf(
      'events',
      [idCol('registered'), roleCol('ts', 'timestamp'), col('price', { type: 'number' }), col('code')],
      { eventType: 'purchase' },
    );
    const views = mappingOf(
      'events',
      [
        idCol('registered'),
        roleCol('ts', 'timestamp'),
        col('note'),
        col('meta', { type: 'json' }),
        col('9'),
        col('10', { type: 'number' }),
      ],
      { eventType: 'view' },
    );
    const visits = mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp')], {
      eventType: 'visit',
    });
    const later = T0 + DAY;
    const apply = (mapping: typeof purchases, rows: string[][]) =>
      applyIn(db, new EventsApplier(db, mapping, NO_IMPORT), recordsOf(mapping, rows), later);
    expect(
      apply(purchases, [
        ['u1', '2024-03-01T10:00:00Z', '12.5', ODD_TEXT],
        ['u2', '2024-03-01T11:00:00Z', '3', 'B'],
        ['u2', '2024-03-01T11:00:00Z', '3', 'C'], // another value: another event
      ]),
    ).toEqual(counts(1, 0, 2));
    expect(
      apply(views, [['u1', '2024-03-01T12:00:00Z', '', '{"z":null,"a":[1,{"c":3,"b":2}]}', 'nine', '1']]),
    ).toEqual(counts(0, 0, 1));
    expect(apply(visits, [['u2', '2024-03-01T13:00:00Z']])).toEqual(counts(1, 0, 0));
    // The duplicates' memories were extended; the expired visit kept its own.
    expect(db.prepare('SELECT id, dedup_until_us FROM events WHERE id <= 4 ORDER BY id').all()).toEqual([
      { id: 1, dedup_until_us: micros(isoDay(91)) },
      { id: 2, dedup_until_us: micros(isoDay(91)) },
      { id: 3, dedup_until_us: micros(isoDay(91)) },
      { id: 4, dedup_until_us: micros(isoDay(-10)) },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM event_attribute_types').pluck().get()).toBe(3);
  });

  it('expires the events of a run through its numbers, both batches of a migrated run included', () => {
    const dir = schema19Workspace();
    const workspace = openToday(dir);
    workspace.db
      .prepare("INSERT INTO expiring_imports (import_id, expires_at) VALUES ('imp-1', ?)")
      .run(isoDay(0));
    const purged = purgeExpiredImports(workspace.db, T0 + DAY, (imports) =>
      imports[0] === 'imp-1' ? ['run-1'] : [],
    );
    expect(purged.events).toBe(2);
    expect(workspace.db.prepare('SELECT id FROM events ORDER BY id').pluck().all()).toEqual([3, 4]);
    workspace.close();
    assertSoundWorkspace(dir);
  });
});
