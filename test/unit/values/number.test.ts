import { describe, expect, it } from 'vitest';
import { looksLikeCode, parseNumber } from '../../../src-shared/values/number';

describe('parseNumber with a decimal dot', () => {
  it.each([
    ['-1.5', -1.5],
    ['1e3', 1000],
    ['+2', 2],
    ['  42  ', 42],
    ['.5', 0.5],
    ['1.5E-2', 0.015],
    ['"11.3"', 11.3],
    ["'7'", 7],
    ['1,234.56', 1234.56],
    ['1,234,567', 1234567],
    ['-12,345,678.9', -12345678.9],
    ['00123', 123],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseNumber(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,5', 'decimal comma (use a dot, or choose decimal comma)'],
    ['1,234', 'ambiguous'],
    ['1,23,456', 'groups of three'],
    ['1.234,56', 'choose decimal comma'],
    ['1 234,56', 'grouped with spaces'],
    ['1\u00a0234', 'grouped with spaces'],
    ['abc', 'like -1.5 or 1e3'],
    ['5.', 'like -1.5 or 1e3'],
    ['0x10', 'like -1.5 or 1e3'],
    ['Infinity', 'like -1.5 or 1e3'],
    ['1e999', 'too large'],
    ['+420 601 123 456', 'phone number or code'],
    ['1,2.3,4', 'like -1.5 or 1e3'],
  ])('refuses %j, naming the expected form', (raw, reason) => {
    const result = parseNumber(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(`"${raw}" is not a number`);
      expect(result.reason).toContain(reason);
    }
  });
});

describe('parseNumber with a decimal comma', () => {
  it.each([
    ['3,14', 3.14],
    ['-1,5', -1.5],
    ['1.234,56', 1234.56],
    ['1.234.567', 1234567],
    ['1234', 1234],
    ['1,234', 1.234],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseNumber(raw, { decimalSeparator: ',' })).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1.5', 'decimal dot'],
    ['1.234', 'ambiguous'],
    ['1,234.56', 'choose decimal dot'],
  ])('refuses %j', (raw, reason) => {
    const result = parseNumber(raw, { decimalSeparator: ',' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('looksLikeCode', () => {
  it.each([
    ['00123', true],
    ['01234', true],
    ['+420 601 123 456', true],
    ['+420601123456', true],
    ['12345678901234567890', true],
    ['0', false],
    ['0.5', false],
    ['12345', false],
    ['-0123', false],
    ['+2', false],
    ['1234567890123', false],
  ])('%j → %s', (raw, expected) => {
    expect(looksLikeCode(raw)).toBe(expected);
  });
});
