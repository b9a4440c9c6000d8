import type { RowRule } from '../../../src-shared/mapping/row-rules';
import type { RejectionReason } from '../../../src-shared/model/validation';
import { bitIndexes, countBits, createBitset, hasBit, popCount, setBit, type Bitset } from './bitset';
import { mainThreadSlices } from '../jobs/main-thread-slices';
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
/** Words per chunk of a pass: 4,096 words are 131,072 rows, about half a millisecond unoptimized. */
const CHUNK_WORDS = 4096;

/**
 * Applies the row rules to the columns' outcome bitsets, word by word: a row's reason is the first
 * rule it breaks, exactly as `rejectionOf` decides for one row. It runs on the main thread, where the
 * kept outcomes live, in slices: a million rows and a dozen rules took 30–46 ms in one piece when
 * the loops ran unoptimized (they run rarely), over the 50 ms the app allows itself.
 */
export async function combineChecks(
  rules: RowRule[],
  columns: ReadonlyMap<number, ColumnCheckResult>,
  rowCount: number,
  /** Data row index → the row number the source shows. */
  rowNumberOf: (index: number) => number,
  /** Rows rejected before any rule (the ones with the wrong number of fields), and why. */
  rejectedFirst?: { rows: ArrayLike<number>; reason: string },
  /** Rows a dedupe step removes: neither imported nor rejected (ascending indexes). */
  removedRows: ArrayLike<number> = [],
): Promise<CombinedChecks> {
  const slice = mainThreadSlices();
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
  // (it was four passes and an allocation per rule). Each pass goes a chunk of words at a time, so
  // a slice never runs more than one chunk (well under a millisecond) past its budget.
  const mask = createBitset(rowCount);
  for (const rule of rules) {
    let count = 0;
    for (let from = 0; from < mask.length; from += CHUNK_WORDS) {
      await slice();
      const to = Math.min(mask.length, from + CHUNK_WORDS);
      ruleMask(rule, columns, rowCount, mask, from, to);
      for (let i = from; i < to; i++) {
        const word = mask[i]! & ~(rejected[i]! | removed[i]!);
        mask[i] = word;
        if (word === 0) continue;
        rejected[i]! |= word;
        count += popCount(word);
      }
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
  const checked = [...columns.values()].filter((column) => column.checked);
  for (let from = 0; from < problems.length; from += CHUNK_WORDS) {
    await slice();
    const to = Math.min(problems.length, from + CHUNK_WORDS);
    for (const column of checked) {
      for (let i = from; i < to; i++) {
        problems[i]! |= column.invalid[i]! | column.tooLong[i]! | column.warning[i]!;
      }
    }
    // A removed duplicate is not a problem to fix: it will not import at all.
    for (let i = from; i < to; i++) problems[i]! &= ~removed[i]!;
  }
  return { rejected, problems, reasons, removed: countBits(removed) };
}

/** Sets words `from`..`to` of `mask` to the rows the rule rejects, before any other rule. */
function ruleMask(
  rule: RowRule,
  columns: ReadonlyMap<number, ColumnCheckResult>,
  rowCount: number,
  mask: Bitset,
  from: number,
  to: number,
): void {
  if (rule.kind === 'noneValid') {
    mask.fill(0xffffffff, from, to);
    for (const index of rule.columns) {
      const column = columns.get(index);
      if (!column?.checked) continue; // an unchecked column holds nothing usable
      for (let i = from; i < to; i++) {
        mask[i]! &= column.empty[i]! | column.invalid[i]! | column.tooLong[i]!;
      }
    }
    const tail = rowCount & 31;
    if (tail && to === mask.length && to > from) mask[to - 1]! &= (1 << tail) - 1;
    return;
  }
  const column = columns.get(rule.column);
  if (!column?.checked) {
    mask.fill(0, from, to);
    return;
  }
  const source =
    rule.kind === 'empty' ? column.empty : rule.kind === 'invalid' ? column.invalid : column.tooLong;
  mask.set(source.subarray(from, to), from);
}
