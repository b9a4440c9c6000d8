import { describe, expect, it } from 'vitest';
import { CELL, checkCell, columnCheckOf, type CellOutcome } from '../../../src-shared/mapping/column-check';
import {
  breaksRule,
  rejectionOf,
  rowRulesOf,
  ruleColumns,
  type RowRule,
} from '../../../src-shared/mapping/row-rules';
import { IMPORT_TYPES } from '../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { VALID, col, idCol, mappingOf, roleCol } from './fixtures';

/** The outcomes of a row of raw cells under a mapping (undefined for dropped columns). */
function outcomesOf(mapping: ImportMapping, row: readonly string[]): (CellOutcome | undefined)[] {
  return mapping.columns.map((column, index) => {
    const check = columnCheckOf(mapping, column);
    return check ? checkCell(check, row[index] ?? '') : undefined;
  });
}

/** Why the mapping rejects the row, or null when it imports. */
function reject(mapping: ImportMapping, row: readonly string[]): string | null {
  return rejectionOf(rowRulesOf(mapping), outcomesOf(mapping, row))?.reason ?? null;
}

const NO_ID = 'No valid customer ID';

describe('rowRulesOf', () => {
  it('starts a customers mapping with one ID rule over every ID column', () => {
    const mapping = mappingOf('customers', [idCol('registered'), col('name'), idCol('cookie')]);
    expect(rowRulesOf(mapping)[0]).toEqual({ kind: 'noneValid', columns: [0, 2], reason: NO_ID });
  });

  it('has no ID rule without an ID column (the requirements block such mappings)', () => {
    expect(rowRulesOf(mappingOf('customers', [col('name')])).some((rule) => rule.kind === 'noneValid')).toBe(
      false,
    );
  });

  it('adds a malformed rule for each imported untagged column', () => {
    const mapping = VALID.customers();
    expect(rowRulesOf(mapping)).toEqual([
      { kind: 'noneValid', columns: [0], reason: NO_ID },
      { kind: 'invalid', column: 1, reason: 'Malformed text in "name"' },
      { kind: 'invalid', column: 2, reason: 'Malformed number in "age"' },
    ]);
  });

  it('adds no rule for a dropped column', () => {
    const mapping = mappingOf('customers', [
      idCol('registered'),
      col('tags', { type: 'list', include: false }),
    ]);
    expect(rowRulesOf(mapping).flatMap(ruleColumns)).not.toContain(1);
  });

  it.each(IMPORT_TYPES)('never repeats a rule kind for one column (%s)', (type) => {
    const mapping = VALID[type]();
    mapping.columns = mapping.columns.map((column) => ({ ...column, include: true }));
    const keys = rowRulesOf(mapping).map((rule) =>
      rule.kind === 'noneValid' ? `none:${rule.columns.join(',')}` : `${rule.kind}:${rule.column}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('checks the byte limit of every imported catalog column and of item_id', () => {
    const mapping = mappingOf('catalog', [
      roleCol('item_id', 'item_id', { include: false }),
      col('title'),
      col('dropped', { include: false }),
    ]);
    const tooLong = rowRulesOf(mapping).filter((rule) => rule.kind === 'tooLong');
    expect(tooLong.map(ruleColumns)).toEqual([[0], [1]]);
  });
});

describe('rejections: customers', () => {
  const mapping = VALID.customers(); // registered (ID), name, age (number)

  it('imports a row with an ID', () => {
    expect(reject(mapping, ['u-1', 'Ann', '42'])).toBeNull();
  });

  it.each([
    ['missing', ''],
    ['blank', '   '],
    ['257 bytes', 'a'.repeat(257)],
    ['86 × € (258 bytes)', '€'.repeat(86)],
  ])('rejects a row whose ID is %s', (_, id) => {
    expect(reject(mapping, [id, 'Ann', '42'])).toBe(NO_ID);
  });

  it('imports an ID of exactly 256 bytes', () => {
    expect(reject(mapping, ['a'.repeat(256), 'Ann', '42'])).toBeNull();
  });

  it('accepts a row when a second ID column holds a valid ID', () => {
    const two = mappingOf('customers', [idCol('registered'), idCol('cookie'), col('name')]);
    expect(reject(two, ['', 'c-1', 'Ann'])).toBeNull();
    expect(reject(two, ['a'.repeat(257), 'c-1', 'Ann'])).toBeNull();
    expect(reject(two, ['u-1', '', 'Ann'])).toBeNull();
    expect(reject(two, ['', '€'.repeat(86), 'Ann'])).toBe(NO_ID);
    expect(reject(two, ['  ', '', 'Ann'])).toBe(NO_ID);
  });

  it('rejects a malformed value in an imported typed column', () => {
    expect(reject(mapping, ['u-1', 'Ann', 'forty'])).toBe('Malformed number in "age"');
  });

  it('imports an empty typed value (it blanks the attribute)', () => {
    expect(reject(mapping, ['u-1', '', ''])).toBeNull();
  });

  it('rejects an unparsable update timestamp, but not an empty one', () => {
    const updated = mappingOf('customers', [idCol('registered'), roleCol('updated', 'update_timestamp')]);
    expect(reject(updated, ['u-1', 'yesterday'])).toBe('Unparsable update timestamp in "updated"');
    expect(reject(updated, ['u-1', ''])).toBeNull();
    expect(reject(updated, ['u-1', '2025-04-03T10:00:00Z'])).toBeNull();
  });

  it('puts the ID rule first', () => {
    expect(reject(mapping, ['', 'Ann', 'forty'])).toBe(NO_ID);
  });
});

describe('rejections: malformed values', () => {
  const mapping = mappingOf('customers', [
    idCol('registered'),
    col('col', { type: 'list' }),
    col('payload', { type: 'json' }),
    col('active', { type: 'boolean' }),
    col('born', { type: 'date' }),
  ]);

  it('rejects a malformed list in an imported list column', () => {
    expect(reject(mapping, ['u-1', 'a,b', '', '', ''])).toBe('Malformed list in "col"');
  });

  it('imports a well-formed list', () => {
    expect(reject(mapping, ['u-1', '["a","b"]', '', '', ''])).toBeNull();
  });

  it('does not reject the same value in a dropped column', () => {
    const dropped = {
      ...mapping,
      columns: mapping.columns.map((column, i) => (i === 1 ? { ...column, include: false } : column)),
    };
    expect(rowRulesOf(dropped).some((rule) => rule.kind !== 'noneValid' && rule.column === 1)).toBe(false);
    expect(reject(dropped, ['u-1', 'a,b', '', '', ''])).toBeNull();
  });

  it.each([
    [2, '{a:1}', 'Malformed JSON in "payload"'],
    [3, 'yes', 'Malformed boolean in "active"'],
    [4, '2025-02-30', 'Malformed date in "born"'],
  ])('rejects column %i holding %j', (index, raw, reason) => {
    const row = ['u-1', '', '', '', ''];
    row[index] = raw;
    expect(reject(mapping, row)).toBe(reason);
  });

  it('reports the first malformed column of a row', () => {
    expect(reject(mapping, ['u-1', '', '{a:1}', 'yes', ''])).toBe('Malformed JSON in "payload"');
  });

  it('puts the ID rule before malformed values', () => {
    expect(reject(mapping, ['', 'a,b', '', '', ''])).toBe(NO_ID);
  });
});

describe('rejections: events', () => {
  const mapping = VALID.events(); // registered (ID), ts (timestamp), price (number)
  const withMs = { ...mapping, options: { ...mapping.options, convertMilliseconds: true } };

  it.each([
    ['ISO with offset', '2025-04-03T10:00:00+02:00'],
    ['ISO without offset', '2025-04-03 10:00:00'],
    ['date only (midnight)', '2025-04-03'],
    ['UNIX seconds', '1700000000'],
    ['fractional UNIX seconds', '1700000000.5'],
  ])('imports a timestamp in %s', (_, ts) => {
    expect(reject(mapping, ['u-1', ts, '9.99'])).toBeNull();
  });

  it.each([
    ['an impossible date', '2020-13-45'],
    ['13-digit milliseconds', '1700000000000'],
    ['words', 'last tuesday'],
  ])('rejects %s as an unparsable timestamp', (_, ts) => {
    expect(reject(mapping, ['u-1', ts, '9.99'])).toBe('Unparsable timestamp in "ts"');
  });

  it('imports milliseconds when converting them', () => {
    expect(reject(withMs, ['u-1', '1700000000000', '9.99'])).toBeNull();
  });

  it.each(['', '   '])('rejects a missing timestamp %j', (ts) => {
    expect(reject(mapping, ['u-1', ts, '9.99'])).toBe('Missing timestamp in "ts"');
  });

  it('rejects a missing customer ID first', () => {
    expect(reject(mapping, ['', '2020-13-45', 'x'])).toBe(NO_ID);
    expect(reject(mapping, ['', '', ''])).toBe(NO_ID);
  });

  it('reports a timestamp before a malformed attribute', () => {
    expect(reject(mapping, ['u-1', '', 'x'])).toBe('Missing timestamp in "ts"');
    expect(reject(mapping, ['u-1', 'soon', 'x'])).toBe('Unparsable timestamp in "ts"');
    expect(reject(mapping, ['u-1', '2025-04-03', 'x'])).toBe('Malformed number in "price"');
  });
});

describe('rejections: catalog', () => {
  const mapping = VALID.catalog(); // item_id, title

  it('imports an item', () => {
    expect(reject(mapping, ['sku-1', 'Shoes'])).toBeNull();
  });

  it('rejects a missing item_id', () => {
    expect(reject(mapping, ['', 'Shoes'])).toBe('Missing item_id in "item_id"');
  });

  it('rejects a blank item_id when the column is trimmed', () => {
    const trimmed = mappingOf('catalog', [roleCol('item_id', 'item_id', { trim: true }), col('title')], {
      catalogName: 'products',
    });
    expect(reject(trimmed, ['  ', 'Shoes'])).toBe('Missing item_id in "item_id"');
  });

  it('rejects a value over 28,672 bytes', () => {
    expect(reject(mapping, ['sku-1', 'a'.repeat(28_673)])).toBe('Catalog value over 28,672 bytes in "title"');
    expect(reject(mapping, ['sku-1', 'a'.repeat(28_672)])).toBeNull();
    expect(reject(mapping, ['a'.repeat(28_673), 'Shoes'])).toBe(
      'Catalog value over 28,672 bytes in "item_id"',
    );
  });

  it('imports an item_id with "/" (a warning, not a rejection)', () => {
    expect(reject(mapping, ['shoes/42', 'Shoes'])).toBeNull();
    expect(outcomesOf(mapping, ['shoes/42', 'Shoes'])[0]).toBe(CELL.warning);
  });

  it('does not reject an over-long value in a dropped column', () => {
    const dropped = mappingOf('catalog', [...mapping.columns, col('raw', { include: false })], {
      catalogName: 'products',
    });
    expect(reject(dropped, ['sku-1', 'Shoes', 'a'.repeat(30_000)])).toBeNull();
  });

  it('rejects a missing item_id before an over-long value', () => {
    expect(reject(mapping, ['', 'a'.repeat(28_673)])).toBe('Missing item_id in "item_id"');
  });
});

describe('rejections: group', () => {
  const mapping = VALID.group(); // registered, group_id, cursor, is_deleted

  it('imports a membership', () => {
    expect(reject(mapping, ['u-1', 'g-1', '2025-04-03T10:00:00Z', ''])).toBeNull();
  });

  it('rejects a missing user ID', () => {
    expect(reject(mapping, ['', 'g-1', '2025-04-03T10:00:00Z', ''])).toBe('No valid user ID');
  });

  it('rejects a missing group_id', () => {
    expect(reject(mapping, ['u-1', '', '2025-04-03T10:00:00Z', ''])).toBe('Missing group_id in "group_id"');
  });

  it('rejects a missing cursor', () => {
    expect(reject(mapping, ['u-1', 'g-1', '', ''])).toBe(
      'Missing cursor (empty cursor values are refused) in "cursor"',
    );
  });

  it('rejects an unparsable cursor', () => {
    expect(reject(mapping, ['u-1', 'g-1', 'later', ''])).toBe('Unparsable cursor in "cursor"');
  });

  it.each(['yes', 'no', 'Y', '2'])('rejects is_deleted %j as not a boolean', (flag) => {
    expect(reject(mapping, ['u-1', 'g-1', '2025-04-03', flag])).toBe(
      'is_deleted is not a boolean (true, false, 1 or 0) in "is_deleted"',
    );
  });

  it.each(['', 'true', 'FALSE', '1', '0'])('imports is_deleted %j', (flag) => {
    expect(reject(mapping, ['u-1', 'g-1', '2025-04-03', flag])).toBeNull();
  });
});

describe('rejections: identity', () => {
  const mapping = VALID.identity(); // email (match key), cookie (identifier)

  it('imports a link', () => {
    expect(reject(mapping, ['ann@example.com', 'c-1'])).toBeNull();
  });

  it('rejects a missing match key', () => {
    expect(reject(mapping, ['', 'c-1'])).toBe('No valid match key');
  });

  it('rejects a missing or over-long identifier', () => {
    expect(reject(mapping, ['ann@example.com', ''])).toBe('No valid identifier');
    expect(reject(mapping, ['ann@example.com', 'x'.repeat(257)])).toBe('No valid identifier');
  });

  it('rejects the match key first', () => {
    expect(reject(mapping, ['', ''])).toBe('No valid match key');
  });

  it('accepts an empty optional timestamp but not an unparsable one', () => {
    const withTs = mappingOf('identity', [...mapping.columns, roleCol('linked_at', 'timestamp')]);
    expect(reject(withTs, ['ann@example.com', 'c-1', ''])).toBeNull();
    expect(reject(withTs, ['ann@example.com', 'c-1', '2020-13-45'])).toBe(
      'Unparsable timestamp in "linked_at"',
    );
  });
});

describe('rejections: vouchers', () => {
  const mapping = VALID.vouchers();

  it('imports a code', () => {
    expect(reject(mapping, ['SPRING-10'])).toBeNull();
  });

  it('rejects a missing code', () => {
    expect(reject(mapping, [''])).toBe('Missing voucher code in "code"');
  });
});

describe('breaksRule', () => {
  const none: RowRule = { kind: 'noneValid', columns: [0, 1], reason: 'none' };

  it('breaks noneValid only when every column is empty, invalid or too long', () => {
    expect(breaksRule(none, [CELL.empty, CELL.invalid])).toBe(true);
    expect(breaksRule(none, [CELL.tooLong, CELL.empty])).toBe(true);
    expect(breaksRule(none, [CELL.empty, CELL.ok])).toBe(false);
    expect(breaksRule(none, [CELL.warning, CELL.empty])).toBe(false);
  });

  it('reads an unchecked column as holding nothing usable', () => {
    expect(breaksRule(none, [undefined, undefined])).toBe(true);
    expect(breaksRule(none, [])).toBe(true);
    expect(breaksRule(none, [undefined, CELL.ok])).toBe(false);
  });

  it.each([
    ['empty', CELL.empty],
    ['invalid', CELL.invalid],
    ['tooLong', CELL.tooLong],
  ] as const)('breaks a %s rule on that outcome only', (kind, outcome) => {
    const rule = { kind, column: 1, reason: kind } as RowRule;
    for (const other of [CELL.ok, CELL.empty, CELL.invalid, CELL.tooLong, CELL.warning]) {
      expect(breaksRule(rule, [CELL.ok, other])).toBe(other === outcome);
    }
    expect(breaksRule(rule, [CELL.ok, undefined])).toBe(false);
  });
});

describe('rejectionOf', () => {
  const rules: RowRule[] = [
    { kind: 'noneValid', columns: [0], reason: 'first' },
    { kind: 'invalid', column: 1, reason: 'second' },
    { kind: 'empty', column: 1, reason: 'third' },
  ];

  it('returns the first rule broken', () => {
    expect(rejectionOf(rules, [CELL.empty, CELL.invalid])).toBe(rules[0]);
    expect(rejectionOf(rules, [CELL.ok, CELL.invalid])).toBe(rules[1]);
    expect(rejectionOf(rules, [CELL.ok, CELL.empty])).toBe(rules[2]);
  });

  it('returns null when no rule is broken', () => {
    expect(rejectionOf(rules, [CELL.ok, CELL.ok])).toBeNull();
    expect(rejectionOf([], [CELL.empty])).toBeNull();
  });

  it('reads typed arrays of outcomes', () => {
    expect(rejectionOf(rules, Uint8Array.from([CELL.ok, CELL.empty]) as ArrayLike<CellOutcome>)).toBe(
      rules[2],
    );
  });
});

describe('ruleColumns', () => {
  it('lists the columns a rule looks at', () => {
    expect(ruleColumns({ kind: 'noneValid', columns: [0, 3], reason: '' })).toEqual([0, 3]);
    expect(ruleColumns({ kind: 'tooLong', column: 2, reason: '' })).toEqual([2]);
  });
});
