import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ApplyContext } from '../../../src-main/services/destinations/workspace/apply-context';
import { createWorkspaceApplier } from '../../../src-main/services/destinations/workspace/create-applier';
import { expireImportData } from '../../../src-main/services/destinations/workspace/expire-import-data';
import { purgeExpired } from '../../../src-main/services/destinations/workspace/purge-expired';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { col, idCol, mappingOf, roleCol, VALID } from '../mapping/fixtures';
import {
  applyIn,
  counts,
  DAY,
  isoDay,
  NO_IMPORT,
  NOTHING_PURGED,
  recordsOf,
  snapshot,
  T0,
  useWorkspace,
} from './support';

const DATA_TABLES = [
  'customers',
  'customer_ids',
  'customer_attributes',
  'events',
  'event_attribute_types',
  'event_type_spans',
  'catalog_items',
  'identity_links',
  'group_memberships',
  'voucher_codes',
];

function addRun(db: Database, runId: string, importId: string): void {
  db.prepare(
    "INSERT INTO runs (id, import_id, import_type, status, queued_at) VALUES (?, ?, 'events', 'succeeded', 't')",
  ).run(runId, importId);
}

function importAs(db: Database, context: ApplyContext, mapping: ImportMapping, cells: string[][]) {
  return applyIn(db, createWorkspaceApplier(db, mapping, context), recordsOf(mapping, cells));
}

/** The first and last timestamp of each event type, as ISO text. */
function spansOf(db: Database): unknown[] {
  return db
    .prepare('SELECT event_type, first_us, last_us FROM event_type_spans ORDER BY event_type')
    .all()
    .map((row) => {
      const { event_type, first_us, last_us } = row as {
        event_type: string;
        first_us: number;
        last_us: number;
      };
      return [event_type, new Date(first_us / 1000).toISOString(), new Date(last_us / 1000).toISOString()];
    });
}

const nameOnly = mappingOf('customers', [idCol('registered'), col('name')]);
const A1: ApplyContext = { runId: 'run-a1', importId: 'imp-a' };
const A2: ApplyContext = { runId: 'run-a2', importId: 'imp-a' };
const B: ApplyContext = { runId: 'run-b', importId: 'imp-b' };

/**
 * Import A (two runs) and import B write overlapping data: B takes over u1's name, item sku-2,
 * the link of b@x.io, u2's membership, and sends A's code A1 again (it stays A's).
 */
function importBoth(db: Database): void {
  for (const [runId, importId] of [
    ['run-a1', 'imp-a'],
    ['run-a2', 'imp-a'],
    ['run-b', 'imp-b'],
  ] as const) {
    addRun(db, runId, importId);
  }
  importAs(db, A1, VALID.customers(), [
    ['u1', 'Ann', '30'],
    ['u2', 'Bob', '40'],
  ]);
  importAs(db, B, nameOnly, [['u1', 'Anna']]);
  importAs(db, A1, VALID.events(), [['u1', '2024-03-01T10:00:00Z', '1']]);
  importAs(db, A2, VALID.events(), [['u1', '2024-03-02T10:00:00Z', '2']]);
  importAs(db, B, VALID.events(), [['u1', '2024-03-03T10:00:00Z', '3']]);
  importAs(db, NO_IMPORT, VALID.events(), [['u1', '2024-03-04T10:00:00Z', '4']]);
  importAs(db, A1, VALID.catalog(), [
    ['sku-1', 'Shirt'],
    ['sku-2', 'Socks'],
  ]);
  importAs(db, B, VALID.catalog(), [['sku-2', 'Blue socks']]);
  importAs(db, A1, VALID.identity(), [
    ['a@x.io', 'c1'],
    ['b@x.io', 'c2'],
  ]);
  importAs(db, B, VALID.identity(), [['b@x.io', 'c2']]);
  importAs(db, A1, VALID.group(), [
    ['u1', 'g1', '2024-01-01', ''],
    ['u2', 'g1', '2024-01-01', ''],
  ]);
  importAs(db, B, VALID.group(), [['u2', 'g1', '2024-01-01', '']]);
  importAs(db, A1, VALID.vouchers(), [['A1'], ['A2']]);
  importAs(db, B, VALID.vouchers(), [['A1'], ['B1']]);
}

describe('expireImportData and purgeExpired', () => {
  const open = useWorkspace();

  it('records the expiry, 30 days by default, and moves it when called again', () => {
    const db = open();
    expect(expireImportData(db, 'imp-a', new Date(T0))).toBe(isoDay(30));
    expect(expireImportData(db, 'imp-a', new Date(T0), 5)).toBe(isoDay(5));
    expect(db.prepare('SELECT import_id, expires_at FROM expiring_imports').all()).toEqual([
      { import_id: 'imp-a', expires_at: isoDay(5) },
    ]);
    expect(() => expireImportData(db, 'imp-a', new Date(T0), -1)).toThrow(/0 or more/);
  });

  it('removes nothing before the expiry', () => {
    const db = open();
    importBoth(db);
    expireImportData(db, 'imp-a', new Date(T0 + DAY));
    const before = snapshot(db, DATA_TABLES);
    expect(purgeExpired(db, T0 + 31 * DAY - 1).importData).toEqual(NOTHING_PURGED);
    expect(snapshot(db, DATA_TABLES)).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) FROM expiring_imports').pluck().get()).toBe(1);
  });

  it("removes exactly what the import last wrote once it expires, and keeps another import's data", () => {
    const db = open();
    importBoth(db);
    // B's expiry is later: B's data must survive A's purge.
    expireImportData(db, 'imp-b', new Date(T0), 60);
    expireImportData(db, 'imp-a', new Date(T0 + DAY));
    const customers = snapshot(db, ['customers', 'customer_ids']);

    expect(purgeExpired(db, T0 + 31 * DAY).importData).toEqual({
      imports: 1,
      events: 2,
      customerAttributes: 3,
      catalogItems: 1,
      identityLinks: 1,
      groupMemberships: 1,
      voucherCodes: 2,
    });
    const left = (sql: string) => db.prepare(sql).all();
    expect(left('SELECT customer_id, name, value, import_id FROM customer_attributes')).toEqual([
      { customer_id: 1, name: 'name', value: '"Anna"', import_id: 'imp-b' },
    ]);
    // The same customer's events of B and of no import stay.
    expect(
      left(
        'SELECT e.customer_id, r.run_id, e.attributes FROM events e JOIN event_runs r ON r.number = e.run_number ORDER BY e.timestamp_us',
      ),
    ).toEqual([
      { customer_id: 1, run_id: 'run-b', attributes: '[3]' },
      { customer_id: 1, run_id: null, attributes: '[4]' },
    ]);
    expect(left('SELECT item_id, import_id FROM catalog_items')).toEqual([
      { item_id: 'sku-2', import_id: 'imp-b' },
    ]);
    expect(left('SELECT match_value, import_id FROM identity_links')).toEqual([
      { match_value: 'b@x.io', import_id: 'imp-b' },
    ]);
    expect(left('SELECT user_id, import_id FROM group_memberships')).toEqual([
      { user_id: 'u2', import_id: 'imp-b' },
    ]);
    expect(left('SELECT code, import_id FROM voucher_codes')).toEqual([{ code: 'B1', import_id: 'imp-b' }]);
    expect(snapshot(db, ['customers', 'customer_ids'])).toEqual(customers);
    expect(left('SELECT import_id FROM expiring_imports')).toEqual([{ import_id: 'imp-b' }]);
    // Done once: a second purge finds nothing of A.
    expect(purgeExpired(db, T0 + 32 * DAY).importData).toEqual(NOTHING_PURGED);
  });

  it("takes the expired events' dedup memory with them and recomputes the types' spans", () => {
    const db = open();
    importBoth(db);
    const visits = mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp')], {
      eventType: 'visit',
    });
    importAs(db, A1, visits, [['u2', '2024-05-01T00:00:00Z']]);
    expect(spansOf(db)).toEqual([
      ['purchase', '2024-03-01T10:00:00.000Z', '2024-03-04T10:00:00.000Z'],
      ['visit', '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z'],
    ]);
    // Before the expiry, sending A's and B's events again finds them all: duplicates.
    expect(importAs(db, A1, VALID.events(), [['u1', '2024-03-01T10:00:00Z', '1']])).toEqual(counts(0, 0, 1));
    expireImportData(db, 'imp-a', new Date(T0));
    expect(purgeExpired(db, T0 + 30 * DAY).importData).toMatchObject({ imports: 1, events: 3 });
    // A's purchases went (the span starts at B's), its only visit too (no span left for the type).
    expect(spansOf(db)).toEqual([['purchase', '2024-03-03T10:00:00.000Z', '2024-03-04T10:00:00.000Z']]);
    // Their memory went with them: the same events sent again are imported again; B's remain
    // duplicates.
    const again = { runId: 'run-c', importId: 'imp-c' };
    expect(
      importAs(db, again, VALID.events(), [
        ['u1', '2024-03-01T10:00:00Z', '1'],
        ['u1', '2024-03-02T10:00:00Z', '2'],
        ['u1', '2024-03-03T10:00:00Z', '3'],
      ]),
    ).toEqual(counts(2, 0, 1));
    expect(importAs(db, again, visits, [['u2', '2024-05-01T00:00:00Z']])).toEqual(counts(1, 0, 0));
    expect(
      db
        .prepare(
          `SELECT r.run_id, e.attributes FROM events e JOIN event_runs r ON r.number = e.run_number
           WHERE e.event_type = ? ORDER BY e.timestamp_us`,
        )
        .all('purchase'),
    ).toEqual([
      { run_id: 'run-c', attributes: '[1]' },
      { run_id: 'run-c', attributes: '[2]' },
      { run_id: 'run-b', attributes: '[3]' },
      { run_id: null, attributes: '[4]' },
    ]);
    expect(spansOf(db)).toEqual([
      ['purchase', '2024-03-01T10:00:00.000Z', '2024-03-04T10:00:00.000Z'],
      ['visit', '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z'],
    ]);
  });
});
