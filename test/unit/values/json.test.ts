import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src-shared/values/json';

describe('parseJson', () => {
  it.each([
    ['{"a":1,"b":[true,null]}', { a: 1, b: [true, null] }],
    [' [1,{"x":"y"}] ', [1, { x: 'y' }]],
    ['{}', {}],
  ])('reads %s', (raw, expected) => {
    expect(parseJson(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['{"a":1,}', 'Expected double-quoted property name at character 8'],
    ['{a:1}', "Expected property name or '}' at character 2"],
    ['[1,]', "Unexpected token ']' at character 4"],
    ['{"a": [1, 2}', "Expected ',' or ']' after array element at character 12"],
    ['{"a":1} x', 'Unexpected non-whitespace character after JSON at character 9'],
    ['{"a":', 'Unexpected end of JSON input'],
    ['5', 'holds an object {…} or an array […]'],
    ['"text"', 'holds an object {…} or an array […]'],
    ['null', 'holds an object {…} or an array […]'],
  ])('refuses %s with the position: %s', (raw, reason) => {
    const result = parseJson(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('finds the position V8 leaves out of long messages, and shows what is near it', () => {
    // V8 reads "f" as the start of false and objects to the "o".
    const result = parseJson('{"name": "x", "age": forty}');
    expect(result.ok ? '' : result.reason).toMatch(
      /: Unexpected token 'o' at character 23 \(near "orty}"\)$/,
    );
  });
});
