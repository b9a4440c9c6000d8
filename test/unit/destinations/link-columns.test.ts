import { describe, expect, it } from 'vitest';
import { LinkColumns } from '../../../src-main/services/destinations/workspace/link-columns';
import { seededRandom } from '../../support/seeded-random';

// The held links' column store (issue 18): values go in as strings, are kept as UTF-8 bytes, and
// come out the same; a set sorts by type rank, then by those bytes.

const random = seededRandom(5);
const PIECES = ['a', 'Z', 'ř', 'Ω', '\uFF21', '\u{1F600}', '@example.com', '\uD800', '\uDFFF'];
const valueOf = (i: number) =>
  Array.from(
    { length: 1 + Math.floor(random() * 6) },
    () => PIECES[Math.floor(random() * PIECES.length)],
  ).join('') + String(i % 997);

describe('LinkColumns', () => {
  it('gives back every value, customer and time it was given, past its first room and byte store', () => {
    const columns = new LinkColumns(10_000);
    const values = Array.from({ length: 10_000 }, (_, i) => valueOf(i));
    values.forEach((value, i) => columns.add(i % 3, value, i + 1, 1_000 + i));
    expect(columns.full).toBe(true);
    for (let i = 0; i < values.length; i++) {
      expect(columns.value(i)).toBe(values[i]);
      expect([columns.types[i], columns.customers[i], columns.stamps[i]]).toEqual([i % 3, i + 1, 1_000 + i]);
    }
    // A lone surrogate survives as the string itself, not as U+FFFD.
    expect(values.some((value) => !value.isWellFormed())).toBe(true);
  });

  it('refuses a link past its capacity rather than drop it', () => {
    const columns = new LinkColumns(3);
    for (let i = 0; i < 3; i++) columns.add(0, `v${i}`, i, i);
    expect(() => columns.add(0, 'v3', 3, 3)).toThrow(/More than 3 links/);
  });

  it('sorts by type rank, then by UTF-8 bytes (the order of SQLite’s index)', () => {
    const columns = new LinkColumns(2_000);
    const links = Array.from({ length: 2_000 }, (_, i) => ({ type: i % 2, value: valueOf(i) }));
    links.forEach(({ type, value }, i) => columns.add(type, value, i, i));
    // Type 1 ranks first.
    const order = columns.sortedOrder(Uint16Array.from([1, 0]));
    const bytesOf = (i: number) => Buffer.from(columns.value(i), 'utf8');
    const expected = links
      .map((_, i) => i)
      .sort((a, b) => links[b]!.type - links[a]!.type || Buffer.compare(bytesOf(a), bytesOf(b)));
    expect(order.length).toBe(2_000);
    const keyOf = (i: number) => `${links[i]!.type}:${bytesOf(i).toString('hex')}`;
    expect(Array.from(order, keyOf)).toEqual(expected.map(keyOf));
  });

  it('hands its links over in exact-size arrays and starts empty again', () => {
    const columns = new LinkColumns(100);
    for (let i = 0; i < 40; i++) columns.add(0, `value ${i} ř`, i, i * 2);
    const taken = columns.takeExact();
    expect([taken.count, taken.types.length, taken.ends.length, columns.count]).toEqual([40, 40, 40, 0]);
    expect(taken.bytes.length).toBe(taken.ends[39]);
    expect(taken.value(39)).toBe('value 39 ř');
    columns.add(0, 'next', 1, 1);
    expect([columns.value(0), taken.value(0)]).toEqual(['next', 'value 0 ř']);
  });
});
