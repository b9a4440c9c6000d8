import { applyEdits, editsByRow, type EditsByRow } from '../../../src-shared/cleanup/cell-steps';
import { rowPreparation, type RowPass } from '../../../src-shared/cleanup/prepared-rows';
import type { FillCarry } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DatasetReader } from './dataset-reader';

/** Rows read back from a row at first; doubled until every fill's anchor is among them. */
const FIRST_READ_BACK = 64;
/** Rows read from the dataset at a time. */
const SLICE = 2_048;

/**
 * Each row's fill-down carry-in (see FillCarry), for rows the grid shows from anywhere in the file
 * (a page in the middle, a sorted or filtered view, the rows with problems); null for a row number
 * the dataset does not have. It runs in a worker.
 *
 * Why read back rather than keep carries from a pass: a fill's anchor is usually a few rows up (a
 * report writes a value once per group), so a page costs a few rows more than it shows, nothing is
 * kept per dataset, and a changed step needs no pass over the file before the grid can show it.
 * From a row, the rows above are replayed with the fills' state unknown (fill-down.ts), over twice
 * as many rows each time, until every anchor is found. Rows are taken in file order, and a replay
 * never goes above the row asked for before it, whose carry is known: a sparse column costs at
 * most one read of the rows a page spans, never one per row.
 */
export function fillCarries(
  reader: DatasetReader,
  mapping: ImportMapping,
  rowNumbers: readonly number[],
): (FillCarry | null)[] {
  const names = mapping.columns.map((column) => column.source);
  const preparation = rowPreparation(names, mapping.cleanup);
  const indexes = rowNumbers.map((rowNumber) => reader.indexOfRowNumber(rowNumber));
  if (!preparation.fills) return indexes.map((index) => (index === -1 ? null : []));
  const edits = editsByRow(names, mapping.cleanup);
  const carries = new Map<number, FillCarry>();
  // The dataset's first row: no anchors yet.
  let known: { index: number; carry: FillCarry } = { index: 0, carry: preparation.start().carry()! };
  for (const index of [...new Set(indexes)].filter((index) => index !== -1).sort((a, b) => a - b)) {
    for (let back = FIRST_READ_BACK; ; back *= 2) {
      const from = Math.max(known.index, index - back);
      const pass = preparation.start(from === known.index ? known.carry : 'unknown');
      replay(reader, edits, pass, from, index);
      const carry = pass.carry();
      if (carry) {
        known = { index, carry };
        break;
      }
    }
    carries.set(index, known.carry);
  }
  return indexes.map((index) => carries.get(index) ?? null);
}

/** Passes rows [from, to) through `pass`, hand edits applied. */
function replay(reader: DatasetReader, edits: EditsByRow, pass: RowPass, from: number, to: number): void {
  for (let offset = from; offset < to; offset += SLICE) {
    for (const row of reader.window(offset, Math.min(SLICE, to - offset)))
      pass(edits.size === 0 ? row.cells : applyEdits(row.cells, edits.get(row.rowNumber)));
  }
}
