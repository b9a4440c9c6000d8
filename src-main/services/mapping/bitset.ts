/**
 * One bit per dataset row, in 32-bit words: a million rows cost 125 KB per flag, so every checked
 * column's outcomes can be kept and combined with word-wide operations when the mapping changes.
 */
export type Bitset = Uint32Array;

export function createBitset(size: number): Bitset {
  return new Uint32Array(Math.ceil(size / 32));
}

/**
 * A bitset in shared memory: a column's kept outcomes cross between the main thread (which keeps
 * them) and the pool (which combines them) without being copied either way.
 */
export function createSharedBitset(size: number): Bitset {
  return new Uint32Array(new SharedArrayBuffer(Math.ceil(size / 32) * 4));
}

export function setBit(bits: Bitset, index: number): void {
  bits[index >>> 5]! |= 1 << (index & 31);
}

export function hasBit(bits: Bitset, index: number): boolean {
  return (bits[index >>> 5]! & (1 << (index & 31))) !== 0;
}

/** Number of set bits. */
export function countBits(bits: Bitset): number {
  let count = 0;
  for (let i = 0; i < bits.length; i++) count += popCount(bits[i]!);
  return count;
}

/** Set bits in one 32-bit word. */
export function popCount(value: number): number {
  let word = value - ((value >>> 1) & 0x55555555);
  word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
  return (((word + (word >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The indexes of set bits, ascending, at most `limit` of them. */
export function bitIndexes(bits: Bitset, limit = Infinity): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < bits.length && indexes.length < limit; i++) {
    let word = bits[i]!;
    while (word !== 0 && indexes.length < limit) {
      const low = word & -word;
      indexes.push(i * 32 + 31 - Math.clz32(low));
      word ^= low;
    }
  }
  return indexes;
}

/** Every set bit's index, as a typed array (a view's row indexes). */
export function bitsToIndexes(bits: Bitset): Uint32Array {
  const indexes = new Uint32Array(countBits(bits));
  let next = 0;
  for (let i = 0; i < bits.length; i++) {
    let word = bits[i]!;
    while (word !== 0) {
      const low = word & -word;
      indexes[next++] = i * 32 + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return indexes;
}
