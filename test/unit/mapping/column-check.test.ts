import { describe, expect, it } from 'vitest';
import {
  CELL,
  checkCell,
  checkKey,
  columnCheckOf,
  describeCell,
  transformCell,
  type ColumnCheck,
  type NumericSink,
} from '../../../src-shared/mapping/column-check';
import type { ColumnMapping, ImportMapping } from '../../../src-shared/model/mapping';
import { parseValue } from '../../../src-shared/values/parse-value';
import { VALID, col, idCol, mappingOf, roleCol } from './fixtures';

/** The check of a mapping's column, failing the test when the column is dropped. */
function checkOf(mapping: ImportMapping, column: ColumnMapping): ColumnCheck {
  const check = columnCheckOf(mapping, column);
  if (!check) throw new Error(`column "${column.source}" is not checked`);
  return check;
}

const customers = (column: ColumnMapping, options: Partial<ImportMapping['options']> = {}) =>
  checkOf(mappingOf('customers', [idCol('registered'), column], options), column);
const catalog = (column: ColumnMapping) =>
  checkOf(mappingOf('catalog', [column], { catalogName: 'products' }), column);
const ID = customers(idCol('registered'));

describe('columnCheckOf', () => {
  it('does not check a dropped column (not imported, no role)', () => {
    const column = col('notes', { include: false });
    expect(columnCheckOf(mappingOf('customers', [column]), column)).toBeNull();
  });

  it('checks a role column even when it is not imported', () => {
    const column = idCol('registered');
    expect(column.include).toBe(false);
    expect(columnCheckOf(mappingOf('customers', [column]), column)).not.toBeNull();
  });

  it('always trims IDs and limits them to 256 bytes', () => {
    const check = customers(idCol('registered', 'registered', { trim: false }));
    expect(check).toMatchObject({
      type: 'text',
      trim: true,
      lowercase: false,
      maxBytes: 256,
      warnSlash: false,
    });
  });

  it.each(['match_key', 'identifier'] as const)('treats an identity %s as an ID', (role) => {
    const column = roleCol('c', role, { idType: 'cookie', trim: false });
    const check = checkOf(mappingOf('identity', [column]), column);
    expect(check.trim).toBe(true);
    expect(check.maxBytes).toBe(256);
  });

  it('leaves other columns untrimmed and unlimited unless asked', () => {
    expect(customers(col('name'))).toMatchObject({ trim: false, lowercase: false, maxBytes: null });
    expect(customers(col('name', { trim: true, lowercase: true }))).toMatchObject({
      trim: true,
      lowercase: true,
    });
  });

  it('does not limit a timestamp or a group_id by bytes', () => {
    const [, ts] = VALID.events().columns;
    expect(checkOf(VALID.events(), ts!).maxBytes).toBeNull();
    const group = VALID.group();
    expect(checkOf(group, group.columns[1]!).maxBytes).toBeNull();
  });

  it('limits every catalog value to 28,672 bytes and warns about "/" only in item_id', () => {
    expect(catalog(roleCol('item_id', 'item_id'))).toMatchObject({ maxBytes: 28_672, warnSlash: true });
    expect(catalog(roleCol('product_id', 'product_id'))).toMatchObject({
      maxBytes: 28_672,
      warnSlash: false,
    });
    expect(catalog(col('title'))).toMatchObject({ maxBytes: 28_672, warnSlash: false });
  });

  it("takes the column's type and only the import's value options that type reads", () => {
    const options = { decimalSeparator: ',', convertMilliseconds: true, timeZone: 'Europe/Prague' } as const;
    const check = customers(col('amount', { type: 'number' }), options);
    expect(check.type).toBe('number');
    expect(check.options).toEqual({ decimalSeparator: ',' });
    expect(customers(col('at', { type: 'datetime' }), options).options).toEqual({
      timeZone: 'Europe/Prague',
      convertMilliseconds: true,
    });
    // A text column's check (and its kept result) does not change with the zone or decimal mark.
    expect(customers(col('name'), options).options).toEqual({});
  });

  it('passes the date order only when one is chosen', () => {
    expect(customers(col('d', { type: 'date' })).options).not.toHaveProperty('dateOrder');
    expect(customers(col('d', { type: 'date' }), { dateOrder: 'DMY' }).options.dateOrder).toBe('DMY');
  });

  it("lets a column's time zone override the import's", () => {
    const column = col('at', { type: 'datetime', timeZone: 'Asia/Tokyo' });
    expect(customers(column, { timeZone: 'Europe/Prague' }).options.timeZone).toBe('Asia/Tokyo');
    expect(customers(col('at', { type: 'datetime' }), { timeZone: 'Europe/Prague' }).options.timeZone).toBe(
      'Europe/Prague',
    );
  });
});

describe('checkKey', () => {
  it('is stable for equal checks and changes with the index or any setting', () => {
    const a = customers(col('name'));
    expect(checkKey(1, a)).toBe(checkKey(1, customers(col('name'))));
    expect(checkKey(2, a)).not.toBe(checkKey(1, a));
    expect(checkKey(1, { ...a, lowercase: true })).not.toBe(checkKey(1, a));
    expect(checkKey(1, { ...a, options: { ...a.options, timeZone: 'Asia/Tokyo' } })).not.toBe(checkKey(1, a));
  });
});

describe('transformCell', () => {
  it('trims, then lowercases', () => {
    const check = customers(col('email', { trim: true, lowercase: true }));
    expect(transformCell(check, '  Ann@Example.COM \t')).toBe('ann@example.com');
  });

  it('keeps a value as is without transforms', () => {
    expect(transformCell(customers(col('name')), '  Ann ')).toBe('  Ann ');
  });

  it('lowercases without trimming when only lowercase is on', () => {
    expect(transformCell(customers(col('name', { lowercase: true })), ' ANN ')).toBe(' ann ');
  });

  it('always trims IDs', () => {
    expect(transformCell(ID, '  u-1 ')).toBe('u-1');
  });
});

describe('checkCell', () => {
  describe('IDs', () => {
    it('accepts an ID and trims it first', () => {
      expect(checkCell(ID, 'u-1')).toBe(CELL.ok);
      expect(checkCell(ID, '   u-1  ')).toBe(CELL.ok);
    });

    it.each(['', ' ', '  \t '])('reads the ID %j as empty', (raw) => {
      expect(checkCell(ID, raw)).toBe(CELL.empty);
    });

    it('accepts 256 ASCII bytes and refuses 257', () => {
      expect(checkCell(ID, 'a'.repeat(256))).toBe(CELL.ok);
      expect(checkCell(ID, 'a'.repeat(257))).toBe(CELL.tooLong);
    });

    it('measures after trimming', () => {
      expect(checkCell(ID, `  ${'a'.repeat(256)}  `)).toBe(CELL.ok);
    });

    it('counts UTF-8 bytes, not characters', () => {
      expect(checkCell(ID, '€'.repeat(85))).toBe(CELL.ok); // 255 bytes
      expect(checkCell(ID, '€'.repeat(86))).toBe(CELL.tooLong); // 258 bytes in 86 characters
      expect(checkCell(ID, 'é'.repeat(128))).toBe(CELL.ok); // 256 bytes
      expect(checkCell(ID, 'é'.repeat(128) + 'a')).toBe(CELL.tooLong); // 257 bytes
      expect(checkCell(ID, '😀'.repeat(64))).toBe(CELL.ok); // 256 bytes
      expect(checkCell(ID, '😀'.repeat(64) + 'a')).toBe(CELL.tooLong);
    });

    it('lowercases an ID when asked', () => {
      const check = customers(idCol('email', 'email_id', { lowercase: true }));
      expect(describeCell(check, ' Ann@Example.com ').value).toBe('ann@example.com');
    });
  });

  describe('catalog values', () => {
    const title = catalog(col('title'));
    const itemId = catalog(roleCol('item_id', 'item_id'));

    it('accepts 28,672 bytes and refuses 28,673', () => {
      expect(checkCell(title, 'a'.repeat(28_672))).toBe(CELL.ok);
      expect(checkCell(title, 'a'.repeat(28_673))).toBe(CELL.tooLong);
      expect(checkCell(title, 'é'.repeat(14_336))).toBe(CELL.ok);
      expect(checkCell(title, 'é'.repeat(14_336) + 'a')).toBe(CELL.tooLong);
    });

    it('does not limit values of other import types', () => {
      expect(checkCell(customers(col('notes')), 'a'.repeat(100_000))).toBe(CELL.ok);
    });

    it('warns about an item_id containing "/"', () => {
      expect(checkCell(itemId, 'shoes/42')).toBe(CELL.warning);
      expect(checkCell(itemId, 'shoes-42')).toBe(CELL.ok);
      expect(checkCell(title, 'a/b')).toBe(CELL.ok);
    });

    it('reads an over-long item_id as too long rather than warned', () => {
      expect(checkCell(itemId, `/${'a'.repeat(28_672)}`)).toBe(CELL.tooLong);
    });
  });

  describe('typed values', () => {
    it('checks a value against its type', () => {
      const number = customers(col('n', { type: 'number' }));
      expect(checkCell(number, '42.5')).toBe(CELL.ok);
      expect(checkCell(number, 'abc')).toBe(CELL.invalid);
      expect(checkCell(number, '')).toBe(CELL.empty);
      expect(checkCell(number, '   ')).toBe(CELL.empty);
    });

    it('uses the decimal separator', () => {
      const number = customers(col('n', { type: 'number' }), { decimalSeparator: ',' });
      expect(checkCell(number, '1,5')).toBe(CELL.ok);
      expect(checkCell(number, '1.5.0')).toBe(CELL.invalid);
    });

    it('keeps whitespace-only text as a value', () => {
      expect(checkCell(customers(col('name')), '   ')).toBe(CELL.ok);
    });

    it('reads a whitespace-only text as empty when trimmed', () => {
      expect(checkCell(customers(col('name', { trim: true })), '   ')).toBe(CELL.empty);
    });

    it.each([
      ['boolean', 'TRUE', CELL.ok],
      ['boolean', 'yes', CELL.invalid],
      ['date', '2025-04-03', CELL.ok],
      ['date', '2025-02-30', CELL.invalid],
      ['datetime', '2025-04-03', CELL.ok],
      ['datetime', '2020-13-45', CELL.invalid],
      ['datetime', '1700000000', CELL.ok],
      ['datetime', '1700000000000', CELL.invalid],
      ['list', '["a","b"]', CELL.ok],
      ['list', 'a,b', CELL.invalid],
      ['json', '{"a":[1,2]}', CELL.ok],
      ['json', '{a:1}', CELL.invalid],
    ] as const)('reads a %s %j as outcome %i', (type, raw, outcome) => {
      expect(checkCell(customers(col('c', { type })), raw)).toBe(outcome);
    });

    it('reads 13-digit timestamps when converting milliseconds', () => {
      const check = customers(col('at', { type: 'datetime' }), { convertMilliseconds: true });
      expect(checkCell(check, '1700000000000')).toBe(CELL.ok);
    });

    it('reports the number behind a valid cell to the sink', () => {
      const sink: NumericSink = { numeric: null };
      expect(checkCell(customers(col('n', { type: 'number' })), '42.5', sink)).toBe(CELL.ok);
      expect(sink.numeric).toBe(42.5);
      checkCell(customers(col('at', { type: 'datetime' })), '1970-01-02T00:00:00Z', sink);
      expect(sink.numeric).toBe(86_400);
    });

    it('reports nothing for text, and nothing for an invalid cell', () => {
      const sink: NumericSink = { numeric: null };
      checkCell(customers(col('name')), 'Ann', sink);
      expect(sink.numeric).toBeNull();
      sink.numeric = 7;
      checkCell(customers(col('n', { type: 'number' })), 'abc', sink);
      expect(sink.numeric).toBe(7);
    });
  });

  describe('time zones', () => {
    const iso = (check: ColumnCheck, raw: string) => {
      const { value } = describeCell(check, raw);
      return value && typeof value === 'object' && 'iso' in value ? value.iso : null;
    };

    it("reads datetimes without an offset in the import's zone", () => {
      const check = customers(col('at', { type: 'datetime' }), { timeZone: 'Europe/Prague' });
      expect(iso(check, '2024-07-01 12:00:00')).toBe('2024-07-01T10:00:00.000000Z');
    });

    it("reads them in the column's zone when it has one", () => {
      const check = customers(col('at', { type: 'datetime', timeZone: 'Asia/Tokyo' }), {
        timeZone: 'Europe/Prague',
      });
      expect(iso(check, '2024-07-01 12:00:00')).toBe('2024-07-01T03:00:00.000000Z');
    });

    it('lets an offset in the data win over any zone', () => {
      const check = customers(col('at', { type: 'datetime', timeZone: 'Asia/Tokyo' }));
      expect(iso(check, '2024-07-01T12:00:00+02:00')).toBe('2024-07-01T10:00:00.000000Z');
    });

    it('reads UTC by default', () => {
      expect(iso(customers(col('at', { type: 'datetime' })), '2024-07-01 12:00:00')).toBe(
        '2024-07-01T12:00:00.000000Z',
      );
    });
  });
});

describe('describeCell', () => {
  it('describes an empty cell', () => {
    expect(describeCell(ID, '  ')).toEqual({ outcome: CELL.empty, value: null, message: 'empty' });
  });

  it('names the size and the limit of a value too long', () => {
    expect(describeCell(ID, 'a'.repeat(257))).toEqual({
      outcome: CELL.tooLong,
      value: null,
      message: '257 bytes; at most 256 are allowed',
    });
    expect(describeCell(ID, '€'.repeat(86)).message).toBe('258 bytes; at most 256 are allowed');
    expect(describeCell(catalog(col('title')), 'a'.repeat(28_673)).message).toBe(
      '28,673 bytes; at most 28,672 are allowed',
    );
  });

  it("gives the value parser's reason for an invalid cell", () => {
    const check = customers(col('n', { type: 'number' }));
    const expected = parseValue('number', 'abc');
    expect(expected.ok).toBe(false);
    expect(describeCell(check, 'abc')).toEqual({
      outcome: CELL.invalid,
      value: null,
      message: expected.ok ? null : expected.reason,
    });
  });

  it('gives the value of a valid cell after transforms', () => {
    expect(describeCell(ID, '  u-1 ')).toEqual({ outcome: CELL.ok, value: 'u-1', message: null });
    expect(describeCell(customers(col('n', { type: 'number' })), '42')).toEqual({
      outcome: CELL.ok,
      value: 42,
      message: null,
    });
    expect(describeCell(customers(col('t', { type: 'list' })), '["a"]').value).toEqual(['a']);
  });

  it('keeps the value of a warned item_id and says why', () => {
    const result = describeCell(catalog(roleCol('item_id', 'item_id')), 'shoes/42');
    expect(result.outcome).toBe(CELL.warning);
    expect(result.value).toBe('shoes/42');
    expect(result.message).toContain('"/"');
  });

  it('agrees with checkCell', () => {
    const number = customers(col('n', { type: 'number' }));
    for (const raw of ['', '1', 'x', ' ', '1e3', '--1']) {
      expect(describeCell(number, raw).outcome).toBe(checkCell(number, raw));
    }
  });
});

describe('keys other than IDs are trimmed too', () => {
  it.each(['item_id', 'group_id', 'voucher_code', 'product_id'] as const)(
    'a %s of spaces only is empty, whatever the trim option says',
    (role) => {
      const importType = role === 'group_id' ? 'group' : role === 'voucher_code' ? 'vouchers' : 'catalog';
      const mapping = {
        ...mappingOf(importType, [col('key', { role, trim: false })]),
      };
      const check = columnCheckOf(mapping, mapping.columns[0]!)!;
      expect(check.trim).toBe(true);
      expect(checkCell(check, '   ')).toBe(CELL.empty);
      expect(transformCell(check, '  A-1 ')).toBe('A-1');
    },
  );
});
