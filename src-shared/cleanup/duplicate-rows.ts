import { checkKey, columnCheckOf, transformCell } from '../mapping/column-check';
import type { DedupeStep } from '../model/cleanup';
import type { ImportMapping } from '../model/mapping';
import { applyEdits, editsByRow } from './cell-steps';
import { rowPreparation } from './prepared-rows';

/** A staged row as the dedupe pass reads it. */
export interface NumberedRow {
  index: number;
  rowNumber: number;
  cells: readonly string[];
}

/** The mapping's dedupe steps, in order. */
export function dedupeSteps(mapping: ImportMapping): DedupeStep[] {
  return (mapping.cleanup ?? []).filter((step): step is DedupeStep => step.kind === 'dedupe');
}

/**
 * What decides which rows the mapping's dedupe steps remove: the steps, and the key columns' checks
 * (each with its own cleanup steps, hand edits and transforms); '' without a dedupe step. The
 * validation keeps its pass by it, and the grid fetches its pages' marks again when it changes.
 */
export function dedupeKey(mapping: ImportMapping): string {
  const steps = dedupeSteps(mapping);
  if (steps.length === 0) return '';
  const keyColumns = new Set(steps.flatMap((step) => step.columns));
  return JSON.stringify([
    steps,
    mapping.columns.flatMap((column, index) =>
      keyColumns.has(column.source)
        ? [checkKey(index, columnCheckOf(mapping, { ...column, include: true })!)]
        : [],
    ),
  ]);
}

/**
 * The data rows the mapping's dedupe steps remove, as a flag per row (1 = removed), from passes
 * over every row (`rows` is called once per step). Keys are the key columns' values as they will
 * import — hand edits, added columns, cleanup steps and the column's own transforms applied — so
 * " A@x.com" and "a@x.com" are one customer when the column trims and lowercases. Each step sees
 * only the rows the steps before it kept, and fill-down fills every row's blanks in file order
 * (removed rows included), wherever it stands in the list of steps.
 */
export function duplicateRows(
  mapping: ImportMapping,
  rowCount: number,
  rows: () => Iterable<NumberedRow>,
): Uint8Array | null {
  const steps = dedupeSteps(mapping);
  if (steps.length === 0) return null;
  const names = mapping.columns.map((column) => column.source);
  const preparation = rowPreparation(names, mapping.cleanup);
  const checks = mapping.columns.map((column) => columnCheckOf(mapping, { ...column, include: true })!);
  const edits = editsByRow(names, mapping.cleanup);
  const removed = new Uint8Array(rowCount);
  for (const step of steps) {
    const keyColumns = step.columns.map((name) => names.indexOf(name)).filter((index) => index !== -1);
    if (keyColumns.length === 0) continue;
    const seen = new Map<string, number>();
    const prepare = preparation.start();
    for (const { index, rowNumber, cells: raw } of rows()) {
      // A removed row is still read when a fill-down is at work: it passes its values down.
      if (removed[index] && !preparation.fills) continue;
      const edited = edits.size === 0 ? raw : applyEdits(raw, edits.get(rowNumber));
      const cells = prepare(edited);
      if (removed[index]) continue;
      const values = keyColumns.map((column) => transformCell(checks[column]!, cells[column] ?? ''));
      if (values.every((value) => value.trim() === '')) continue;
      const key = values.join('\u0000');
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, index);
      else if (step.keep === 'first') removed[index] = 1;
      else {
        removed[earlier] = 1;
        seen.set(key, index);
      }
    }
  }
  return removed;
}
