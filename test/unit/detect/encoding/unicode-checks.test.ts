import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { findByteOrderMark, scanUtf8 } from '../../../../src-main/services/detect/encoding/unicode-checks';
import { findUtf16Pattern } from '../../../../src-main/services/detect/encoding/utf16-without-bom';

describe('scanUtf8', () => {
  it('counts complete multi-byte characters of valid UTF-8', () => {
    expect(scanUtf8(new TextEncoder().encode('aé€😀'))).toEqual({
      valid: true,
      multiByteCount: 3,
      endsMidCharacter: false,
    });
  });

  it.each([
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a stray continuation byte', [0x61, 0x80]],
    ['a lead byte followed by ASCII', [0xc5, 0x61]],
    ['a byte never used in UTF-8', [0xff]],
  ])('rejects %s', (_name, bytes) => {
    expect(scanUtf8(Uint8Array.from(bytes)).valid).toBe(false);
  });

  it('reports a well-formed but cut final character separately', () => {
    expect(scanUtf8(Uint8Array.from([0x61, 0xe2, 0x82]))).toMatchObject({
      valid: true,
      endsMidCharacter: true,
    });
    expect(scanUtf8(Uint8Array.from([0x61, 0xe0, 0x80]))).toMatchObject({ valid: false });
  });
});

describe('findByteOrderMark', () => {
  it('finds nothing in plain text', () => {
    expect(findByteOrderMark(new TextEncoder().encode('abc'))).toBeUndefined();
  });
});

describe('findUtf16Pattern', () => {
  it('reports the byte order and a cut final character', () => {
    const bytes = new Uint8Array(iconv.encode('Иван Петров, Москва, 12\n', 'utf-16be'));
    expect(findUtf16Pattern(bytes)).toMatchObject({ encoding: 'utf-16be', endsMidCharacter: false });
    expect(findUtf16Pattern(bytes.subarray(0, bytes.length - 1))).toMatchObject({ endsMidCharacter: true });
  });

  it('ignores single-byte text and text whose units are control codes', () => {
    expect(findUtf16Pattern(new TextEncoder().encode('plain ASCII text, no zero bytes'))).toBeUndefined();
    expect(
      findUtf16Pattern(Uint8Array.from({ length: 64 }, (_, index) => (index % 2 === 0 ? 0x01 : 0))),
    ).toBeUndefined();
  });
});
