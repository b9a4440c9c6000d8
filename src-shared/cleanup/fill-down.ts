import type { CleanupStep, FillCarry } from '../model/cleanup';
import { cellCleaner, editsForColumn, stepsForColumn, type CellCleaner } from './cell-steps';
import { addedColumnNames } from './row-shape';

/*
 * Fill down is done by swapping cells. A fill-down step gives a blank cell the nearest non-blank
 * value above it in file order, "blank" and "value" being the column's text after the steps before
 * the fill. Rather than let cell steps see other rows, the row's cell is swapped for the cell of
 * the row it fills from (its anchor) before any step runs: the steps before the fill turn that cell
 * into the non-blank value the fill would give, the fill itself changes nothing (cell-steps.ts),
 * and the steps after it run on the filled value. So validation, runs, dedupe keys, the sources of
 * split and merge and the grid's previews, which all clean a row's cells with the column's steps,
 * read filled values once their rows pass through here in file order; and checks stay keyed by the
 * column's steps and edits, which are all a fill reads. A second fill of the same column swaps in
 * its anchor's cell as the first fill left it: still a cell of the file, its hand edits applied.
 */

interface Fill {
  column: number;
  /** The column's steps before this fill (earlier fills, no-ops here, included). */
  before: CellCleaner;
}

/** The mapping's fill-down steps over the columns `names` (the file's, then the added ones). */
export interface FillPlan {
  fills: Fill[];
}

/** The fill-down steps whose column exists, in step order; null when there are none. */
export function fillPlan(
  names: readonly string[],
  cleanup: readonly CleanupStep[] | undefined,
): FillPlan | null {
  const steps = cleanup ?? [];
  const fills: Fill[] = [];
  steps.forEach((step, position) => {
    if (step.kind !== 'fill-down') return;
    const column = names.indexOf(step.column);
    if (column === -1) return;
    fills.push({ column, before: cellCleaner(stepsForColumn(steps.slice(0, position), step.column)) });
  });
  return fills.length > 0 ? { fills } : null;
}

const isBlank = (text: string) => text.trim() === '';

/**
 * The fills' state over rows read in file order. Started from the dataset's first row, every
 * anchor is known (none yet). Started mid-file with the state 'unknown' (the host reading back
 * from a row to find its carry-in), a cell that depends on an anchor not seen yet is unknown too,
 * and so is the anchor it would set; once every anchor is known again the carry is exact.
 */
export class Filler {
  /** Each fill's anchor cell; null before the first non-blank value; undefined while unknown. */
  private readonly anchors: (string | null | undefined)[];
  /** Columns whose cell in the current row is unknown (only while reading back). */
  private unknown: number[] = [];

  constructor(
    private readonly plan: FillPlan,
    start: FillCarry | 'unknown' = [],
  ) {
    this.anchors = plan.fills.map((_, k) => (start === 'unknown' ? undefined : (start[k] ?? null)));
  }

  /** Starts the next row. */
  beginRow(): void {
    if (this.unknown.length > 0) this.unknown = [];
  }

  /**
   * Fills the blanks of columns [from, to) of the current row and takes its values as anchors.
   * `row` is changed in place when `owned`, else copied if a cell changes. `derived`: the columns
   * are ones a split or merge made from the row's other cells (unknown if any of those is).
   */
  fill(
    row: readonly string[],
    from: number,
    to: number,
    owned: boolean,
    derived: boolean,
  ): readonly string[] {
    if (derived && this.unknown.length > 0) for (let c = from; c < to; c++) this.unknown.push(c);
    let out: string[] | null = owned ? (row as string[]) : null;
    const { fills } = this.plan;
    for (let k = 0; k < fills.length; k++) {
      const { column, before } = fills[k]!;
      if (column < from || column >= to) continue;
      if (this.unknown.length > 0 && this.unknown.includes(column)) {
        this.anchors[k] = undefined;
        continue;
      }
      const cell = (out ?? row)[column] ?? '';
      if (!isBlank(before(cell))) {
        this.anchors[k] = cell;
        continue;
      }
      const anchor = this.anchors[k];
      if (anchor === undefined) this.unknown.push(column);
      if (anchor === undefined || anchor === null) continue;
      out ??= [...row];
      // A short row (fields missing, read as blanks) gets the cell it lacked.
      while (out.length < column) out.push('');
      out[column] = anchor;
    }
    return out ?? row;
  }

  /** The carry-in of the next row, or null while some anchor is unknown. */
  carry(): FillCarry | null {
    return this.anchors.every((anchor) => anchor !== undefined) ? [...(this.anchors as FillCarry)] : null;
  }
}

/**
 * What the fills' carry-ins depend on, as a key: a grid page's rows, fetched with their carries,
 * are kept while it is unchanged. Per fill: the column, the steps before the fill and the column's
 * hand edits; a fill of a column split or merge adds depends on the whole list. '' with no fills.
 */
export function fillKey(names: readonly string[], cleanup: readonly CleanupStep[] | undefined): string {
  const steps = cleanup ?? [];
  const plan = fillPlan(names, steps);
  if (!plan) return '';
  const fileWidth = names.length - addedColumnNames(steps).length;
  if (plan.fills.some((fill) => fill.column >= fileWidth)) return JSON.stringify(steps);
  return JSON.stringify(
    steps.flatMap((step, position) =>
      step.kind === 'fill-down'
        ? [
            [
              step.column,
              stepsForColumn(steps.slice(0, position), step.column),
              editsForColumn(steps, step.column),
            ],
          ]
        : [],
    ),
  );
}
