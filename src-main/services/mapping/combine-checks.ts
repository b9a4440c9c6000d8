import type { RowRule } from '../../../src-shared/mapping/row-rules';
import type { RejectionReason } from '../../../src-shared/model/validation';
import type { DatasetReader } from '../stage/dataset-reader';
import {
  bitIndexes,
  bitsToIndexes,
  countBits,
  createBitset,
  hasBit,
  popCount,
  setBit,
  type Bitset,
} from './bitset';
import type { ColumnCheckResult } from './check-columns';

/** Which rows a mapping rejects and why, and which rows have any problem at all. */
export interface CombinedChecks {
  rejected: Bitset;
  problems: Bitset;
  reasons: RejectionReason[];
  /** Rows a dedupe step removes. */
  removed: number;
}

const ROW_EXAMPLES = 5;

/** A column's kept outcomes, as the combining pass reads them (the bitsets are shared memory). */
export type ColumnOutcomes = Pick<
  ColumnCheckResult,
  'index' | 'checked' | 'empty' | 'invalid' | 'tooLong' | 'warning'
>;

/** What the pool's combining pass needs besides the dataset: the rules and the kept outcomes. */
export interface CombineRequest {
  rules: RowRule[];
  columns: ColumnOutcomes[];
  /** The reason for rows with the wrong number of fields, or null when the mapping keeps them. */
  raggedReason: string | null;
  /** Rows a dedupe step removes (ascending indexes). */
  removedRows: Uint32Array;
}

/** The combining pass's answer: CombinedChecks with the problem rows as indexes for the grid. */
export type CombinedOutcome = Omit<CombinedChecks, 'problems'> & { problemRows: Uint32Array };

/**
 * Combines a dataset's kept outcomes in the pool: the main thread only posts the request. In slices
 * on the main thread it still held the thread for a slice at a time (stretched to 20–30 ms when the
 * pool's threads had both cores), and its allocations fed the collections that paused it longer.
 */
export function combineDatasetChecks(reader: DatasetReader, request: CombineRequest): CombinedOutcome {
  const { problems, ...combined } = combineChecks(
    request.rules,
    new Map(request.columns.map((column) => [column.index, column])),
    reader.meta.rowCount,
    reader.rowNumberOf,
    request.raggedReason === null
      ? undefined
      : { rows: reader.raggedIndexes(), reason: request.raggedReason },
    request.removedRows,
  );
  return { ...combined, problemRows: bitsToIndexes(problems) };
}

/**
 * Applies the row rules to the columns' outcome bitsets, word by word: a row's reason is the first
 * rule it breaks, exactly as `rejectionOf` decides for one row.
 */
export function combineChecks(
  rules: RowRule[],
  columns: ReadonlyMap<number, ColumnOutcomes>,
  rowCount: number,
  /** Data row index → the row number the source shows. */
  rowNumberOf: (index: number) => number,
  /** Rows rejected before any rule (the ones with the wrong number of fields), and why. */
  rejectedFirst?: { rows: ArrayLike<number>; reason: string },
  /** Rows a dedupe step removes: neither imported nor rejected (ascending indexes). */
  removedRows: ArrayLike<number> = [],
): CombinedChecks {
  const rejected = createBitset(rowCount);
  const removed = createBitset(rowCount);
  for (let i = 0; i < removedRows.length; i++) setBit(removed, removedRows[i]!);
  const reasons: RejectionReason[] = [];
  const firstRows = rejectedFirst
    ? Array.from(rejectedFirst.rows).filter((row) => !hasBit(removed, row))
    : [];
  if (rejectedFirst && firstRows.length > 0) {
    for (const row of firstRows) setBit(rejected, row);
    reasons.push({
      reason: rejectedFirst.reason,
      count: firstRows.length,
      rowNumbers: firstRows.slice(0, ROW_EXAMPLES).map(rowNumberOf),
    });
  }
  // One scratch mask for every rule, and one pass to leave out the rows already decided, count the
  // rest and add them: every pass over a million rows' words shows when the loops run unoptimized
  // (it was four passes and an allocation per rule).
  const mask = createBitset(rowCount);
  for (const rule of rules) {
    let count = 0;
    ruleMask(rule, columns, rowCount, mask);
    for (let i = 0; i < mask.length; i++) {
      const word = mask[i]! & ~(rejected[i]! | removed[i]!);
      mask[i] = word;
      if (word === 0) continue;
      rejected[i]! |= word;
      count += popCount(word);
    }
    if (count === 0) continue;
    const existing = reasons.find((reason) => reason.reason === rule.reason);
    const rowNumbers = bitIndexes(mask, ROW_EXAMPLES).map((index) => rowNumberOf(index));
    if (existing) {
      existing.count += count;
      existing.rowNumbers = [...existing.rowNumbers, ...rowNumbers]
        .sort((a, b) => a - b)
        .slice(0, ROW_EXAMPLES);
    } else reasons.push({ reason: rule.reason, count, rowNumbers });
  }
  const problems = Uint32Array.from(rejected);
  for (const column of columns.values()) {
    if (!column.checked) continue;
    for (let i = 0; i < problems.length; i++) {
      problems[i]! |= column.invalid[i]! | column.tooLong[i]! | column.warning[i]!;
    }
  }
  // A removed duplicate is not a problem to fix: it will not import at all.
  for (let i = 0; i < problems.length; i++) problems[i]! &= ~removed[i]!;
  return { rejected, problems, reasons, removed: countBits(removed) };
}

/** Sets `mask` to the rows the rule rejects, before any other rule. */
function ruleMask(
  rule: RowRule,
  columns: ReadonlyMap<number, ColumnOutcomes>,
  rowCount: number,
  mask: Bitset,
): void {
  if (rule.kind === 'noneValid') {
    mask.fill(0xffffffff);
    for (const index of rule.columns) {
      const column = columns.get(index);
      if (!column?.checked) continue; // an unchecked column holds nothing usable
      for (let i = 0; i < mask.length; i++) {
        mask[i]! &= column.empty[i]! | column.invalid[i]! | column.tooLong[i]!;
      }
    }
    const tail = rowCount & 31;
    if (tail && mask.length > 0) mask[mask.length - 1]! &= (1 << tail) - 1;
    return;
  }
  const column = columns.get(rule.column);
  if (!column?.checked) {
    mask.fill(0);
    return;
  }
  mask.set(rule.kind === 'empty' ? column.empty : rule.kind === 'invalid' ? column.invalid : column.tooLong);
}
