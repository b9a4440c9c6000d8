import { describe, expect, it } from 'vitest';
import { inferColumnType } from '../../../src-shared/values/infer-type';
import type { ValueOptions } from '../../../src-shared/values/value-options';
import type { ValueWarningCode } from '../../../src-shared/values/value-warnings';

function codes(values: readonly string[], options?: ValueOptions): ValueWarningCode[] {
  return inferColumnType(values, options).warnings.map((warning) => warning.code);
}

const repeat = (value: string, count: number): string[] => Array.from({ length: count }, () => value);

describe('inferColumnType: choosing a type', () => {
  it.each([
    ['boolean words with 0/1', ['true', 'false', '1', '0', 'TRUE'], 'boolean'],
    ['only 0 and 1 (a count could be 2 later)', ['1', '0', '1', '1'], 'number'],
    ['numbers', ['1', '2.5', '-3', '1e3'], 'number'],
    ['UNIX seconds', ['1700000000', '1700003600'], 'number'],
    ['dates', ['2024-01-01', '2024-2-3', '28.9.1996'], 'date'],
    ['dates with midnight times', ['2024-01-01 00:00:00', '2024-01-02 00:00:00'], 'date'],
    ['datetimes and dates', ['2024-01-01 10:00', '2024-01-02', '2024-01-03T11:00:00Z'], 'datetime'],
    ['lists', ['["a","b"]', '[]', '["c,d"]'], 'list'],
    ['JSON objects', ['{"a":1}', '{"b":[1,2]}'], 'json'],
    ['JSON mixing objects and nested arrays', ['{"a":1}', '[{"b":2}]'], 'json'],
    ['words', ['red', 'green', 'blue'], 'text'],
    ['a line break', ['one', 'two\nlines'], 'long_text'],
    ['a long value', ['short', 'x'.repeat(300)], 'long_text'],
    ['yes/no', ['yes', 'no', 'yes'], 'text'],
  ])('%s → %s', (_name, values, type) => {
    expect(inferColumnType(values).type).toBe(type);
  });

  it('ignores blanks and whitespace-only cells', () => {
    expect(inferColumnType(['1', '', '  ', '2'])).toEqual({
      type: 'number',
      share: 1,
      nonEmpty: 2,
      examplesNotFitting: [],
      warnings: [],
    });
  });

  it('calls an all-empty column text', () => {
    expect(inferColumnType(['', ' '])).toMatchObject({ type: 'text', nonEmpty: 0, share: 1 });
  });

  it('takes a type that fits 95% and reports the misfits as would-be rejects', () => {
    const profile = inferColumnType([...repeat('7', 19), 'n/a']);
    expect(profile).toMatchObject({ type: 'number', share: 0.95, nonEmpty: 20, examplesNotFitting: ['n/a'] });
    expect(profile.warnings).toEqual([
      {
        code: 'mixed-types',
        message: expect.stringContaining('1 value(s) are not a number'),
        examples: ['n/a'],
      },
    ]);
  });

  it('falls back to text below 95%, warns of the mix, and keeps at most five examples', () => {
    const profile = inferColumnType([...repeat('7', 12), 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(profile.type).toBe('text');
    expect(profile.warnings).toEqual([
      {
        code: 'mixed-types',
        message: expect.stringContaining('60% of the values are numbers'),
        examples: ['a', 'b', 'c', 'd', 'e'],
      },
    ]);
  });
});

describe('inferColumnType: warnings', () => {
  it.each([
    ['zip codes', ['01234', '12345', '00501']],
    ['one zip code among numbers', [...repeat('12345', 99), '01234']],
    ['phone numbers with +', ['+420601123456', '+420777111222']],
  ])('leading zeros: %s stay text', (_name, values) => {
    const profile = inferColumnType(values);
    expect(profile.type).toBe('text');
    expect(profile.warnings.map((warning) => warning.code)).toContain('leading-zeros');
  });

  it('does not warn of leading zeros for decimals below one', () => {
    expect(inferColumnType(['0.5', '0', '0.25'])).toMatchObject({ type: 'number', warnings: [] });
  });

  it('ambiguous dates: assumes the order other values prove, and says so', () => {
    const profile = inferColumnType(['03/04/2025', '13/04/2025', '05/06/2025']);
    expect(profile).toMatchObject({ type: 'date', dateOrder: 'DMY', share: 1 });
    expect(profile.warnings).toEqual([
      {
        code: 'ambiguous-date',
        message: expect.stringContaining('other values prove day/month'),
        examples: ['03/04/2025', '05/06/2025'],
      },
    ]);
  });

  it('ambiguous dates: asks for an order when no value proves one', () => {
    const profile = inferColumnType(['03/04/2025', '05/06/2025']);
    expect(profile.type).toBe('date');
    expect(profile.dateOrder).toBeUndefined();
    expect(profile.warnings[0]?.message).toContain('choose a date order');
  });

  it('ambiguous dates: no warning once the order is chosen', () => {
    expect(inferColumnType(['03/04/2025', '05/06/2025'], { dateOrder: 'MDY' })).toMatchObject({
      type: 'date',
      dateOrder: 'MDY',
      warnings: [],
    });
  });

  it('decimal comma: text with a warning, or numbers once decimal comma is chosen', () => {
    const values = ['3,14', '2,5', '1', '-0,75'];
    const profile = inferColumnType(values);
    expect(profile.type).toBe('text');
    expect(profile.warnings).toEqual([
      { code: 'decimal-comma', message: expect.stringContaining('3,14'), examples: ['3,14', '2,5', '-0,75'] },
    ]);
    expect(inferColumnType(values, { decimalSeparator: ',' })).toMatchObject({
      type: 'number',
      warnings: [],
    });
  });

  it('excel date trap: decimals mixed with dates a spreadsheet made of them', () => {
    const profile = inferColumnType(['6.1', '12.3', '6. 1.', '1-Jun', 'Jun-01', '01.06.2024', '7.2', '6/1']);
    expect(profile.type).toBe('text');
    const trap = profile.warnings.find((warning) => warning.code === 'excel-date-trap');
    expect(trap?.examples).toEqual(['6. 1.', '1-Jun', 'Jun-01', '01.06.2024', '6/1']);
  });

  it.each([
    ['a plain date column', ['01.06.2024', '02.06.2024']],
    ['a plain decimal column', ['6.1', '12.3']],
    ['integers with dates', ['6', '12', '1-Jun']],
  ])('excel date trap: not raised for %s', (_name, values) => {
    expect(codes(values)).not.toContain('excel-date-trap');
  });

  it('milliseconds: 13-digit epoch values are numbers with a warning', () => {
    const profile = inferColumnType(['1711843200000', '1711929600123', '1712016000000']);
    expect(profile.type).toBe('number');
    expect(profile.warnings).toEqual([
      {
        code: 'milliseconds-timestamp',
        message: expect.stringContaining('2024-03-31T00:00:00.000000Z'),
        examples: ['1711843200000', '1711929600123', '1712016000000'],
      },
    ]);
  });

  it.each([
    ['10-digit seconds', ['1711843200', '1711929600']],
    ['13-digit barcodes outside 2000–2100', ['8590000000001', '5901234123457']],
  ])('milliseconds: not raised for %s', (_name, values) => {
    expect(codes(values)).not.toContain('milliseconds-timestamp');
  });
});
