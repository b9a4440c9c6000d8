import { describe, expect, it } from 'vitest';
import { containsPattern, searchText } from '../../../src-main/services/browse/contains-pattern';

describe('containsPattern', () => {
  it('escapes LIKE wildcards and the escape character so they match themselves', () => {
    expect(containsPattern('50%')).toBe('%50\\%%');
    expect(containsPattern('a_b')).toBe('%a\\_b%');
    expect(containsPattern('c:\\x')).toBe('%c:\\\\x%');
    expect(containsPattern('plain')).toBe('%plain%');
  });

  it('treats a blank search as no filter and trims the rest', () => {
    expect(searchText('')).toBeNull();
    expect(searchText('   ')).toBeNull();
    expect(searchText(' ann@ ')).toBe('ann@');
  });
});
