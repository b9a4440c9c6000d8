import { columnCheckOf } from '../mapping/column-check';
import type { DatasetRow } from '../model/dataset';
import type { ImportMapping } from '../model/mapping';
import { addColumnEdits, applyEdits, cellCleaner, type EditsByRow } from './cell-steps';
import { rowShape } from './row-shape';

/** A row as the mapping grid shows it: hand edits applied, then every column's cleanup steps. */
export interface CleanedRow {
  /** The cells with hand edits and added columns (what the mapping's transforms and previews start from). */
  edited: readonly string[];
  /** The cells after every cleanup step. */
  cleaned: readonly string[];
}

/**
 * The grid's view of rows through the mapping's cleanup steps — the same functions validation and
 * runs use — computed once per row object (a page's rows are kept while it is on screen).
 */
export function cleanedView(mapping: ImportMapping): (row: DatasetRow) => CleanedRow {
  const checks = mapping.columns.map((column) => columnCheckOf(mapping, { ...column, include: true })!);
  const cleaners = checks.map((check) => cellCleaner(check.steps));
  const edits: EditsByRow = new Map();
  checks.forEach((check, index) => addColumnEdits(edits, index, check.edits));
  const shape = rowShape(
    mapping.columns.map((column) => column.source),
    mapping.cleanup,
  );
  const seen = new WeakMap<DatasetRow, CleanedRow>();
  return (row) => {
    let view = seen.get(row);
    if (!view) {
      const handEdited = edits.size === 0 ? row.cells : applyEdits(row.cells, edits.get(row.rowNumber));
      // Columns a split or merge adds come after the file's.
      const edited = shape ? shape.extend(handEdited) : handEdited;
      view = {
        edited,
        cleaned: edited.map((cell, index) => (cleaners[index] ? cleaners[index](cell) : cell)),
      };
      seen.set(row, view);
    }
    return view;
  };
}
