import { describe, expect, it } from 'vitest';
import { accepts, checkName } from '../../../src-main/services/destinations/postgres/sql-columns';
import { shapeOf } from '../../../src-main/services/destinations/postgres/table-shapes';
import { eventDedupKey } from '../../../src-main/services/destinations/workspace/event-dedup-key';
import { createRowMapper, type MappedRecord, type RowReject } from '../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { col, idCol, mappingOf, roleCol } from '../mapping/fixtures';

// How a record becomes a line of COPY text for its import type's table, and which names and
// column types PostgreSQL is trusted with. The merges themselves run against a real server
// (test/integration/destinations).

const HARD = new Set(['registered']);

function recordOf(mapping: ImportMapping, cells: string[], rowNumber = 2): MappedRecord {
  const outcome = createRowMapper(mapping)(cells, rowNumber);
  if (!outcome.ok) throw new Error(outcome.reject.reason);
  return outcome.record;
}

function lineOf(mapping: ImportMapping, cells: string[]): { line: string | null; rejects: RowReject[] } {
  const rejects: RowReject[] = [];
  return { line: shapeOf(mapping, HARD).line(recordOf(mapping, cells), rejects), rejects };
}

describe('PostgreSQL table shapes', () => {
  it('keys a customer by its hard ID even in a later column, keeps every ID, and escapes COPY text', () => {
    const mapping = mappingOf('customers', [
      idCol('cookie'),
      idCol('registered'),
      col('name'),
      col('age', { type: 'number' }),
    ]);
    const { line } = lineOf(mapping, ['c1', 'u1', 'tab\there\\ new\nline', '']);
    expect(line).toBe(
      [
        '2',
        'registered',
        'u1',
        '{"cookie":"c1","registered":"u1"}',
        '\\N',
        'tab\\there\\\\ new\\nline',
        '\\N',
      ].join('\t') + '\n',
    );
    // Without a hard ID, the first ID keys the customer.
    expect(lineOf(mapping, ['c1', '', 'Ann', '3']).line).toMatch(/^2\tcookie\tc1\t/);
  });

  it('keys an event by the hash of its type, timestamp and attribute texts, as pushes do', () => {
    const mapping = mappingOf(
      'events',
      [idCol('registered'), roleCol('ts', 'timestamp'), col('price', { type: 'number' }), col('code')],
      { eventType: 'purchase' },
    );
    const keyOf = (cells: string[]) => lineOf(mapping, cells).line!.split('\t')[4];
    const expected = eventDedupKey('purchase', '2024-03-01T10:00:00.000000Z', {
      values: '{"code":"A","price":12}',
      types: '{"code":"text","price":"number"}',
    });
    expect(keyOf(['u1', '2024-03-01T10:00:00Z', '12', 'A'])).toBe(String(expected));
    // Another customer, the same event: the same key (the customer is a key column of its own).
    expect(keyOf(['u2', '2024-03-01T10:00:00Z', '12', 'A'])).toBe(String(expected));
    expect(keyOf(['u1', '2024-03-01T10:00:00Z', '12', 'B'])).not.toBe(String(expected));
  });

  it('rejects a customer without an ID, as the destination refuses it', () => {
    const mapping = mappingOf('customers', [idCol('registered'), col('name')]);
    const record: MappedRecord = { ...recordOf(mapping, ['u1', 'Ann'], 7), ids: [] };
    const rejects: RowReject[] = [];
    expect(shapeOf(mapping, HARD).line(record, rejects)).toBeNull();
    expect(rejects).toEqual([
      { rowNumber: 7, column: 'registered', value: '', reason: 'No valid customer ID' },
    ]);
  });

  it('names a table per event type, catalog and pool, and folds a role’s own attribute into its column', () => {
    const events = shapeOf(
      mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp'), col('price')], {
        eventType: 'purchase',
      }),
      HARD,
    );
    expect(events.table).toBe('events_purchase');
    expect(events.fixed.filter((column) => column.key).map((column) => column.name)).toEqual([
      'customer_id_type',
      'customer_id',
      'timestamp',
      'dedup_key',
    ]);
    const catalog = shapeOf(
      mappingOf('catalog', [roleCol('item_id', 'item_id'), col('title')], { catalogName: 'products' }),
      HARD,
    );
    expect(catalog.table).toBe('catalog_products');
    expect(catalog.attributes.map((attribute) => attribute.name)).toEqual(['title']);
    const vouchers = shapeOf(
      mappingOf('vouchers', [roleCol('code', 'voucher_code', { include: true })], { poolName: 'spring' }),
      HARD,
    );
    expect([vouchers.table, vouchers.attributes]).toEqual(['vouchers_spring', []]);
  });

  it('refuses an attribute named like a column the table keeps for itself', () => {
    const statics = [{ name: 'item_id', value: 'x', type: 'text' as const }];
    expect(() =>
      shapeOf(mappingOf('catalog', [roleCol('sku', 'item_id')], { catalogName: 'p' }, statics), HARD),
    ).toThrow(/attribute "item_id" has the name of a column the catalog table keeps for itself/);
    expect(() => shapeOf(mappingOf('customers', [idCol('registered'), col('_intake_run_id')]), HARD)).toThrow(
      /"_intake_run_id"/,
    );
  });

  it('refuses names PostgreSQL would cut (over 63 bytes, counted in UTF-8) and types that would change values', () => {
    expect(() => checkName('a'.repeat(63), 'column name')).not.toThrow();
    expect(() => checkName(`${'a'.repeat(61)}č`, 'column name')).not.toThrow();
    expect(() => checkName(`${'a'.repeat(62)}č`, 'column name')).toThrow(/is 64 bytes long.*at most 63/);
    expect(accepts('number', 'numeric')).toBe(true);
    expect(accepts('number', 'integer')).toBe(false);
    expect(accepts('datetime', 'timestamp without time zone')).toBe(false);
    expect(accepts('text', 'character varying(20)')).toBe(true);
  });
});
