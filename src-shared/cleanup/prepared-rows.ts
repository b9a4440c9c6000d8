import type { CleanupStep, FillCarry } from '../model/cleanup';
import { Filler, fillPlan, type FillPlan } from './fill-down';
import { rowShape, type RowShape } from './row-shape';

/** A pass over rows in file order: a hand-edited row in, the row its columns' steps read out. */
export interface RowPass {
  (edited: readonly string[]): readonly string[];
  /** The carry-in of the row after the ones passed so far (null: not known yet). */
  carry(): FillCarry | null;
}

/**
 * How hand-edited rows become the rows every column's cleanup steps and checks read — one path for
 * validation, runs, dedupe, step counts and the grid: fill-down blanks filled (fill-down.ts), then
 * the columns split and merge add (row-shape.ts), a fill of an added column right after it is made.
 */
export interface RowPreparation {
  shape: RowShape | null;
  fills: FillPlan | null;
  /**
   * A pass from the dataset's first row, or from a row whose carry-in is given; 'unknown' when a
   * read back from a row has not found it yet. Every row goes through its pass, rejected and
   * removed ones too: a row a dedupe step removes still passes its values down.
   */
  start(carry?: FillCarry | 'unknown'): RowPass;
}

/** With no fill-down steps there is nothing to carry. */
const noCarry = (): FillCarry => [];

/** The preparation of rows under a mapping's columns (`names`: the file's, then the added ones) and steps. */
export function rowPreparation(
  names: readonly string[],
  cleanup: readonly CleanupStep[] | undefined,
): RowPreparation {
  const shape = rowShape(names, cleanup);
  const fills = fillPlan(names, cleanup);
  return {
    shape,
    fills,
    start(carry) {
      if (!fills) {
        const pass = shape
          ? (edited: readonly string[]) => shape.extend(edited)
          : (edited: readonly string[]) => edited;
        return Object.assign(pass, { carry: noCarry });
      }
      const filler = new Filler(fills, carry);
      const fileWidth = shape?.sourceWidth ?? Infinity;
      const fill = (row: string[], from: number) =>
        void filler.fill(row, from, from >= fileWidth ? row.length : fileWidth, true, from >= fileWidth);
      const pass = (edited: readonly string[]) => {
        filler.beginRow();
        return shape ? shape.extend(edited, fill) : filler.fill(edited, 0, Infinity, false, false);
      };
      return Object.assign(pass, { carry: () => filler.carry() });
    },
  };
}
