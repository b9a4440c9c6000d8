import { columnCheckOf } from '../mapping/column-check';
import type { DatasetRow } from '../model/dataset';
import type { FillCarry, FilledRow } from '../model/cleanup';
import type { ImportMapping } from '../model/mapping';
import { applyEdits, cellCleaner, editsByRow, type CellCleaner, type EditsByRow } from './cell-steps';
import { rowPreparation } from './prepared-rows';

/** A row as the mapping grid shows it: hand edits applied, then every column's cleanup steps. */
export interface CleanedRow {
  /**
   * The cells with hand edits, fill-down blanks filled and added columns (what the mapping's
   * transforms and previews start from).
   */
  edited: readonly string[];
  /** The cells after every cleanup step. */
  cleaned: readonly string[];
}

/**
 * The grid's view of rows through the mapping's cleanup steps — the same functions validation and
 * runs use — computed once per row object (a page's rows are kept while it is on screen). A row
 * fills its blanks from its own carry-in (`fill`, fetched with the page: pages and sorted views
 * hold rows from anywhere in the file); a row without one is read as the file's first.
 */
export function cleanedView(mapping: ImportMapping): (row: FilledRow) => CleanedRow {
  const { edits, preparation, cleaners } = cleanupOf(mapping);
  const seen = new WeakMap<DatasetRow, CleanedRow>();
  return (row) => {
    let view = seen.get(row);
    if (!view) {
      // Blanks filled from the rows above; columns a split or merge adds come after the file's.
      const edited = preparation.start(row.fill ?? [])(handEdited(edits, row));
      view = { edited, cleaned: cleanedCells(cleaners, edited) };
      seen.set(row, view);
    }
    return view;
  };
}

/**
 * The cells the grid shows (CleanedRow's `cleaned`) for rows passed in file order, each filling
 * from the ones before it: for a pass over every row, such as a sorted or filtered view's.
 */
export function cleanedInFileOrder(mapping: ImportMapping): (row: DatasetRow) => readonly string[] {
  const { edits, preparation, cleaners } = cleanupOf(mapping);
  const pass = preparation.start();
  return (row) => cleanedCells(cleaners, pass(handEdited(edits, row)));
}

/** What turns a mapping's rows into the grid's: hand edits, the row preparation, each column's steps. */
function cleanupOf(mapping: ImportMapping) {
  const names = mapping.columns.map((column) => column.source);
  const checks = mapping.columns.map((column) => columnCheckOf(mapping, { ...column, include: true })!);
  return {
    edits: editsByRow(names, mapping.cleanup),
    preparation: rowPreparation(names, mapping.cleanup),
    cleaners: checks.map((check) => cellCleaner(check.steps)),
  };
}

function handEdited(edits: EditsByRow, row: DatasetRow): readonly string[] {
  return edits.size === 0 ? row.cells : applyEdits(row.cells, edits.get(row.rowNumber));
}

function cleanedCells(cleaners: CellCleaner[], edited: readonly string[]): readonly string[] {
  return edited.map((cell, index) => (cleaners[index] ? cleaners[index](cell) : cell));
}

/**
 * Rows read from the file's first row in order (a preview's), each with its carry-in: what a page
 * of them needs to show filled values without asking the host.
 */
export function withFillCarries(mapping: ImportMapping, rows: readonly DatasetRow[]): FilledRow[] {
  const names = mapping.columns.map((column) => column.source);
  const preparation = rowPreparation(names, mapping.cleanup);
  if (!preparation.fills) return [...rows];
  const edits = editsByRow(names, mapping.cleanup);
  const pass = preparation.start();
  return rows.map((row) => {
    const fill: FillCarry | null = pass.carry();
    pass(edits.size === 0 ? row.cells : applyEdits(row.cells, edits.get(row.rowNumber)));
    return { ...row, fill };
  });
}
