import { describe, expect, it } from 'vitest';
import { isBooleanWord, parseBoolean } from '../../../src-shared/values/boolean';

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['TRUE ', true],
    [' False', false],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseBoolean(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['yes', 'no', 'Y', '2', '-1', '1.0', 't', 'on', '01'])(
    'refuses %j with the accepted forms',
    (raw) => {
      expect(parseBoolean(raw)).toEqual({
        ok: false,
        reason: `"${raw}" is not a boolean: use true, false, 1 or 0`,
      });
    },
  );

  it.each([
    ['True', true],
    ['0', false],
    ['1', false],
    ['yes', false],
  ])('isBooleanWord(%j) is %s', (raw, expected) => {
    expect(isBooleanWord(raw)).toBe(expected);
  });
});
