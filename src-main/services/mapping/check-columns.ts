import {
  CELL,
  checkCell,
  describeCell,
  type ColumnCheck,
  type NumericSink,
} from '../../../src-shared/mapping/column-check';
import {
  addColumnEdits,
  applyEdits,
  editsByRow,
  type EditsByRow,
} from '../../../src-shared/cleanup/cell-steps';
import { rowPreparation } from '../../../src-shared/cleanup/prepared-rows';
import type { CleanupStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { ColumnProfiler, MAPPING_TOP_VALUES } from '../../../src-shared/mapping/column-profile';
import type { ColumnProfile } from '../../../src-shared/mapping/column-profile';
import type { CellExample } from '../../../src-shared/model/validation';
import type { DatasetReader } from '../stage/dataset-reader';
import { createSharedBitset, setBit, type Bitset } from './bitset';

/** One column to check: how (null = dropped, profile only) and the check for its profile's numbers. */
export interface ColumnCheckTask {
  index: number;
  key: string;
  check: ColumnCheck | null;
  profileCheck: ColumnCheck;
}

/**
 * A column's outcome over every row: a bitset per outcome (in shared memory: the main thread keeps
 * them, the pool combines them), counts, examples and its profile.
 */
export interface ColumnCheckResult {
  index: number;
  key: string;
  checked: boolean;
  empty: Bitset;
  invalid: Bitset;
  tooLong: Bitset;
  warning: Bitset;
  counts: { empty: number; invalid: number; tooLong: number; warning: number };
  examples: CellExample[];
  warningExamples: CellExample[];
  profile: ColumnProfile;
}

const EXAMPLES = 5;

/**
 * Checks the given columns over every row of a staged dataset in one pass (it runs in a worker:
 * a million rows take about a second). Cells are checked with the shared value rules; only the
 * few examples shown to the user are described in words.
 */
/**
 * What a worker needs to prepare rows as every pass does (prepared-rows.ts): fill-down blanks
 * filled, the columns split and merge steps add. Sent when the mapping has either.
 */
export interface ShapeSpec {
  names: string[];
  cleanup: CleanupStep[];
}

/** The shape spec of a mapping (its columns' names and its steps), or undefined when rows need none. */
export function shapeSpecOf(mapping: ImportMapping): ShapeSpec | undefined {
  const cleanup = mapping.cleanup ?? [];
  if (!cleanup.some((step) => step.kind === 'split' || step.kind === 'merge' || step.kind === 'fill-down'))
    return undefined;
  return { names: mapping.columns.map((column) => column.source), cleanup };
}

export function checkColumns(
  reader: DatasetReader,
  tasks: ColumnCheckTask[],
  shapeSpec?: ShapeSpec,
): ColumnCheckResult[] {
  const preparation = shapeSpec ? rowPreparation(shapeSpec.names, shapeSpec.cleanup) : null;
  const prepare = preparation?.shape || preparation?.fills ? preparation.start() : null;
  const rowCount = reader.meta.rowCount;
  const results = tasks.map<ColumnCheckResult>((task) => {
    // A dropped column is only profiled: its outcome bitsets stay empty (no rule or filter reads them).
    const size = task.check ? rowCount : 0;
    return {
      index: task.index,
      key: task.key,
      checked: task.check !== null,
      empty: createSharedBitset(size),
      invalid: createSharedBitset(size),
      tooLong: createSharedBitset(size),
      warning: createSharedBitset(size),
      counts: { empty: 0, invalid: 0, tooLong: 0, warning: 0 },
      examples: [],
      warningExamples: [],
      profile: { rows: 0, filled: 0, distinct: 0, distinctCapped: false, top: [], histogram: null },
    };
  });
  const profilers = tasks.map(() => new ColumnProfiler({ topValues: MAPPING_TOP_VALUES }));
  const sink: NumericSink = { numeric: null };
  // With split, merge or fill-down, a column reads others' cells (and other rows'): every column's
  // edits apply. Otherwise only the checked columns' own.
  const edits: EditsByRow = shapeSpec ? editsByRow(shapeSpec.names, shapeSpec.cleanup) : new Map();
  if (!shapeSpec)
    for (const task of tasks) addColumnEdits(edits, task.index, (task.check ?? task.profileCheck).edits);
  for (const { index: row, cells: raw } of reader.all()) {
    const edited = edits.size === 0 ? raw : applyEdits(raw, edits.get(reader.rowNumberOf(row)));
    const cells = prepare ? prepare(edited) : edited;
    for (let t = 0; t < tasks.length; t++) {
      const task = tasks[t]!;
      const result = results[t]!;
      const raw = cells[task.index] ?? '';
      sink.numeric = null;
      if (task.check) {
        const outcome = checkCell(task.check, raw, sink);
        if (outcome !== CELL.ok) record(result, task.check, outcome, row, raw, reader.rowNumberOf(row));
      } else {
        checkCell(task.profileCheck, raw, sink);
      }
      profilers[t]!.add(raw, sink.numeric);
    }
  }
  results.forEach((result, t) => (result.profile = profilers[t]!.result()));
  return results;
}

function record(
  result: ColumnCheckResult,
  check: ColumnCheck,
  outcome: number,
  row: number,
  raw: string,
  rowNumber: number,
): void {
  switch (outcome) {
    case CELL.empty:
      setBit(result.empty, row);
      result.counts.empty++;
      return;
    case CELL.warning:
      setBit(result.warning, row);
      if (result.counts.warning++ < EXAMPLES) result.warningExamples.push(example(check, raw, rowNumber));
      return;
    case CELL.invalid:
      setBit(result.invalid, row);
      if (result.counts.invalid++ + result.counts.tooLong < EXAMPLES)
        result.examples.push(example(check, raw, rowNumber));
      return;
    case CELL.tooLong:
      setBit(result.tooLong, row);
      if (result.counts.invalid + result.counts.tooLong++ < EXAMPLES)
        result.examples.push(example(check, raw, rowNumber));
      return;
  }
}

function example(check: ColumnCheck, raw: string, rowNumber: number): CellExample {
  const shown = raw.length > 120 ? `${raw.slice(0, 117)}…` : raw;
  return { rowNumber, value: shown, message: describeCell(check, raw).message ?? '' };
}
