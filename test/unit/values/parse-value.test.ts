import { describe, expect, it } from 'vitest';
import { COLUMN_TYPES } from '../../../src-shared/model/column-type';
import { parseValue } from '../../../src-shared/values/parse-value';

describe('parseValue', () => {
  it.each(COLUMN_TYPES)('reads an empty cell as a blank for %s', (type) => {
    expect(parseValue(type, '')).toEqual({ ok: true, value: null });
  });

  it.each(COLUMN_TYPES.filter((type) => type !== 'text' && type !== 'long_text'))(
    'reads a whitespace-only cell as a blank for %s',
    (type) => {
      expect(parseValue(type, '  \t')).toEqual({ ok: true, value: null });
    },
  );

  it('keeps whitespace in text', () => {
    expect(parseValue('text', '  ')).toEqual({ ok: true, value: '  ' });
  });

  it.each([
    ['number', '3,14', { decimalSeparator: ',' }, 3.14],
    ['boolean', 'FALSE', {}, false],
    ['list', '["a","b"]', {}, ['a', 'b']],
    ['json', '{"a":1}', {}, { a: 1 }],
    ['long_text', 'a\nb', {}, 'a\nb'],
  ] as const)('dispatches %s %j', (type, raw, options, expected) => {
    expect(parseValue(type, raw, options)).toEqual({ ok: true, value: expected });
  });

  it('passes the zone and date order through to datetimes and dates', () => {
    const datetime = parseValue('datetime', '03/04/2025 12:00', {
      timeZone: 'Europe/Prague',
      dateOrder: 'DMY',
    });
    expect(datetime.ok && datetime.value?.iso).toBe('2025-04-03T10:00:00.000000Z');
    const date = parseValue('date', '03/04/2025', { dateOrder: 'MDY' });
    expect(date.ok && date.value?.date).toBe('2025-03-04');
  });

  it('passes refusals through', () => {
    expect(parseValue('number', 'abc').ok).toBe(false);
    expect(parseValue('datetime', '1711843200000').ok).toBe(false);
    expect(parseValue('datetime', '1711843200000', { convertMilliseconds: true }).ok).toBe(true);
  });
});
