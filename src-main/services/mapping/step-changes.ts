import { applyEdits, cellCleaner, editsByRow, stepsForColumn } from '../../../src-shared/cleanup/cell-steps';
import { rowPreparation } from '../../../src-shared/cleanup/prepared-rows';
import {
  addedColumns,
  type PreviewableStep,
  type ShapeStep,
  type StepPreview,
} from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DatasetReader } from '../stage/dataset-reader';

/** Changed cells shown as examples before a step is applied. */
const EXAMPLES = 20;

/**
 * What a step would change over every row of a staged dataset (it runs in a worker): cells whose
 * text after the mapping's steps so far differs once the new step runs too. The person sees the
 * count and examples before applying it.
 */
export function countStepChanges(
  reader: DatasetReader,
  mapping: ImportMapping,
  step: PreviewableStep,
): StepPreview {
  if (step.kind === 'split' || step.kind === 'merge') return countAddedCells(reader, mapping, step);
  const columns = mapping.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => step.column === null || column.source === step.column);
  const candidate = step.kind === 'fill-down' ? fillDown() : cellCleaner([step]);
  const earlier = columns.map(({ column }) => cellCleaner(stepsForColumn(mapping.cleanup, column.source)));
  const names = mapping.columns.map((column) => column.source);
  const edits = editsByRow(names, mapping.cleanup);
  // Rows as every pass reads them: the steps so far fill and add columns as they will.
  const prepare = rowPreparation(names, mapping.cleanup).start();
  const preview: StepPreview = { changedCells: 0, changedRows: 0, examples: [] };
  for (const { index: row, cells: raw } of reader.all()) {
    const rowNumber = reader.rowNumberOf(row);
    const cells = prepare(edits.size === 0 ? raw : applyEdits(raw, edits.get(rowNumber)));
    let changed = false;
    for (let c = 0; c < columns.length; c++) {
      const before = earlier[c]!(cells[columns[c]!.index] ?? '');
      const after = candidate(before);
      if (after === before) continue;
      changed = true;
      preview.changedCells += 1;
      if (preview.examples.length < EXAMPLES)
        preview.examples.push({ rowNumber, column: columns[c]!.column.source, before, after });
    }
    if (changed) preview.changedRows += 1;
  }
  return preview;
}

/**
 * A fill-down added after the steps so far, over one column's values in file order: a blank takes
 * the last non-blank value before it (the same value the swap in fill-down.ts gives once applied).
 */
function fillDown(): (value: string) => string {
  let last: string | null = null;
  return (value) => {
    if (value.trim() !== '') return (last = value);
    return last ?? value;
  };
}

/**
 * What a split or merge would add: the cells of its new columns that hold a value, over every row
 * (the columns are new, so each such cell is a change from nothing), read as the steps so far leave
 * the rows with the step added after them.
 */
function countAddedCells(reader: DatasetReader, mapping: ImportMapping, step: ShapeStep): StepPreview {
  const names = mapping.columns.map((column) => column.source);
  const added = addedColumns(step);
  const withStep = [...names, ...added];
  const edits = editsByRow(names, mapping.cleanup);
  const prepare = rowPreparation(withStep, [...(mapping.cleanup ?? []), step]).start();
  const first = names.length;
  const preview: StepPreview = { changedCells: 0, changedRows: 0, examples: [] };
  for (const { index: row, cells: raw } of reader.all()) {
    const rowNumber = reader.rowNumberOf(row);
    const cells = prepare(edits.size === 0 ? raw : applyEdits(raw, edits.get(rowNumber)));
    let changed = false;
    for (let c = 0; c < added.length; c++) {
      const after = cells[first + c] ?? '';
      if (after.trim() === '') continue;
      changed = true;
      preview.changedCells += 1;
      if (preview.examples.length < EXAMPLES)
        preview.examples.push({ rowNumber, column: added[c]!, before: '', after });
    }
    if (changed) preview.changedRows += 1;
  }
  return preview;
}
