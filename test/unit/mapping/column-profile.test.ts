import { describe, expect, it } from 'vitest';
import { ColumnProfiler, DISTINCT_CAP, type ColumnProfile } from '../../../src-shared/mapping/column-profile';

function profile(cells: readonly string[], options?: { distinctCap?: number }): ColumnProfile {
  const profiler = new ColumnProfiler(options);
  for (const cell of cells) profiler.add(cell);
  return profiler.result();
}

function numericProfile(values: readonly number[]): ColumnProfile {
  const profiler = new ColumnProfiler();
  for (const value of values) profiler.add(String(value), value);
  return profiler.result();
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('ColumnProfiler', () => {
  it('profiles nothing as empty', () => {
    expect(new ColumnProfiler().result()).toEqual({
      rows: 0,
      filled: 0,
      distinct: 0,
      distinctCapped: false,
      top: [],
      histogram: null,
    });
  });

  it('counts blank and whitespace-only cells as rows but not as filled, distinct or top', () => {
    const result = profile(['a', '', '  ', '\t\r\n', '\u00a0\u2003\ufeff', ' a ', 'a']);
    expect(result.rows).toBe(7);
    expect(result.filled).toBe(3);
    expect(result.distinct).toBe(2);
    expect(result.top).toEqual([
      { value: 'a', count: 2 },
      { value: ' a ', count: 1 },
    ]);
  });

  it('counts a cell with a leading invisible space but visible text as filled', () => {
    expect(profile(['\u00a0x', '\u200bzero-width']).filled).toBe(2);
  });

  it('orders top values by count, then by first seen, and keeps five', () => {
    const cells = ['f', 'e', 'd', 'c', 'b', 'a', 'b', 'c', 'x', 'x', 'x', 'a', 'g', 'g'];
    expect(profile(cells).top).toEqual([
      { value: 'x', count: 3 },
      { value: 'c', count: 2 },
      { value: 'b', count: 2 },
      { value: 'a', count: 2 },
      { value: 'g', count: 2 },
    ]);
  });

  it('keeps the first-seen value among many equal counts', () => {
    const cells = Array.from({ length: 50 }, (_, i) => `v${49 - i}`);
    expect(profile(cells).top.map((entry) => entry.value)).toEqual(['v49', 'v48', 'v47', 'v46', 'v45']);
  });

  it('counts distinct values exactly, case and spaces included', () => {
    const result = profile(['Yes', 'yes', 'YES', 'yes ', 'yes']);
    expect(result.distinct).toBe(4);
    expect(result.distinctCapped).toBe(false);
    expect(result.top[0]).toEqual({ value: 'yes', count: 2 });
  });

  it('stops adding distinct values at the cap but keeps counting those it has', () => {
    const result = profile(['a', 'b', 'c', 'd', 'a', 'd', 'e', 'a', 'b', 'd', 'd'], { distinctCap: 3 });
    expect(result.distinct).toBe(3);
    expect(result.distinctCapped).toBe(true);
    expect(result.filled).toBe(11);
    // `d` came after the cap: though the most frequent, it is not counted (the documented approximation).
    expect(result.top).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 2 },
      { value: 'c', count: 1 },
    ]);
  });

  it('is not capped when exactly the cap of distinct values exists', () => {
    const result = profile(['a', 'b', 'c', 'a', 'c'], { distinctCap: 3 });
    expect(result).toMatchObject({ distinct: 3, distinctCapped: false });
  });

  it('caps at DISTINCT_CAP by default', () => {
    const profiler = new ColumnProfiler();
    for (let i = 0; i <= DISTINCT_CAP; i++) profiler.add(String(i));
    profiler.add('0');
    const result = profiler.result();
    expect(result).toMatchObject({ rows: DISTINCT_CAP + 2, distinct: DISTINCT_CAP, distinctCapped: true });
    expect(result.top[0]).toEqual({ value: '0', count: 2 });
  });

  it('has no histogram without numbers', () => {
    const profiler = new ColumnProfiler();
    profiler.add('text', null);
    profiler.add('more');
    profiler.add('NaN', Number.NaN);
    profiler.add('Infinity', Infinity);
    expect(profiler.result().histogram).toBeNull();
  });

  it('bins numbers into 20 equal bins from min to max', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    const histogram = numericProfile(values).histogram!;
    expect(histogram.min).toBe(0);
    expect(histogram.max).toBe(100);
    expect(histogram.bins).toHaveLength(20);
    // Each bin is 5 wide; the maximum falls into the last bin, not a 21st.
    expect(histogram.bins).toEqual([...Array<number>(19).fill(5), 6]);
  });

  it('puts all values into one bin when min equals max', () => {
    expect(numericProfile([7, 7, 7]).histogram).toEqual({ min: 7, max: 7, bins: [3] });
    expect(numericProfile([0, -0]).histogram?.bins).toEqual([2]);
  });

  it('bins negative numbers', () => {
    const histogram = numericProfile([-10, -9.5, -0.5, 0, 10]).histogram!;
    expect(histogram).toMatchObject({ min: -10, max: 10 });
    expect(histogram.bins[0]).toBe(2);
    expect(histogram.bins[9]).toBe(1);
    expect(histogram.bins[10]).toBe(1);
    expect(histogram.bins[19]).toBe(1);
    expect(sum(histogram.bins)).toBe(5);
  });

  it('ignores non-finite numbers and numbers of blank cells, but counts their cells', () => {
    const profiler = new ColumnProfiler();
    profiler.add('1', 1);
    profiler.add('x', Number.NaN);
    profiler.add('inf', Infinity);
    profiler.add('-inf', -Infinity);
    profiler.add(' ', 5);
    profiler.add('3', 3);
    profiler.add('n/a', null);
    const result = profiler.result();
    expect(result.rows).toBe(7);
    expect(result.filled).toBe(6);
    expect(result.histogram).toMatchObject({ min: 1, max: 3 });
    expect(sum(result.histogram!.bins)).toBe(2);
  });

  it('keeps bins summing to the count of numbers across growth and wide ranges', () => {
    const values: number[] = [];
    let seed = 42;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      values.push((seed / 2 ** 31 - 0.5) * 1e6);
    }
    const histogram = numericProfile(values).histogram!;
    expect(sum(histogram.bins)).toBe(5000);
    expect(histogram.min).toBe(Math.min(...values));
    expect(histogram.max).toBe(Math.max(...values));
  });

  it('bins values whose span overflows a double', () => {
    const histogram = numericProfile([-Number.MAX_VALUE, 0, Number.MAX_VALUE]).histogram!;
    expect(histogram.bins[0]).toBe(1);
    expect(histogram.bins[10]).toBe(1);
    expect(histogram.bins[19]).toBe(1);
  });

  it('bins epoch seconds of dates', () => {
    const day = 86_400;
    const start = Date.UTC(2024, 0, 1) / 1000;
    const profiler = new ColumnProfiler();
    for (let i = 0; i < 40; i++) profiler.add(`2024-01-${i}`, start + i * day);
    const histogram = profiler.result().histogram!;
    expect(histogram).toMatchObject({ min: start, max: start + 39 * day });
    expect(histogram.bins).toEqual(Array<number>(20).fill(2));
  });

  it('can be read more than once while adding', () => {
    const profiler = new ColumnProfiler();
    profiler.add('1', 1);
    expect(profiler.result().histogram?.bins).toEqual([1]);
    profiler.add('2', 2);
    const result = profiler.result();
    expect(result.rows).toBe(2);
    expect(sum(result.histogram!.bins)).toBe(2);
  });
});
