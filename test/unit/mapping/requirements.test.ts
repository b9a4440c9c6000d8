import { describe, expect, it } from 'vitest';
import { IMPORT_TYPES } from '../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import {
  MAX_SEARCHABLE_FIELDS,
  blockingReason,
  importedColumnCount,
  requirementsOf,
  type Requirement,
} from '../../../src-shared/mapping/requirements';
import { keepFirstColumns } from '../../../src-shared/mapping/mapping-edits';
import { VALID, col, idCol, mappingOf, roleCol } from './fixtures';

const unmet = (mapping: ImportMapping) => requirementsOf(mapping).filter((r) => !r.met);
const byKey = (mapping: ImportMapping, key: string) => requirementsOf(mapping).find((r) => r.key === key);
const details = (mapping: ImportMapping) => unmet(mapping).map((r) => r.detail);

describe('requirementsOf: valid mappings', () => {
  it.each(IMPORT_TYPES)('meets every requirement of a complete %s mapping', (type) => {
    const requirements = requirementsOf(VALID[type]());
    expect(requirements.filter((r) => !r.met)).toEqual([]);
    expect(blockingReason(requirements)).toBeNull();
    expect(requirements.at(-1)).toEqual({ key: 'consistency', label: 'No conflicting columns', met: true });
  });

  it('lists roles first, then settings, then consistency', () => {
    const keys = requirementsOf(VALID.events()).map((r) => r.key);
    expect(keys).toEqual(['role:id', 'role:timestamp', 'setting:eventType', 'consistency']);
    expect(requirementsOf(VALID.catalog()).map((r) => r.key)).toEqual([
      'role:item_id',
      'setting:catalogName',
      'catalog:searchable',
      'consistency',
    ]);
  });
});

describe('requirementsOf: customers', () => {
  it('needs a customer ID column', () => {
    const mapping = mappingOf('customers', [col('name')]);
    expect(byKey(mapping, 'role:id')).toEqual({
      key: 'role:id',
      label: 'A customer ID column with its ID type',
      met: false,
      detail: 'Tag a customer ID column with its ID type.',
    });
  });

  it('needs the ID type of each ID column', () => {
    const mapping = mappingOf('customers', [idCol('registered'), idCol('other', null)]);
    expect(byKey(mapping, 'role:id')?.detail).toBe('Choose the ID type of column "other".');
    expect(byKey(mapping, 'role:id')?.met).toBe(false);
  });

  it('accepts several ID columns of different ID types', () => {
    const mapping = mappingOf('customers', [
      idCol('registered'),
      idCol('cookie'),
      idCol('email', 'email_id'),
    ]);
    expect(unmet(mapping)).toEqual([]);
  });

  it('accepts an update timestamp, but needs no setting', () => {
    const mapping = mappingOf('customers', [idCol('registered'), roleCol('updated', 'update_timestamp')]);
    expect(unmet(mapping)).toEqual([]);
    expect(requirementsOf(mapping).some((r) => r.key.startsWith('setting:'))).toBe(false);
  });
});

describe('requirementsOf: events', () => {
  it('needs a customer ID column', () => {
    const mapping = mappingOf('events', [roleCol('ts', 'timestamp')], { eventType: 'purchase' });
    expect(details(mapping)).toEqual(['Tag a customer ID column with its ID type.']);
  });

  it('needs a timestamp column', () => {
    const mapping = mappingOf('events', [idCol('registered')], { eventType: 'purchase' });
    expect(byKey(mapping, 'role:timestamp')).toMatchObject({
      met: false,
      detail: expect.stringMatching(/^Tag a timestamp column\.$/i),
    });
  });

  it('needs an event type', () => {
    const mapping = { ...VALID.events(), options: { ...VALID.events().options, eventType: '' } };
    expect(byKey(mapping, 'setting:eventType')).toEqual({
      key: 'setting:eventType',
      label: 'An event type',
      met: false,
      detail: 'Enter the event type.',
    });
  });

  it('treats a blank event type as missing', () => {
    const mapping = { ...VALID.events(), options: { ...VALID.events().options, eventType: '   ' } };
    expect(byKey(mapping, 'setting:eventType')?.detail).toBe('Enter the event type.');
  });

  it.each(['purchase item', 'purchase\titem', ' purchase'])(
    'refuses the event type %j with a space',
    (eventType) => {
      const mapping = { ...VALID.events(), options: { ...VALID.events().options, eventType } };
      expect(byKey(mapping, 'setting:eventType')).toMatchObject({
        met: false,
        detail: `The event type "${eventType}" contains a space; the platforms refuse spaces in it.`,
      });
    },
  );

  it('accepts underscores and dashes in the event type', () => {
    const mapping = {
      ...VALID.events(),
      options: { ...VALID.events().options, eventType: 'cart_update-v2' },
    };
    expect(byKey(mapping, 'setting:eventType')?.met).toBe(true);
  });
});

describe('requirementsOf: catalog', () => {
  const catalog = (columns = VALID.catalog().columns, options: Partial<ImportMapping['options']> = {}) =>
    mappingOf('catalog', columns, { catalogName: 'products', ...options });

  it('needs an item_id column', () => {
    const mapping = catalog([col('title')]);
    expect(byKey(mapping, 'role:item_id')).toMatchObject({ met: false, label: 'An item_id column' });
    expect(blockingReason(requirementsOf(mapping))).toMatch(/^Tag an? item_id column\.$/);
  });

  it('needs a catalog name without spaces', () => {
    expect(byKey(catalog(undefined, { catalogName: '' }), 'setting:catalogName')?.detail).toBe(
      'Enter the catalog name.',
    );
    expect(byKey(catalog(undefined, { catalogName: 'my products' }), 'setting:catalogName')?.detail).toBe(
      'The catalog name "my products" contains a space; the platforms refuse spaces in it.',
    );
  });

  it('needs a product_id column for a product catalog only', () => {
    const product = catalog(undefined, { catalogKind: 'product' });
    expect(byKey(product, 'role:product_id')).toMatchObject({
      met: false,
      detail: expect.stringMatching(/^Tag an? product_id column\.$/),
    });
    expect(byKey(catalog(), 'role:product_id')).toBeUndefined();
    const complete = catalog([...VALID.catalog().columns, roleCol('product_id', 'product_id')], {
      catalogKind: 'product',
    });
    expect(unmet(complete)).toEqual([]);
  });

  it('refuses product_id in a general catalog', () => {
    const mapping = catalog([...VALID.catalog().columns, roleCol('product_id', 'product_id')]);
    expect(details(mapping)).toEqual([
      'Column "product_id" is tagged product_id, which a catalog import does not use.',
    ]);
  });

  const withSearchable = (count: number, extra: Partial<ImportMapping['columns'][number]> = {}) =>
    catalog([
      roleCol('item_id', 'item_id'),
      ...Array.from({ length: count }, (_, i) => col(`f${i}`, { searchable: true, ...extra })),
    ]);

  it(`allows ${MAX_SEARCHABLE_FIELDS} searchable fields`, () => {
    expect(MAX_SEARCHABLE_FIELDS).toBe(20);
    expect(byKey(withSearchable(20), 'catalog:searchable')).toEqual({
      key: 'catalog:searchable',
      label: 'Searchable fields: 20 of at most 20',
      met: true,
    });
  });

  it('refuses 21 searchable fields', () => {
    expect(byKey(withSearchable(21), 'catalog:searchable')).toMatchObject({
      met: false,
      label: 'Searchable fields: 21 of at most 20',
      detail: '21 searchable fields are chosen; a catalog allows 20.',
    });
  });

  it('does not count searchable columns that are not imported', () => {
    const mapping = withSearchable(20);
    mapping.columns.push(col('dropped', { searchable: true, include: false }));
    expect(byKey(mapping, 'catalog:searchable')?.met).toBe(true);
  });

  it.each([
    ['list', 'List'],
    ['json', 'JSON'],
  ] as const)('refuses a searchable %s field', (type, label) => {
    const mapping = catalog([roleCol('item_id', 'item_id'), col('tags', { type, searchable: true })]);
    expect(byKey(mapping, 'catalog:searchable')).toMatchObject({
      met: false,
      detail: `Column "tags" is ${label}; list and JSON fields cannot be searchable.`,
    });
  });

  it('accepts a list field that is not searchable', () => {
    const mapping = catalog([roleCol('item_id', 'item_id'), col('tags', { type: 'list' })]);
    expect(unmet(mapping)).toEqual([]);
  });

  it('checks searchable fields only in catalogs', () => {
    const mapping = mappingOf('customers', [
      idCol('registered'),
      col('tags', { type: 'list', searchable: true }),
    ]);
    expect(byKey(mapping, 'catalog:searchable')).toBeUndefined();
    expect(unmet(mapping)).toEqual([]);
  });
});

describe('requirementsOf: identity', () => {
  it('needs a match key and an identifier', () => {
    const mapping = mappingOf('identity', []);
    const problems = unmet(mapping);
    expect(problems.map((r) => r.key)).toEqual(['role:match_key', 'role:identifier']);
    expect(problems[0]?.detail).toMatch(/^Tag an? match key column\.$/i);
    expect(problems[1]?.detail).toMatch(/^Tag an? identifier to link column\.$/i);
  });

  it('needs the identifier without the match key, and the reverse', () => {
    const [matchKey, identifier] = VALID.identity().columns;
    expect(unmet(mappingOf('identity', [matchKey!])).map((r) => r.key)).toEqual(['role:identifier']);
    expect(unmet(mappingOf('identity', [identifier!])).map((r) => r.key)).toEqual(['role:match_key']);
  });

  it('refuses linking an ID type to itself (cookie → cookie), naming both columns', () => {
    const mapping = mappingOf('identity', [
      roleCol('cookie', 'match_key', { idType: 'cookie' }),
      roleCol('other cookie', 'identifier', { idType: 'cookie' }),
    ]);
    expect(details(mapping)).toEqual([
      expect.stringContaining(
        'Column "cookie" (the match key) and column "other cookie" (the identifier to link) are both cookie IDs; a link joins two different ID types',
      ),
    ]);
    expect(unmet(VALID.identity())).toEqual([]);
  });

  it('needs the ID types of both', () => {
    const mapping = mappingOf('identity', [
      roleCol('email', 'match_key', { idType: 'email_id' }),
      roleCol('cookie', 'identifier', { idType: null }),
    ]);
    expect(details(mapping)).toEqual(['Choose the ID type of column "cookie".']);
  });

  it('accepts an optional timestamp', () => {
    const mapping = VALID.identity();
    mapping.columns.push(roleCol('linked_at', 'timestamp'));
    expect(unmet(mapping)).toEqual([]);
  });
});

describe('requirementsOf: group', () => {
  it('calls the ID a user ID', () => {
    const mapping = mappingOf('group', VALID.group().columns.slice(1));
    expect(byKey(mapping, 'role:id')).toMatchObject({
      label: 'A user ID column with its ID type',
      met: false,
      detail: 'Tag a user ID column with its ID type.',
    });
  });

  it.each(['group_id', 'cursor'] as const)('needs a %s column', (role) => {
    const mapping = mappingOf(
      'group',
      VALID.group().columns.filter((column) => column.role !== role),
    );
    expect(unmet(mapping).map((r) => r.key)).toEqual([`role:${role}`]);
  });

  it('does not need is_deleted', () => {
    const mapping = mappingOf(
      'group',
      VALID.group().columns.filter((column) => column.role !== 'is_deleted'),
    );
    expect(unmet(mapping)).toEqual([]);
  });
});

describe('requirementsOf: vouchers', () => {
  it('needs a voucher code column', () => {
    const mapping = mappingOf('vouchers', [col('discount')], { poolName: 'spring' });
    expect(details(mapping)).toEqual([expect.stringMatching(/^Tag a voucher code column\.$/i)]);
  });

  it('needs a pool name without spaces', () => {
    const pool = (poolName: string) => mappingOf('vouchers', VALID.vouchers().columns, { poolName });
    expect(byKey(pool(''), 'setting:poolName')?.detail).toBe('Enter the voucher pool name.');
    expect(byKey(pool('spring sale'), 'setting:poolName')?.detail).toBe(
      'The voucher pool name "spring sale" contains a space; the platforms refuse spaces in it.',
    );
    expect(byKey(pool('spring_sale'), 'setting:poolName')?.met).toBe(true);
  });
});

describe('requirementsOf: consistency', () => {
  it('refuses a single-column role on two columns', () => {
    const mapping = VALID.events();
    mapping.columns.push(roleCol('ts2', 'timestamp'));
    expect(details(mapping)).toEqual(['Timestamp is tagged on 2 columns ("ts", "ts2"); keep one.']);
  });

  it('refuses the same ID type on two ID columns', () => {
    const mapping = mappingOf('customers', [idCol('registered'), idCol('user_id', 'registered')]);
    expect(details(mapping)).toEqual([
      'Columns "registered" and "user_id" are both registered IDs; a row can carry one ID of each type.',
    ]);
  });

  it('refuses a role the import type does not offer', () => {
    const mapping = VALID.customers();
    mapping.columns.push(roleCol('ts', 'timestamp'));
    expect(details(mapping)).toEqual([
      'Column "ts" is tagged Timestamp, which a customers import does not use.',
    ]);
  });

  it('refuses two columns importing into the same attribute', () => {
    const mapping = VALID.customers();
    mapping.columns.push(col('full_name', { target: 'name' }));
    expect(details(mapping)).toEqual(['Column "name" and Column "full_name" both import into "name".']);
  });

  it('names repeated header names by position, so the message says which one to rename or skip', () => {
    const mapping = VALID.customers();
    const position = mapping.columns.length + 1;
    mapping.columns.push(col('name', { target: 'name' }));
    const first = mapping.columns.findIndex((column) => column.source === 'name') + 1;
    expect(details(mapping)).toEqual([
      `Column "name" (column ${first}) and Column "name" (column ${position}) both import into "name".`,
    ]);
  });

  it('compares attribute names without surrounding spaces', () => {
    const mapping = VALID.customers();
    mapping.columns.push(col('full_name', { target: ' name ' }));
    expect(details(mapping)).toEqual(['Column "name" and Column "full_name" both import into "name".']);
  });

  it('ignores columns that are not imported', () => {
    const mapping = VALID.customers();
    mapping.columns.push(col('full_name', { target: 'name', include: false }));
    expect(unmet(mapping)).toEqual([]);
  });

  it('refuses a static column named like an imported column', () => {
    const mapping = mappingOf('customers', [idCol('registered'), col('source')], {}, [
      { name: 'source', value: 'Import_x', type: 'text' },
    ]);
    expect(details(mapping)).toEqual([
      'Column "source" and Static column "source" both import into "source".',
    ]);
  });

  it('refuses two static columns with one name', () => {
    const statics = [
      { name: 'source', value: 'a', type: 'text' as const },
      { name: 'source', value: 'b', type: 'text' as const },
    ];
    const mapping = mappingOf('customers', [idCol('registered')], {}, statics);
    expect(details(mapping)).toEqual([
      'Static column "source" and Static column "source" both import into "source".',
    ]);
  });

  it('refuses a static value that does not parse as its type', () => {
    const mapping = mappingOf('customers', [idCol('registered')], {}, [
      { name: 'n', value: 'abc', type: 'number' },
    ]);
    const [detail] = details(mapping);
    expect(detail).toMatch(/^Static column "n": .*abc.*\.$/);
  });

  it.each([
    ['number', '42'],
    ['boolean', 'true'],
    ['date', '2025-04-03'],
    ['datetime', '2025-04-03T10:00:00Z'],
    ['list', '["a","b"]'],
    ['json', '{"a":1}'],
    ['text', 'anything'],
  ] as const)('accepts a static %s value %j', (type, value) => {
    const mapping = mappingOf('customers', [idCol('registered')], {}, [{ name: 'n', value, type }]);
    expect(unmet(mapping)).toEqual([]);
  });

  it.each([
    ['boolean', 'yes'],
    ['date', '2025-13-01'],
    ['list', 'a,b'],
    ['json', '{a:1}'],
  ] as const)('refuses a static %s value %j', (type, value) => {
    const mapping = mappingOf('customers', [idCol('registered')], {}, [{ name: 'n', value, type }]);
    expect(details(mapping)).toHaveLength(1);
    expect(details(mapping)[0]).toMatch(/^Static column "n": /);
  });

  it.each(['', '   '])('refuses an imported column with the attribute name %j', (target) => {
    const mapping = VALID.customers();
    mapping.columns.push(col('notes', { target }));
    expect(details(mapping)).toEqual(['Column "notes" has no attribute name.']);
  });

  it('lists every problem as its own line', () => {
    const mapping = mappingOf('customers', [
      idCol('registered'),
      idCol('user_id', 'registered'),
      roleCol('ts', 'timestamp'),
      col('a', { target: '' }),
    ]);
    const problems = unmet(mapping);
    expect(problems.map((r) => r.key)).toEqual(['consistency:0', 'consistency:1', 'consistency:2']);
    expect(problems.every((r) => r.label === 'No conflicting columns')).toBe(true);
    expect(requirementsOf(mapping).some((r) => r.key === 'consistency')).toBe(false);
  });
});

describe('blockingReason', () => {
  it('returns null when every requirement is met', () => {
    expect(blockingReason([{ key: 'a', label: 'A', met: true }])).toBeNull();
    expect(blockingReason([])).toBeNull();
  });

  it('returns the first unmet requirement, its detail before its label', () => {
    const requirements: Requirement[] = [
      { key: 'a', label: 'A', met: true, detail: 'never shown' },
      { key: 'b', label: 'B', met: false },
      { key: 'c', label: 'C', met: false, detail: 'Do C.' },
    ];
    expect(blockingReason(requirements)).toBe('B');
    expect(blockingReason(requirements.slice(2))).toBe('Do C.');
  });

  it('reports missing roles before settings and conflicts', () => {
    const mapping = mappingOf('events', [col('a', { target: '' })], { eventType: '' });
    expect(blockingReason(requirementsOf(mapping))).toBe('Tag a customer ID column with its ID type.');
  });
});

describe('requirementsOf: the platform’s column limit', () => {
  const wide = (count: number) =>
    mappingOf('customers', [
      idCol('email', 'email_id'),
      ...Array.from({ length: count }, (_, i) => col(`c${i}`)),
    ]);

  it('says nothing while a source cannot pass 260 columns', () => {
    expect(byKey(wide(259), 'columns')).toBeUndefined();
  });

  it('counts included, role and static columns, and names how many to uncheck', () => {
    const mapping = { ...wide(300), statics: [{ name: 'source', value: 'crm', type: 'text' as const }] };
    expect(byKey(mapping, 'columns')).toEqual({
      key: 'columns',
      label: 'At most 260 imported columns',
      met: false,
      detail:
        'This import includes 302 columns; the platform takes at most 260. Uncheck the 42 you need least.',
    });
  });

  it('is met once enough columns are unchecked: keepFirstColumns keeps IDs, statics and the leftmost', () => {
    const mapping = { ...wide(300), statics: [{ name: 'source', value: 'crm', type: 'text' as const }] };
    const kept = keepFirstColumns(mapping, 260);
    expect(byKey(kept, 'columns')?.met).toBe(true);
    expect(importedColumnCount(kept)).toBe(260);
    expect(kept.columns[0]).toEqual(mapping.columns[0]);
    expect(kept.columns.filter((column) => column.include).map((column) => column.source)).toEqual(
      Array.from({ length: 258 }, (_, i) => `c${i}`),
    );
    expect(kept.statics).toEqual(mapping.statics);
  });
});
