import { describe, expect, it } from 'vitest';
import {
  isLongText,
  LONG_TEXT_MIN_CHARACTERS,
  parseText,
  utf8ByteLength,
} from '../../../src-shared/values/text';

describe('text values', () => {
  it('keeps text exactly as written', () => {
    expect(parseText('  padded ')).toEqual({ ok: true, value: '  padded ' });
  });

  it.each([
    ['short', false],
    ['a'.repeat(LONG_TEXT_MIN_CHARACTERS - 1), false],
    ['a'.repeat(LONG_TEXT_MIN_CHARACTERS), true],
    // 255 emoji are 510 UTF-16 units but 255 characters: still short.
    ['🦄'.repeat(LONG_TEXT_MIN_CHARACTERS - 1), false],
    ['line one\nline two', true],
    ['carriage\rreturn', true],
  ])('isLongText(%#) is %s', (value, expected) => {
    expect(isLongText(value)).toBe(expected);
  });

  it.each([
    [''],
    ['ascii'],
    ['Příliš žluťoučký kůň'],
    ['日本語'],
    ['🦄 and 𝄞'],
    ['lone \ud800 surrogate'],
    ['\udc00 lone low'],
  ])('utf8ByteLength(%j) matches TextEncoder', (value) => {
    expect(utf8ByteLength(value)).toBe(new TextEncoder().encode(value).length);
  });
});
