import { duplicateRows } from '../../../src-shared/cleanup/duplicate-rows';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DatasetReader } from '../stage/dataset-reader';

/** The rows of a staged dataset the mapping's dedupe steps remove (null: it has none). */
export function datasetDuplicates(reader: DatasetReader, mapping: ImportMapping): Uint8Array | null {
  return duplicateRows(mapping, reader.meta.rowCount, function* () {
    for (const { index, cells } of reader.all()) yield { index, rowNumber: reader.rowNumberOf(index), cells };
  });
}

/** The removed rows' indexes, ascending (what crosses from the worker). */
export function removedIndexes(flags: Uint8Array | null): Uint32Array {
  if (!flags) return new Uint32Array(0);
  const indexes: number[] = [];
  for (let index = 0; index < flags.length; index++) if (flags[index]) indexes.push(index);
  return Uint32Array.from(indexes);
}
