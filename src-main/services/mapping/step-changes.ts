import {
  addColumnEdits,
  applyEdits,
  cellCleaner,
  stepsForColumn,
  type EditsByRow,
} from '../../../src-shared/cleanup/cell-steps';
import { rowShape } from '../../../src-shared/cleanup/row-shape';
import { columnCheckOf } from '../../../src-shared/mapping/column-check';
import type { CellStep, StepPreview } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DatasetReader } from '../stage/dataset-reader';

/** Changed cells shown as examples before a step is applied. */
const EXAMPLES = 20;

/**
 * What a step would change over every row of a staged dataset (it runs in a worker): cells whose
 * text after the mapping's steps so far differs once the new step runs too. The person sees the
 * count and examples before applying it.
 */
export function countStepChanges(reader: DatasetReader, mapping: ImportMapping, step: CellStep): StepPreview {
  const columns = mapping.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => step.column === null || column.source === step.column);
  const candidate = cellCleaner([step]);
  const earlier = columns.map(({ column }) => cellCleaner(stepsForColumn(mapping.cleanup, column.source)));
  const edits: EditsByRow = new Map();
  for (const { column, index } of columns)
    addColumnEdits(edits, index, columnCheckOf(mapping, { ...column, include: true })!.edits);
  const shape = rowShape(
    mapping.columns.map((column) => column.source),
    mapping.cleanup,
  );
  const preview: StepPreview = { changedCells: 0, changedRows: 0, examples: [] };
  for (const { index: row, cells: raw } of reader.all()) {
    const rowNumber = reader.rowNumberOf(row);
    const edited = edits.size === 0 ? raw : applyEdits(raw, edits.get(rowNumber));
    const cells = shape ? shape.extend(edited) : edited;
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
