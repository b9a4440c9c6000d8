import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPersonalValue, normalizeEmail, normalizePhone, sha256Hex } from '../../../src-shared/values/pii';

// Computed by Node's own SHA-256, not by the module under test.
function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('normalizeEmail', () => {
  it.each([
    ['  John.Doe+News@Example.COM  ', 'john.doe+news@example.com'],
    ['\tA@B.CZ\r\n', 'a@b.cz'],
    ['\u00a0a@b.cz\ufeff', 'a@b.cz'], // no-break space and BOM are trimmed like spaces
    ['j.o.h.n@gmail.com', 'j.o.h.n@gmail.com'], // dots are kept: no provider-specific rules
    ['a+tag+more@x.com', 'a+tag+more@x.com'],
    ['Jiří.Novák@Seznam.CZ', 'jiří.novák@seznam.cz'],
    ['ÜSER@BÜCHER.DE', 'üser@bücher.de'],
    ['U\u0308ser@bu\u0308cher.de', 'üser@bücher.de'], // decomposed input composes to NFC
    ['user@XN--BCHER-KVA.DE', 'user@xn--bcher-kva.de'], // Punycode stays Punycode
    ['a@[192.168.0.1]', 'a@[192.168.0.1]'],
  ])('normalizeEmail(%j) is %j', (value, expected) => {
    expect(normalizeEmail(value)).toBe(expected);
  });

  it('gives composed and decomposed spellings one form', () => {
    expect(normalizeEmail('Zoë@example.com')).toBe(normalizeEmail('zoe\u0308@EXAMPLE.com'));
  });

  it.each([
    [''],
    ['   '],
    ['john.doe'],
    ['@example.com'],
    ['john@'],
    ['john doe@example.com'],
    ['john@exa mple.com'],
    ['a@b@example.com'],
    ['a@.cz'],
    ['a@b..cz'],
    ['a@b.cz.'],
    ['a\u200b@b.cz'], // zero-width space from a copy
    ['a\u0000@b.cz'],
  ])('normalizeEmail(%j) is null', (value) => {
    expect(normalizeEmail(value)).toBeNull();
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+420 602 123 456', 'CZ', '+420602123456'],
    ['00420602123456', 'CZ', '+420602123456'],
    ['602 123 456', 'CZ', '+420602123456'],
    ['602-123-456', 'CZ', '+420602123456'],
    ['  602123456  ', 'cz', '+420602123456'], // the country code is read case-insensitively
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+1-415-555-2671', 'US', '+14155552671'],
    ['1 415 555 2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['011 420 602 123 456', 'US', '+420602123456'], // US international prefix
    ['020 7946 0018', 'GB', '+442079460018'],
    ['+44 (0)20 7946 0018', 'GB', '+442079460018'],
    ['0044 20 7946 0018', 'GB', '+442079460018'],
    ['07700 900123', 'GB', '+447700900123'],
    ['+1 (415) 555-2671', 'GB', '+14155552671'], // a `+` number ignores the default country
    ['+44 20 7946 0018', 'CZ', '+442079460018'],
    ['+420602123456', 'XX', '+420602123456'],
    ['+1 415 555 2671 ext. 12', 'US', '+14155552671'], // E.164 has no extension
    ['４１５ ５５５ ２６７１', 'US', '+14155552671'], // full-width digits
  ])('normalizePhone(%j, %s) is %s', (value, country, expected) => {
    expect(normalizePhone(value, country)).toBe(expected);
  });

  it.each([
    ['', 'CZ'],
    ['   ', 'CZ'],
    ['abc', 'CZ'],
    ['123', 'CZ'], // too short
    ['555-2671', 'US'], // no area code
    ['+420 602 123 456 789 123', 'CZ'], // too long
    ['call 602 123 456 now', 'CZ'], // the whole value must be the number
    ['602 123 456 / 777 888 999', 'CZ'],
    ['00420602123456', 'US'], // 00 is not the US international prefix
    ['602 123 456', 'XX'], // unknown default country: only `+` numbers can be read
  ])('normalizePhone(%j, %s) is null', (value, country) => {
    expect(normalizePhone(value, country)).toBeNull();
  });
});

describe('sha256Hex', () => {
  it('matches the published SHA-256 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['john.doe+news@example.com'],
    ['+420602123456'],
    ['Příliš žluťoučký kůň'],
    ['日本語 🦄 𝄞'],
    ['lone \ud800 surrogate'], // UTF-8 encodes it as U+FFFD, as Node does
    ['x'.repeat(1000)],
  ])('sha256Hex(%j) matches node:crypto', (text) => {
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });
});

describe('hashPersonalValue', () => {
  it.each([
    ['  John.Doe+News@Example.COM ', 'email', 'john.doe+news@example.com'],
    ['ÜSER@BÜCHER.DE', 'email', 'üser@bücher.de'],
    ['602 123 456', 'phone', '+420602123456'],
    ['00420 602 123 456', 'phone', '+420602123456'],
    ['+1-415-555-2671', 'phone', '+14155552671'],
    ['  ABC Ltd. ', 'other', 'ABC Ltd.'], // other values are trimmed only: case kept
  ] as const)('hashPersonalValue(%j, %s) hashes %j', (value, kind, normalized) => {
    expect(hashPersonalValue(value, kind, 'CZ')).toBe(nodeSha256(normalized));
  });

  it('gives every spelling of one email or phone one hash', () => {
    const emails = ['a.b+x@example.com', ' A.B+X@EXAMPLE.COM', 'a.b+x@Example.com\t'];
    const phones = ['+420 602 123 456', '00420602123456', '602 123 456', '602-123-456'];
    expect(new Set(emails.map((e) => hashPersonalValue(e, 'email', 'CZ'))).size).toBe(1);
    expect(new Set(phones.map((p) => hashPersonalValue(p, 'phone', 'CZ'))).size).toBe(1);
  });

  it.each([
    ['', 'email'],
    ['not an email', 'email'],
    ['', 'phone'],
    ['12', 'phone'],
    ['', 'other'],
    [' \t ', 'other'],
  ] as const)('hashPersonalValue(%j, %s) is null', (value, kind) => {
    expect(hashPersonalValue(value, kind, 'CZ')).toBeNull();
  });
});
