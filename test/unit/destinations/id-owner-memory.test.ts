import { describe, expect, it } from 'vitest';
import {
  IdOwnerMemory,
  NOBODY,
  UNKNOWN,
  type IdOwnerMemoryLimits,
} from '../../../src-main/services/destinations/workspace/id-owner-memory';

/** Small limits, so a test fills the memory with a few hundred IDs. */
const small = (overrides: Partial<IdOwnerMemoryLimits> = {}) =>
  new IdOwnerMemory({ slots: 1024, firstBytes: 4096, maxBytes: 16384, ...overrides });

describe('IdOwnerMemory', () => {
  it('answers owners and nobody for the IDs it was told, UNKNOWN for the rest, per ID type', () => {
    const memory = small();
    expect(memory.owner('registered', 'u1')).toBe(UNKNOWN);
    memory.remember('registered', 'u1', 7);
    memory.remember('email_id', 'a@x.io', undefined);
    memory.remember('cookie', 'c1', 0);
    expect(memory.owner('registered', 'u1')).toBe(7);
    expect(memory.owner('email_id', 'a@x.io')).toBe(NOBODY);
    // Owner 0 is an owner, not "nobody".
    expect(memory.owner('cookie', 'c1')).toBe(0);
    expect(memory.owner('email_id', 'u1')).toBe(UNKNOWN);
    expect(memory.owner('registered', 'u2')).toBe(UNKNOWN);
    expect(memory.owner('registered', 'u')).toBe(UNKNOWN);
    expect(memory.owner('registered', 'u10')).toBe(UNKNOWN);
    // A move and a drop overwrite the answer in place.
    memory.remember('registered', 'u1', 9);
    memory.remember('email_id', 'a@x.io', 3);
    expect(memory.owner('registered', 'u1')).toBe(9);
    expect(memory.owner('email_id', 'a@x.io')).toBe(3);
    memory.remember('email_id', 'a@x.io', undefined);
    expect(memory.owner('email_id', 'a@x.io')).toBe(NOBODY);
    expect(memory.size).toBe(3);
  });

  it('tells values apart by every UTF-16 code unit, Latin-1 or not, lone surrogates included', () => {
    const memory = small();
    const values = [
      'Dvořák',
      'Dvorak',
      'Y',
      'ř',
      'Ř',
      'ÿ',
      'é',
      'e\u0301',
      '😀',
      '\ud83d',
      '\ude00',
      'c\ud800x',
      '',
    ];
    values.forEach((value, index) => memory.remember('cookie', value, index + 1));
    values.forEach((value, index) => expect(memory.owner('cookie', value)).toBe(index + 1));
    // 'ř' is U+0159: its low byte is 'Y' (0x59), which must not match it.
    expect(memory.owner('cookie', 'Dvo\u0159ak')).toBe(UNKNOWN);
    expect(memory.owner('cookie', 'DvoYák')).toBe(UNKNOWN);
  });

  it("never takes a value for another that differs only in a character's high byte, even on a shared slot and tag", () => {
    // 4 slots: every pair shares a probe chain, and about 1 in 256 shares the 8-bit tag too, so
    // over 5,000 pairs the character comparison itself must tell them apart.
    for (let n = 0; n < 5000; n++) {
      const memory = small({ slots: 4, firstBytes: 64, maxBytes: 64 });
      memory.remember('cookie', `\u0159${n}`, 1);
      expect(memory.owner('cookie', `Y${n}`)).toBe(UNKNOWN);
      expect(memory.owner('cookie', `\u0259${n}`)).toBe(UNKNOWN);
      expect(memory.owner('cookie', `\u0159${n}`)).toBe(1);
    }
  });

  it('finds every one of 700 IDs exactly in a table of 1,024 slots (long probe chains, shared tags)', () => {
    const memory = small({ maxBytes: 65536, firstBytes: 65536 });
    for (let i = 0; i < 700; i++) memory.remember('email_id', `customer.${i}@example.com`, 1000 + i);
    expect(memory.size).toBe(700);
    for (let i = 0; i < 700; i++)
      expect(memory.owner('email_id', `customer.${i}@example.com`)).toBe(1000 + i);
    expect(memory.owner('email_id', 'customer.700@example.com')).toBe(UNKNOWN);
  });

  it('is complete from a start with no IDs stored: what it does not hold is nobody, until it forgets', () => {
    const memory = small();
    memory.startComplete();
    expect(memory.owner('registered', 'anything')).toBe(NOBODY);
    memory.remember('registered', 'u1', 5);
    expect(memory.owner('registered', 'u1')).toBe(5);
    expect(memory.owner('registered', 'u2')).toBe(NOBODY);
    // A value it cannot hold (over 255 characters) may be linked somewhere: no longer complete.
    memory.remember('registered', 'x'.repeat(256), 6);
    expect(memory.owner('registered', 'x'.repeat(256))).toBe(UNKNOWN);
    expect(memory.owner('registered', 'u2')).toBe(UNKNOWN);
    expect(memory.owner('registered', 'u1')).toBe(UNKNOWN);
  });

  it('forgets everything, never keeps a wrong answer, for an owner it cannot hold', () => {
    const memory = small();
    memory.remember('registered', 'u1', 5);
    memory.remember('registered', 'u2', 6);
    memory.remember('registered', 'u1', 2 ** 32);
    expect(memory.owner('registered', 'u1')).toBe(UNKNOWN);
    expect(memory.owner('registered', 'u2')).toBe(UNKNOWN);
    memory.remember('registered', 'u3', 2 ** 32 - 2);
    expect(memory.owner('registered', 'u3')).toBe(2 ** 32 - 2);
  });

  it('forgets everything when full of IDs that do not recur, keeping its first budget', () => {
    const memory = small();
    memory.startComplete();
    let largest = 0;
    for (let i = 0; i < 2000; i++) {
      const value = `new-${i}`;
      // A run looks each ID up once, then links it.
      expect(memory.lookup('cookie', value)).not.toBeGreaterThanOrEqual(0);
      memory.remember('cookie', value, i + 1);
      largest = Math.max(largest, memory.size);
    }
    // The first 4,096 bytes hold 292 to 372 records of 11 to 14 bytes ('new-0' to 'new-1999' and
    // a 6-byte header): it filled them, and never doubled them.
    expect(largest).toBeLessThanOrEqual(4096 / 11);
    expect(largest).toBeGreaterThanOrEqual(Math.floor(4096 / 14) - 2);
    // It forgot, so it no longer answers "nobody" for what it does not hold.
    expect(memory.owner('cookie', 'new-0')).toBe(UNKNOWN);
  });

  it('grows its budget while IDs recur, up to its limits', () => {
    const memory = small({ slots: 4096 });
    let largest = 0;
    for (let i = 0; i < 1200; i++) {
      const value = `c-${i}`;
      if (memory.lookup('cookie', value) === UNKNOWN) memory.remember('cookie', value, i + 1);
      // Each ID comes back once: half the lookups find it.
      expect(memory.lookup('cookie', value)).toBe(i + 1);
      largest = Math.max(largest, memory.size);
    }
    // Past the 4,096-byte first budget (about 340 records) up to 16,384 bytes (about 1,365).
    expect(largest).toBe(1200);
    for (let i = 0; i < 1200; i++) expect(memory.owner('cookie', `c-${i}`)).toBe(i + 1);
  });

  it('holds every record it accepts whole, even one larger than what doubling its budget added', () => {
    // Recurring short records up to every fill level of a 300 → 600-byte budget, then a record of
    // 516 bytes (255 wide characters), which doubling the budget does not make room for: it must
    // start again, not write past the store's end.
    const big = 'Ł'.repeat(255);
    for (let length = 1; length <= 24; length++) {
      for (let count = 0; count <= 40; count++) {
        const memory = small({ slots: 1024, firstBytes: 300, maxBytes: 600 });
        memory.startComplete();
        for (let i = 0; i < count; i++) {
          const value = `${i}`.padStart(length, 'x');
          memory.lookup('cookie', value);
          memory.remember('cookie', value, i + 1);
          memory.lookup('cookie', value);
        }
        memory.remember('cookie', big, 7);
        expect(memory.owner('cookie', big)).toBe(7);
      }
    }
  });

  it('forgets everything on request, and is no longer complete', () => {
    const memory = small();
    memory.startComplete();
    memory.remember('registered', 'u1', 5);
    memory.forget();
    expect(memory.size).toBe(0);
    expect(memory.owner('registered', 'u1')).toBe(UNKNOWN);
    expect(memory.owner('registered', 'u2')).toBe(UNKNOWN);
  });

  it('remembers nothing with no slots, and refuses limits out of range', () => {
    const off = new IdOwnerMemory({ slots: 0, firstBytes: 0, maxBytes: 0 });
    off.startComplete();
    off.remember('registered', 'u1', 1);
    expect(off.owner('registered', 'u1')).toBe(UNKNOWN);
    expect(off.size).toBe(0);
    expect(() => new IdOwnerMemory({ slots: 1000, firstBytes: 64, maxBytes: 64 })).toThrow(RangeError);
    expect(() => new IdOwnerMemory({ slots: 1024, firstBytes: 64, maxBytes: 2 ** 24 })).toThrow(RangeError);
    expect(() => new IdOwnerMemory({ slots: 1024, firstBytes: 128, maxBytes: 64 })).toThrow(RangeError);
  });
});
