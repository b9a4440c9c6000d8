import { cleanedInFileOrder } from '../../../src-shared/cleanup/cleaned-view';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DatasetReader } from './dataset-reader';

/** A sort and/or filter of a dataset's rows. */
export interface ViewSpec {
  sort?: { column: number; direction: 'asc' | 'desc' };
  /** Case-insensitive text that some cell of the row must contain. */
  filter?: string;
  /**
   * Sort and filter the cells as this mapping's hand edits and cleanup steps make them (what the
   * mapping grid shows); without it, the cells the file has.
   */
  mapping?: ImportMapping;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The data-row indexes of a view, in view order. Runs over every row, so it belongs in a worker;
 * the result is cached by the caller and pages are read from it.
 */
export function buildView(reader: DatasetReader, spec: ViewSpec): Uint32Array {
  const needle = spec.filter?.trim().toLocaleLowerCase();
  const column = spec.sort?.column;
  const shown = spec.mapping ? cleanedInFileOrder(spec.mapping) : null;
  const indexes: number[] = [];
  const keys: string[] = [];
  for (const { index, cells: fileCells } of reader.all()) {
    // Every row passes the cleanup, in file order, whether or not the filter keeps it: a fill-down
    // carries from rows the view leaves out.
    const cells = shown ? shown({ rowNumber: reader.rowNumberOf(index), cells: fileCells }) : fileCells;
    if (needle && !cells.some((cell) => cell.toLocaleLowerCase().includes(needle))) continue;
    indexes.push(index);
    if (column !== undefined) keys.push(cells[column] ?? '');
  }
  if (column === undefined) return Uint32Array.from(indexes);
  const order = Array.from(indexes.keys());
  const sign = spec.sort?.direction === 'desc' ? -1 : 1;
  // Stable: equal keys keep file order, in both directions.
  order.sort((a, b) => sign * collator.compare(keys[a]!, keys[b]!) || a - b);
  return Uint32Array.from(order, (position) => indexes[position]!);
}
