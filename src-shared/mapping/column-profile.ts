import { mayBeMojibake, repairMojibake } from '../values/mojibake';

/** What one column holds over the whole dataset, shown under its header in the mapping step. */
export interface ColumnProfile {
  /** Cells seen. */
  rows: number;
  /** Cells with something besides whitespace. */
  filled: number;
  /** Distinct filled values, exact up to the cap (compared as written: `a` and `a ` differ). */
  distinct: number;
  /** More distinct values exist than the cap: `distinct` is then a lower bound. */
  distinctCapped: boolean;
  /**
   * Up to 5 values, most frequent first, equal counts in the order first seen. Counts are always
   * exact; once the cap is reached, values first seen after it are not counted, so one of them
   * that is more frequent than these can be missing.
   */
  top: { value: string; count: number }[];
  /** Numbers (or dates' epoch seconds) in 20 equal bins from min to max; 1 bin when min equals max. */
  histogram: { min: number; max: number; bins: number[] } | null;
  /**
   * Values that look like UTF-8 read as Windows-1252 and can be repaired (the mojibake doctor's
   * offer, never applied unasked): how many, and a few as they are and as they would be.
   */
  mojibake?: { count: number; examples: { before: string; after: string }[] };
}

/** Distinct values counted per column: bounds memory on columns of unique IDs. */
export const DISTINCT_CAP = 100_000;

const TOP_VALUES = 5;
/** The validation's profiles keep more: the value-mapping table lists a column's most common values. */
export const MAPPING_TOP_VALUES = 50;
const MOJIBAKE_EXAMPLES = 3;
const BINS = 20;
const FIRST_CAPACITY = 1024;
/** Not blank: the same characters String.prototype.trim removes, tested without allocating. */
const NOT_BLANK = /\S/;

/** Options, for tests mostly: a small cap shows its behaviour without 100,000 values. */
export interface ColumnProfilerOptions {
  distinctCap?: number;
  /** How many of the most common values to keep (5 unless said). */
  topValues?: number;
}

/**
 * Profiles one column in a single pass. It sees every cell of a million-row dataset, so `add`
 * allocates nothing per cell: counts go into a map of the values themselves, numbers into a
 * growable Float64Array (8 bytes each) that `result` bins once min and max are known.
 */
export class ColumnProfiler {
  private readonly distinctCap: number;
  private readonly counts = new Map<string, number>();
  private rows = 0;
  private filled = 0;
  private capped = false;
  private numbers: Float64Array | null = null;
  private numberCount = 0;
  private min = Infinity;
  private max = -Infinity;
  private mojibake = 0;
  private readonly mojibakeExamples: { before: string; after: string }[] = [];

  constructor(options: ColumnProfilerOptions = {}) {
    this.distinctCap = options.distinctCap ?? DISTINCT_CAP;
    this.topValues = options.topValues ?? TOP_VALUES;
  }

  private readonly topValues: number;

  /**
   * Adds a cell: its raw text, and the number it parsed to (epoch seconds for dates), if any.
   * Non-finite numbers are ignored, as are numbers of blank cells (a blank cell has no value).
   */
  add(raw: string, numeric?: number | null): void {
    this.rows++;
    if (isBlank(raw)) return;
    this.filled++;
    const count = this.counts.get(raw);
    if (count !== undefined) this.counts.set(raw, count + 1);
    else if (this.counts.size < this.distinctCap) this.counts.set(raw, 1);
    else this.capped = true;
    if (numeric != null && Number.isFinite(numeric)) this.addNumber(numeric);
    // A regex test per cell; the repair (which allocates) only for the rare suspects.
    if (mayBeMojibake(raw)) {
      const repaired = repairMojibake(raw);
      if (repaired !== null) {
        this.mojibake++;
        if (
          this.mojibakeExamples.length < MOJIBAKE_EXAMPLES &&
          !this.mojibakeExamples.some((e) => e.before === raw)
        )
          this.mojibakeExamples.push({ before: raw, after: repaired });
      }
    }
  }

  /** The profile so far; adding more afterwards is fine. */
  result(): ColumnProfile {
    return {
      rows: this.rows,
      filled: this.filled,
      distinct: this.counts.size,
      distinctCapped: this.capped,
      top: this.top(),
      histogram: this.histogram(),
      ...(this.mojibake > 0
        ? { mojibake: { count: this.mojibake, examples: [...this.mojibakeExamples] } }
        : {}),
    };
  }

  private addNumber(value: number): void {
    let numbers = this.numbers;
    if (!numbers || this.numberCount === numbers.length) {
      const grown = new Float64Array(numbers ? numbers.length * 2 : FIRST_CAPACITY);
      if (numbers) grown.set(numbers);
      this.numbers = numbers = grown;
    }
    numbers[this.numberCount++] = value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** The most frequent values without sorting every distinct one: a short list kept in order. */
  private top(): { value: string; count: number }[] {
    const top: { value: string; count: number }[] = [];
    for (const [value, count] of this.counts) {
      if (top.length === this.topValues && count <= top[this.topValues - 1]!.count) continue;
      let at = top.length;
      while (at > 0 && top[at - 1]!.count < count) at--; // after equal counts: those were seen first
      top.splice(at, 0, { value, count });
      if (top.length > this.topValues) top.pop();
    }
    return top;
  }

  private histogram(): ColumnProfile['histogram'] {
    const { numbers, numberCount: count, min, max } = this;
    if (!numbers || count === 0) return null;
    if (min === max) return { min, max, bins: [count] };
    // Near ±Number.MAX_VALUE, max - min overflows: halved values keep the span finite.
    const scale = Number.isFinite(max - min) ? 1 : 0.5;
    const low = min * scale;
    const span = max * scale - low;
    const bins = new Array<number>(BINS).fill(0);
    for (let i = 0; i < count; i++) {
      const bin = Math.min(BINS - 1, Math.floor(((numbers[i]! * scale - low) / span) * BINS));
      bins[bin] = bins[bin]! + 1;
    }
    return { min, max, bins };
  }
}

/** Blank after trimming, but without trimming: most cells start with a visible ASCII character. */
function isBlank(raw: string): boolean {
  if (raw === '') return true;
  const first = raw.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return !NOT_BLANK.test(raw);
}
