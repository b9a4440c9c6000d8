import { describe, expect, it, vi } from 'vitest';
import { parseValue } from '../../../src-shared/values/parse-value';
import type { ValueOptions } from '../../../src-shared/values/value-options';

// Hard cases read end to end through parseValue; the per-module tests hold the rest of each rule.

const COMMA: ValueOptions = { decimalSeparator: ',' };
const DOT: ValueOptions = { decimalSeparator: '.' };
const PRAGUE: ValueOptions = { timeZone: 'Europe/Prague' };

function datetimeIso(raw: string, options?: ValueOptions): string | null | undefined {
  const result = parseValue('datetime', raw, options);
  if (!result.ok) throw new Error(result.reason);
  return result.value?.iso;
}

describe('hard cases: decimal comma against thousands separators', () => {
  it.each([
    ['1.234,56', COMMA, 1234.56],
    ['1,234.56', DOT, 1234.56],
    ['1,234', COMMA, 1.234],
    // A quoted cell counts as a number (REFERENCE §1.2), whatever the separators inside.
    ['"11,3"', COMMA, 11.3],
    ['"1,234.56"', DOT, 1234.56],
    ["'1.234,56'", COMMA, 1234.56],
  ] as const)('reads %j (%j) as %d', (raw, options, expected) => {
    expect(parseValue('number', raw, options)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      '1,234',
      DOT,
      '"1,234" is not a number: ambiguous, "," may separate thousands or decimals ' +
        '(remove the thousands separator, or choose the other decimal separator)',
    ],
    ['1,23,4', DOT, '"1,23,4" is not a number: the thousands separators are not in groups of three'],
    [
      '1,23,4',
      COMMA,
      '"1,23,4" is not a number: expected digits with an optional sign, decimal comma and exponent, like -1,5 or 1e3',
    ],
    ['1.23.4', COMMA, '"1.23.4" is not a number: the thousands separators are not in groups of three'],
    ['11,3', DOT, '"11,3" is not a number: decimal comma (use a dot, or choose decimal comma)'],
    ['11,3', {}, '"11,3" is not a number: decimal comma (use a dot, or choose decimal comma)'],
    [
      '"7\'',
      {},
      '""7\'" is not a number: expected digits with an optional sign, decimal dot and exponent, like -1.5 or 1e3',
    ],
  ] as const)('refuses %j (%j), naming the expected form', (raw, options, reason) => {
    expect(parseValue('number', raw, options)).toEqual({ ok: false, reason });
  });
});

describe('hard cases: leading zeros, signs and exponents', () => {
  it('reads 007 as the number 7 (inference, not the number rule, keeps codes as text)', () => {
    expect(parseValue('number', '007')).toEqual({ ok: true, value: 7 });
    expect(parseValue('number', '"007"')).toEqual({ ok: true, value: 7 });
  });

  it('keeps 007 as written in text', () => {
    expect(parseValue('text', '007')).toEqual({ ok: true, value: '007' });
    expect(parseValue('long_text', '007')).toEqual({ ok: true, value: '007' });
  });

  it.each([
    ['0.5', 0.5],
    ['+5', 5],
    ['1e3', 1000],
    ['1E3', 1000],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseValue('number', raw)).toEqual({ ok: true, value: expected });
  });

  it('reads -0 as negative zero, which equals 0', () => {
    const result = parseValue('number', '-0');
    expect(result.ok).toBe(true);
    const value = result.ok ? result.value : null;
    expect(value === 0).toBe(true);
    expect(Object.is(value, -0)).toBe(true);
  });
});

describe('hard cases: UNIX seconds and milliseconds', () => {
  it('reads 1596615705 as 2020-08-05T08:21:45Z', () => {
    expect(parseValue('datetime', '1596615705')).toEqual({
      ok: true,
      value: { epochSeconds: 1596615705, iso: '2020-08-05T08:21:45.000000Z' },
    });
  });

  it('refuses 13 digits by default, naming milliseconds and the expected seconds', () => {
    expect(parseValue('datetime', '1596615705000')).toEqual({
      ok: false,
      reason:
        '"1596615705000" looks like milliseconds; Intake expects UNIX seconds ' +
        '(divide by 1000, or choose to convert milliseconds)',
    });
    expect(parseValue('datetime', '-1596615705123')).toEqual({
      ok: false,
      reason:
        '"-1596615705123" looks like milliseconds; Intake expects UNIX seconds ' +
        '(divide by 1000, or choose to convert milliseconds)',
    });
  });

  it.each([
    ['1596615705000', '2020-08-05T08:21:45.000000Z', 1596615705],
    ['1596615705123', '2020-08-05T08:21:45.123000Z', 1596615705.123],
    ['-1596615705123', '1919-05-29T15:38:14.877000Z', -1596615705.123],
  ])('converts %j when milliseconds are allowed', (raw, iso, epochSeconds) => {
    const result = parseValue('datetime', raw, { convertMilliseconds: true });
    expect(result.ok && result.value?.iso).toBe(iso);
    expect(result.ok && result.value?.epochSeconds).toBeCloseTo(epochSeconds, 6);
  });

  it.each([
    ['1596615705.123456', '2020-08-05T08:21:45.123456Z', 1596615705.123456],
    // Digits past the sixth are dropped, not rounded.
    ['1596615705.1234569', '2020-08-05T08:21:45.123456Z', 1596615705.123456],
    ['-1596615705', '1919-05-29T15:38:15.000000Z', -1596615705],
    ['-1596615705.25', '1919-05-29T15:38:14.750000Z', -1596615705.25],
  ])('reads %j as %s, keeping microseconds', (raw, iso, epochSeconds) => {
    const result = parseValue('datetime', raw);
    expect(result.ok && result.value?.iso).toBe(iso);
    expect(result.ok && result.value?.epochSeconds).toBeCloseTo(epochSeconds, 6);
  });
});

describe('hard cases: ISO with and without an offset under a chosen zone', () => {
  it('reads a wall time without offset in the chosen zone', () => {
    expect(parseValue('datetime', '2020-08-05T10:22:00', PRAGUE)).toEqual({
      ok: true,
      value: { epochSeconds: 1596615720, iso: '2020-08-05T08:22:00.000000Z' },
    });
  });

  it.each([
    ['2020-08-05T10:22:00Z', PRAGUE, '2020-08-05T10:22:00.000000Z'],
    ['2020-08-05T10:22:00z', PRAGUE, '2020-08-05T10:22:00.000000Z'],
    ['2020-08-05T10:22:00+02:00', PRAGUE, '2020-08-05T08:22:00.000000Z'],
    ['2020-08-05T10:22:00+02:00', { timeZone: 'America/New_York' }, '2020-08-05T08:22:00.000000Z'],
    ['2020-08-05T10:22:00-04:00', PRAGUE, '2020-08-05T14:22:00.000000Z'],
  ] as const)('lets the offset in %j win over the zone (%j)', (raw, options, iso) => {
    expect(datetimeIso(raw, options)).toBe(iso);
  });

  it.each([
    ['2018-8-5 12:20:25.555Z', '2018-08-05T12:20:25.555000Z', 1533471625.555],
    ['2018-8-5t12:20:25Z', '2018-08-05T12:20:25.000000Z', 1533471625],
  ])('reads %j as %s', (raw, iso, epochSeconds) => {
    const result = parseValue('datetime', raw, PRAGUE);
    expect(result.ok && result.value?.iso).toBe(iso);
    expect(result.ok && result.value?.epochSeconds).toBeCloseTo(epochSeconds, 6);
  });

  // The gap: 02:30 never happened on 31 March 2024 and is read with the offset before it (03:30 CEST).
  // The overlap: 02:30 happened twice on 27 October 2024 and the earlier (CEST) instant is taken.
  const DST_CASES = [
    ['2024-03-31 02:30', '2024-03-31T01:30:00.000000Z'],
    ['2024-03-31T02:30:00', '2024-03-31T01:30:00.000000Z'],
    ['2024-3-31 2:30', '2024-03-31T01:30:00.000000Z'],
    ['2024-10-27 02:30', '2024-10-27T00:30:00.000000Z'],
    ['2024-10-27T02:30:00', '2024-10-27T00:30:00.000000Z'],
    ['2024-10-27 2:30', '2024-10-27T00:30:00.000000Z'],
  ] as const;

  it.each(DST_CASES)('reads the DST case %j in Europe/Prague as %s, every time', (raw, iso) => {
    for (let attempt = 0; attempt < 3; attempt++) expect(datetimeIso(raw, PRAGUE)).toBe(iso);
  });

  it('reads the DST cases alike with a cold zone cache and after warming it in another order', async () => {
    vi.resetModules();
    const cold = await import('../../../src-shared/values/parse-value');
    const coldResults = DST_CASES.map(([raw]) => cold.parseValue('datetime', raw, PRAGUE));

    vi.resetModules();
    const warm = await import('../../../src-shared/values/parse-value');
    for (const day of ['2024-10-27', '2024-03-31']) {
      for (let minute = 24 * 60 - 1; minute >= 0; minute -= 7) {
        const wall = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        warm.parseValue('datetime', `${day} ${wall}`, PRAGUE);
      }
    }
    const warmResults = [...DST_CASES]
      .reverse()
      .map(([raw]) => warm.parseValue('datetime', raw, PRAGUE))
      .reverse();

    expect(warmResults).toEqual(coldResults);
    expect(coldResults.map((result) => result.ok && result.value?.iso)).toEqual(
      DST_CASES.map(([, iso]) => iso),
    );
  });
});

describe('hard cases: a date alone means midnight', () => {
  it.each([
    [{}, '2020-08-05T00:00:00.000000Z', 1596585600],
    [{ timeZone: 'America/New_York' }, '2020-08-05T04:00:00.000000Z', 1596600000],
  ] as const)('reads 2020-08-05 as a datetime (%j) at %s', (options, iso, epochSeconds) => {
    expect(parseValue('datetime', '2020-08-05', options)).toEqual({
      ok: true,
      value: { epochSeconds, iso },
    });
  });

  it('gives a date the same midnight in the zone', () => {
    expect(parseValue('date', '2020-08-05', { timeZone: 'America/New_York' })).toEqual({
      ok: true,
      value: { date: '2020-08-05', epochSeconds: 1596600000, iso: '2020-08-05T04:00:00.000000Z' },
    });
  });
});

describe('hard cases: day.month.year', () => {
  it('reads 28.9.1996 as a date', () => {
    expect(parseValue('date', '28.9.1996')).toEqual({
      ok: true,
      value: { date: '1996-09-28', epochSeconds: 843868800, iso: '1996-09-28T00:00:00.000000Z' },
    });
  });

  it.each([
    [{}, '1996-09-28T13:45:00.000000Z', 843918300],
    [PRAGUE, '1996-09-28T11:45:00.000000Z', 843911100],
  ] as const)('reads 28.9.1996 13:45 as a datetime (%j)', (options, iso, epochSeconds) => {
    expect(parseValue('datetime', '28.9.1996 13:45', options)).toEqual({
      ok: true,
      value: { epochSeconds, iso },
    });
  });

  it('refuses 28.9.1996 13:45 as a date because it has a time', () => {
    expect(parseValue('date', '28.9.1996 13:45')).toEqual({
      ok: false,
      reason: '"28.9.1996 13:45" has a time of day: choose datetime, or drop the time',
    });
  });

  it.each([
    [
      DOT,
      '"28.9.1996" is not a number: expected digits with an optional sign, decimal dot and exponent, like -1.5 or 1e3',
    ],
    [COMMA, '"28.9.1996" is not a number: the thousands separators are not in groups of three'],
  ] as const)('refuses 28.9.1996 as a number (%j)', (options, reason) => {
    expect(parseValue('number', '28.9.1996', options)).toEqual({ ok: false, reason });
  });

  it.each([
    ['date', '31.2.1996', '"31.2.1996" is not a valid date: February 1996 has no day 31'],
    ['datetime', '31.2.1996', '"31.2.1996" is not a valid date: February 1996 has no day 31'],
    ['datetime', '31.2.1996 13:45', '"31.2.1996 13:45" is not a valid date: February 1996 has no day 31'],
    ['date', '29.2.1997', '"29.2.1997" is not a valid date: February 1997 has no day 29'],
  ] as const)('refuses the %s %j, naming the day', (type, raw, reason) => {
    expect(parseValue(type, raw)).toEqual({ ok: false, reason });
  });
});

describe('hard cases: lists', () => {
  it.each([
    ['["a","b"]', ['a', 'b']],
    ['["a, b","c"]', ['a, b', 'c']],
    ['["say \\"hi\\""]', ['say "hi"']],
    ['[]', []],
    ['[1, 2]', [1, 2]],
    ['["it\'s"]', ["it's"]],
  ])('reads %s', (raw, expected) => {
    expect(parseValue('list', raw)).toEqual({ ok: true, value: expected });
  });

  const FORM = '["a","b"] (square brackets, values in double quotes, separated by commas)';

  it.each([
    ['a,b', `"a,b" is not a list: write lists as ${FORM}`],
    ["['a']", `"['a']" is not a list: use double quotes, as in ${FORM}`],
    // Mixed quotes get the JSON error rather than the double-quote hint.
    [
      `['a', "b"]`,
      `"['a', "b"]" is not a valid list: Unexpected token ''' at character 2 (near "'a', \\"b\\"]")`,
    ],
  ])('refuses %s, naming the list form', (raw, reason) => {
    expect(parseValue('list', raw)).toEqual({ ok: false, reason });
  });
});

describe('hard cases: booleans', () => {
  it.each([
    ['1', true],
    ['0', false],
    ['true', true],
    ['false', false],
    ['TRUE', true],
    ['False', false],
    ['  true  ', true],
    [' 0 ', false],
    ['\tFALSE\n', false],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseValue('boolean', raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['yes', 'no', '2', 't', '01', '-1'])('refuses %j with the accepted forms', (raw) => {
    expect(parseValue('boolean', raw)).toEqual({
      ok: false,
      reason: `"${raw}" is not a boolean: use true, false, 1 or 0`,
    });
  });
});

describe('hard cases: JSON', () => {
  it.each([
    ['{"a":[1,2]}', { a: [1, 2] }],
    ['[1,2]', [1, 2]],
  ])('reads %s', (raw, expected) => {
    expect(parseValue('json', raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['"5"', '5'])('refuses the scalar %s: a JSON column holds an object or an array', (raw) => {
    expect(parseValue('json', raw)).toEqual({
      ok: false,
      reason: `"${raw}" is not JSON: a JSON column holds an object {…} or an array […]`,
    });
  });

  it.each([
    ['{"a" 1}', `"{"a" 1}" is not valid JSON: Expected ':' after property name at character 6 (near "1}")`],
    ['[1,2', `"[1,2" is not valid JSON: Expected ',' or ']' after array element at character 5`],
  ])('refuses malformed %s with the position', (raw, reason) => {
    expect(parseValue('json', raw)).toEqual({ ok: false, reason });
  });
});

describe('hard cases: blanks', () => {
  it.each(['number', 'boolean', 'date', 'datetime', 'list', 'json'] as const)(
    'reads "" and "   " as blank for %s',
    (type) => {
      expect(parseValue(type, '')).toEqual({ ok: true, value: null });
      expect(parseValue(type, '   ')).toEqual({ ok: true, value: null });
    },
  );

  it('reads "" as blank for text but keeps "   " as written', () => {
    expect(parseValue('text', '')).toEqual({ ok: true, value: null });
    expect(parseValue('text', '   ')).toEqual({ ok: true, value: '   ' });
  });
});
