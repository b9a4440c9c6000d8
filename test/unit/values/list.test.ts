import { describe, expect, it } from 'vitest';
import { parseList } from '../../../src-shared/values/list';

describe('parseList', () => {
  it.each([
    ['["a","b"]', ['a', 'b']],
    ['[]', []],
    [' [ "a" , "b" ] ', ['a', 'b']],
    ['["a,b","c"]', ['a,b', 'c']],
    ['["say \\"hi\\"", "x"]', ['say "hi"', 'x']],
    ['["Příliš žluťoučký","🦄","\\u00e9"]', ['Příliš žluťoučký', '🦄', 'é']],
    ['[1,2.5,-3]', [1, 2.5, -3]],
    ['["a",1,true]', ['a', 1, true]],
  ])('reads %s', (raw, expected) => {
    expect(parseList(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a,b', 'is not a list: write lists as ["a","b"]'],
    ['a', 'is not a list: write lists as ["a","b"]'],
    ['{"a":1}', 'is not a list: write lists as ["a","b"]'],
    ["['a','b']", 'use double quotes'],
    ['[a,b]', "Unexpected token 'a' at character 2"],
    ['["a",]', "Unexpected token ']' at character 6"],
    ['["a" "b"]', "Expected ',' or ']' after array element at character 6"],
    ['["a"', 'at character 5'],
    ['[["a"]]', 'item 1 is a list'],
    ['["a",{"b":1}]', 'item 2 is an object'],
    ['[null]', 'item 1 is null'],
  ])('refuses %s: %s', (raw, reason) => {
    const result = parseList(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
