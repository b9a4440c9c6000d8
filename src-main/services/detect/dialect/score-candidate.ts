import type { Delimiter, Newline } from '../../../../src-shared/model/dialect';

/** The quote characters detection tries: RFC 4180's, and the single quote some exporters use. */
export type Quote = '"' | "'";
import { cellType, isTypedValue, type CellType } from './cell-types';
import { parseSample, type ParsedCell } from './parse-sample';

/** The data-consistency score of one candidate delimiter (CleverCSV's Q = P·T) and what it was made of. */
export interface CandidateScore {
  delimiter: Delimiter;
  /** The quote character the sample was read with. */
  quote: Quote;
  /** Whether runs of spaces counted as one delimiter (space only): how to read the sample again. */
  collapseSpaces: boolean;
  /** Row-pattern score P (unnormalised: it grows with the number of consistent rows). */
  pattern: number;
  /** Type score T: share of cells of a known type, 0..1. */
  type: number;
  /** P·T, the quantity to maximise. */
  consistency: number;
  /** Records parsed. */
  rows: number;
  /** Share of records in the most common row length. */
  dominantShare: number;
  /** Records with more than one cell: none means the candidate never splits anything. */
  splitRows: number;
  /** The first record has the most common row length, of two or more cells (a header fits the table). */
  firstRowFits: boolean;
  firstNewline: Newline | null;
}

/** Caches of cell types shared by all candidates of one detection, keyed by whether commas may be in numbers. */
export interface TypeCaches {
  commaNumbers: Map<string, CellType | null>;
  plainNumbers: Map<string, CellType | null>;
}

/** Options for {@link scoreCandidate}. */
export interface ScoreOptions {
  isComplete: boolean;
  quote: Quote;
  maxRows: number;
  caches: TypeCaches;
}

// CleverCSV's floor for (L−1)/L, so a pattern of one-cell rows counts a little more than nothing.
const PATTERN_EPSILON = 1e-3;

// Delimiters that also occur inside single typed values: "1.5", "2024-01-02", "12:30", "2024-01-02 12:30".
const SPLITS_VALUES: ReadonlySet<Delimiter> = new Set<Delimiter>([' ', '.', '-', ':']);
const ATOMIC_TYPES: ReadonlySet<CellType> = new Set<CellType>([
  'number',
  'percent',
  'currency',
  'date',
  'time',
  'datetime',
  'ipv4',
]);

// Splits on dot, colon and dash turn "1.5,2", "12:30,5" and "2024-01-02,5" into fake decimal-comma numbers.
const NO_COMMA_NUMBERS: ReadonlySet<Delimiter> = new Set<Delimiter>(['.', '-', ':']);

/** Scores one candidate delimiter on a sample; space is also tried with runs of spaces as one delimiter. */
export function scoreCandidate(text: string, delimiter: Delimiter, options: ScoreOptions): CandidateScore {
  const strict = scoreParse(text, delimiter, options, false);
  if (delimiter !== ' ') return strict;
  // Aligned columns pad with runs of spaces; a strict split would see ragged rows of empty cells.
  const collapsed = scoreParse(text, delimiter, options, true);
  return collapsed.consistency > strict.consistency ? collapsed : strict;
}

function scoreParse(
  text: string,
  delimiter: Delimiter,
  options: ScoreOptions,
  collapseSpaces: boolean,
): CandidateScore {
  const parsed = parseSample(text, delimiter, {
    isComplete: options.isComplete,
    maxRows: options.maxRows,
    collapseSpaces,
    quote: options.quote,
  });
  const commaNumbers = !NO_COMMA_NUMBERS.has(delimiter);
  const cache = commaNumbers ? options.caches.commaNumbers : options.caches.plainNumbers;
  const typeOf = (cell: string): CellType | null => {
    let type = cache.get(cell);
    if (type === undefined) {
      type = cellType(cell, { commaNumbers });
      cache.set(cell, type);
    }
    return type;
  };

  const lengthCounts = new Map<number, number>();
  let cells = 0;
  let known = 0;
  let splitRows = 0;
  for (const row of parsed.rows) {
    if (SPLITS_VALUES.has(delimiter) && isOneValueSplit(row, delimiter, typeOf)) {
      // The whole line is one number, date or time that the candidate cut apart: one cell, not several.
      lengthCounts.set(1, (lengthCounts.get(1) ?? 0) + 1);
      cells++;
      known++;
      continue;
    }
    lengthCounts.set(row.length, (lengthCounts.get(row.length) ?? 0) + 1);
    if (row.length > 1) splitRows++;
    for (const cell of row) {
      cells++;
      // A cleanly quoted cell is as good as typed: the quotes close exactly at a delimiter.
      if (cell.quote === 'clean' || (cell.quote === 'none' && typeOf(cell.text) !== null)) known++;
    }
  }

  // A header of one name without the candidate over rows it splits: the candidate is inside the values
  // ("voucher_code" over "SPRING-2"), not between columns — a dash-, dot-, colon- or space-delimited
  // file's header would contain it too.
  const headerDenies =
    SPLITS_VALUES.has(delimiter) && parsed.rows[0]?.length === 1 && splitRows >= (parsed.rows.length - 1) / 2;
  const pattern = headerDenies ? 0 : patternScore(lengthCounts);
  const type = cells === 0 ? 0 : known / cells;
  let dominant = 0;
  let dominantLength = 0;
  for (const [length, count] of lengthCounts) {
    if (count > dominant) {
      dominant = count;
      dominantLength = length;
    }
  }
  return {
    delimiter,
    quote: options.quote,
    collapseSpaces,
    pattern,
    type,
    consistency: pattern * type,
    rows: parsed.rows.length,
    dominantShare: parsed.rows.length === 0 ? 0 : dominant / parsed.rows.length,
    splitRows,
    firstRowFits: dominantLength > 1 && parsed.rows[0]?.length === dominantLength,
    firstNewline: parsed.firstNewline,
  };
}

/**
 * CleverCSV's pattern score: Σ_k N_k·(L_k−1)/L_k over the distinct row patterns k (N_k rows of L_k cells),
 * divided by the number of distinct patterns. Many rows of one width score high; ragged splits score low.
 * Row patterns are compared by cell count: empty cells are cells, and quoted blocks are already merged.
 */
function patternScore(lengthCounts: ReadonlyMap<number, number>): number {
  if (lengthCounts.size === 0) return 0;
  let sum = 0;
  for (const [length, count] of lengthCounts) sum += (count * Math.max(PATTERN_EPSILON, length - 1)) / length;
  return sum / lengthCounts.size;
}

/** Whether a short row is really one typed value that the delimiter cut into pieces. */
function isOneValueSplit(
  row: readonly ParsedCell[],
  delimiter: Delimiter,
  typeOf: (cell: string) => CellType | null,
): boolean {
  if (row.length < 2 || row.length > 4 || row.some((cell) => cell.quote !== 'none')) return false;
  const whole = typeOf(row.map((cell) => cell.text).join(delimiter));
  return whole !== null && isTypedValue(whole) && ATOMIC_TYPES.has(whole);
}
