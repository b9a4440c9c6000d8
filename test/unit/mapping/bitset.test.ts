import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  bitIndexes,
  bitsToIndexes,
  countBits,
  createBitset,
  createSharedBitset,
  hasBit,
  setBit,
} from '../../../src-main/services/mapping/bitset';
import { seededRandom as random } from '../../support/seeded-random';

describe('createBitset', () => {
  it.each([
    [0, 0],
    [1, 1],
    [31, 1],
    [32, 1],
    [33, 2],
    [64, 2],
    [1_000_001, 31_251],
  ])('holds %i bits in %i words', (size, words) => {
    const bits = createBitset(size);
    expect(bits).toBeInstanceOf(Uint32Array);
    expect(bits.length).toBe(words);
    expect(countBits(bits)).toBe(0);
  });
});

describe('createSharedBitset', () => {
  it.each([
    [0, 0],
    [33, 2],
    [1_000_001, 31_251],
  ])('holds %i bits in %i words of shared memory', (size, words) => {
    const bits = createSharedBitset(size);
    expect(bits.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bits.length).toBe(words);
    expect(countBits(bits)).toBe(0);
  });

  it('is the same memory in a worker: a bit it sets is seen here, nothing copied', async () => {
    const bits = createSharedBitset(100);
    setBit(bits, 3);
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.once('message', (bits) => { const seen = bits[0]; bits[2] |= 1 << 4; parentPort.postMessage(seen); });`,
      { eval: true },
    );
    try {
      const seen = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(bits);
      });
      expect(seen).toBe(1 << 3);
      expect(bitIndexes(bits)).toEqual([3, 68]);
    } finally {
      await worker.terminate();
    }
  });
});

describe('setBit and hasBit', () => {
  it('sets single bits, including the top bit of a word', () => {
    const bits = createBitset(100);
    for (const index of [0, 31, 32, 63, 99]) setBit(bits, index);
    for (let index = 0; index < 100; index++) {
      expect(hasBit(bits, index), `bit ${index}`).toBe([0, 31, 32, 63, 99].includes(index));
    }
    expect(bits[0]).toBe(0x80000001);
    expect(bits[1]).toBe(0x80000001);
  });

  it('is idempotent', () => {
    const bits = createBitset(40);
    setBit(bits, 5);
    setBit(bits, 5);
    expect(countBits(bits)).toBe(1);
  });
});

describe('countBits', () => {
  it('counts full and empty words', () => {
    expect(countBits(Uint32Array.from([0xffffffff, 0, 0xffffffff]))).toBe(64);
    expect(countBits(Uint32Array.from([0x80000000]))).toBe(1);
    expect(countBits(Uint32Array.from([0x55555555, 0xaaaaaaaa]))).toBe(32);
    expect(countBits(new Uint32Array(0))).toBe(0);
  });

  it('agrees with a bit-by-bit count on random words', () => {
    const next = random(7);
    const bits = Uint32Array.from({ length: 500 }, () => Math.floor(next() * 2 ** 32));
    let expected = 0;
    for (let i = 0; i < bits.length * 32; i++) if (hasBit(bits, i)) expected++;
    expect(countBits(bits)).toBe(expected);
  });
});

describe('bitIndexes', () => {
  it('lists set bits in ascending order', () => {
    const bits = createBitset(200);
    const set = [199, 0, 64, 31, 32, 95, 96, 150];
    for (const index of set) setBit(bits, index);
    expect(bitIndexes(bits)).toEqual([...set].sort((a, b) => a - b));
  });

  it('stops at the limit', () => {
    const bits = Uint32Array.from([0xffffffff, 0xffffffff]);
    expect(bitIndexes(bits, 3)).toEqual([0, 1, 2]);
    expect(bitIndexes(bits, 0)).toEqual([]);
    expect(bitIndexes(bits, 40)).toHaveLength(40);
    expect(bitIndexes(bits, 40).at(-1)).toBe(39);
  });

  it('returns nothing for an empty bitset', () => {
    expect(bitIndexes(createBitset(100))).toEqual([]);
  });

  it('agrees with hasBit on random words', () => {
    const next = random(11);
    const bits = Uint32Array.from({ length: 64 }, () => Math.floor(next() * 2 ** 32));
    const expected: number[] = [];
    for (let i = 0; i < bits.length * 32; i++) if (hasBit(bits, i)) expected.push(i);
    expect(bitIndexes(bits)).toEqual(expected);
    expect(bitIndexes(bits, 10)).toEqual(expected.slice(0, 10));
  });
});

describe('bitsToIndexes', () => {
  it('lists every set bit as a typed array', () => {
    const bits = createBitset(70);
    for (const index of [69, 3, 31, 32]) setBit(bits, index);
    const indexes = bitsToIndexes(bits);
    expect(indexes).toBeInstanceOf(Uint32Array);
    expect([...indexes]).toEqual([3, 31, 32, 69]);
  });

  it('agrees with bitIndexes on random words', () => {
    const next = random(13);
    const bits = Uint32Array.from({ length: 40 }, () => Math.floor(next() * 2 ** 32));
    expect([...bitsToIndexes(bits)]).toEqual(bitIndexes(bits));
  });

  it('returns an empty array for an empty bitset', () => {
    expect(bitsToIndexes(createBitset(10))).toHaveLength(0);
  });
});
