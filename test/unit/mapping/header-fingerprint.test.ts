import { describe, expect, it } from 'vitest';
import { headerFingerprint } from '../../../src-shared/mapping/header-fingerprint';

describe('headerFingerprint', () => {
  it('is the column count and a 64-bit FNV-1a hash in hex', () => {
    expect(headerFingerprint(['registered', 'email'])).toMatch(/^2:[0-9a-f]{16}$/);
  });

  it('matches the FNV-1a test vectors for one ASCII column', () => {
    expect(headerFingerprint([])).toBe('0:cbf29ce484222325');
    expect(headerFingerprint(['a'])).toBe('1:af63dc4c8601ec8c');
    expect(headerFingerprint(['foobar'])).toBe('1:85944171f73967e8');
  });

  it('is stable', () => {
    expect(headerFingerprint(['a', 'b', 'c'])).toBe(headerFingerprint(['a', 'b', 'c']));
  });

  it('ignores case and surrounding spaces', () => {
    expect(headerFingerprint([' Registered', 'EMAIL ', '\tFirst Name'])).toBe(
      headerFingerprint(['registered', 'email', 'first name']),
    );
  });

  it('keeps spaces inside a name', () => {
    expect(headerFingerprint(['first name'])).not.toBe(headerFingerprint(['firstname']));
  });

  it('depends on the order of columns', () => {
    expect(headerFingerprint(['a', 'b'])).not.toBe(headerFingerprint(['b', 'a']));
  });

  it('differs for different numbers of columns', () => {
    expect(headerFingerprint(['a', 'b'])).not.toBe(headerFingerprint(['a', 'b', '']));
    expect(headerFingerprint(['a']).split(':')[0]).toBe('1');
    expect(headerFingerprint(['a', 'b', 'c']).split(':')[0]).toBe('3');
  });

  it('keeps column boundaries', () => {
    expect(headerFingerprint(['ab', 'c'])).not.toBe(headerFingerprint(['a', 'bc']));
  });

  it('distinguishes non-ASCII names', () => {
    expect(headerFingerprint(['příjmení'])).not.toBe(headerFingerprint(['prijmeni']));
    expect(headerFingerprint(['Příjmení'])).toBe(headerFingerprint(['příjmení']));
  });
});
