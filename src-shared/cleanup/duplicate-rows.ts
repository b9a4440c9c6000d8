import { columnCheckOf, transformCell } from '../mapping/column-check';
import type { DedupeStep } from '../model/cleanup';
import type { ImportMapping } from '../model/mapping';
import { addColumnEdits, applyEdits, type EditsByRow } from './cell-steps';
import { rowShape } from './row-shape';

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
 * The data rows the mapping's dedupe steps remove, as a flag per row (1 = removed), from passes
 * over every row (`rows` is called once per step). Keys are the key columns' values as they will
 * import — hand edits, added columns, cleanup steps and the column's own transforms applied — so
 * " A@x.com" and "a@x.com" are one customer when the column trims and lowercases. Each step sees
 * only the rows the steps before it kept.
 */
export function duplicateRows(
  mapping: ImportMapping,
  rowCount: number,
  rows: () => Iterable<NumberedRow>,
): Uint8Array | null {
  const steps = dedupeSteps(mapping);
  if (steps.length === 0) return null;
  const names = mapping.columns.map((column) => column.source);
  const shape = rowShape(names, mapping.cleanup);
  const checks = mapping.columns.map((column) => columnCheckOf(mapping, { ...column, include: true })!);
  const edits: EditsByRow = new Map();
  checks.forEach((check, index) => addColumnEdits(edits, index, check.edits));
  const removed = new Uint8Array(rowCount);
  for (const step of steps) {
    const keyColumns = step.columns.map((name) => names.indexOf(name)).filter((index) => index !== -1);
    if (keyColumns.length === 0) continue;
    const seen = new Map<string, number>();
    for (const { index, rowNumber, cells: raw } of rows()) {
      if (removed[index]) continue;
      const edited = edits.size === 0 ? raw : applyEdits(raw, edits.get(rowNumber));
      const cells = shape ? shape.extend(edited) : edited;
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
