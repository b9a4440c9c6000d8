import { createRowMapper, type MappedRecord, type RowReject } from '../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DatasetReader } from '../stage/dataset-reader';

/** Rows read from a dataset and mapped (and prepared): the items, and the rows rejected. */
export interface MappedBatch<T = MappedRecord> {
  /** Rows this batch covers (items + rejects). */
  read: number;
  items: T[];
  rejects: RowReject[];
}

/** Items per batch: big enough to amortize a call, small enough to cancel promptly. */
export const BATCH = 2_000;

/**
 * Maps every staged row in file order, in batches of BATCH items (or 4 × BATCH rows read, so a
 * file of mostly rejected rows still reports progress and can be cancelled). `prepare` turns each
 * record into an item as soon as it is mapped, or rejects it (pushing to `rejects`, returning null).
 */
export function* mappedBatches<T = MappedRecord>(
  reader: DatasetReader,
  mapping: ImportMapping,
  prepare: (record: MappedRecord, rejects: RowReject[]) => T | null = (record) => record as T,
): Generator<MappedBatch<T>> {
  const mapRow = createRowMapper(mapping);
  const firstRowNumber = reader.meta.firstRowNumber;
  let batch: MappedBatch<T> = { read: 0, items: [], rejects: [] };
  for (const { index, cells } of reader.all()) {
    batch.read++;
    const outcome = mapRow(cells, index + firstRowNumber);
    if (outcome.ok) {
      const item = prepare(outcome.record, batch.rejects);
      if (item !== null) batch.items.push(item);
    } else batch.rejects.push(outcome.reject);
    if (batch.items.length >= BATCH || batch.read >= BATCH * 4) {
      yield batch;
      batch = { read: 0, items: [], rejects: [] };
    }
  }
  if (batch.read > 0) yield batch;
}
