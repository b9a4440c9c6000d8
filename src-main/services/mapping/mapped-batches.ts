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

/** How a batch is made: each record turned into an item, and when a batch is full. */
export interface BatchOptions<T> {
  /** Turns a record into an item as soon as it is mapped, or rejects it (pushes, returns null). */
  prepare?: (record: MappedRecord, rejects: RowReject[]) => T | null;
  /** Items per batch; default BATCH. */
  items?: number;
  /** A batch also ends once its items weigh this much (see `weigh`). */
  maxWeight?: number;
  weigh?: (item: T) => number;
}

/**
 * Maps every staged row in file order, in batches of `items` items (or 4 × items rows read, so a
 * file of mostly rejected rows still reports progress and can be cancelled; or `maxWeight`, so
 * very wide rows do not make a batch huge).
 */
export function* mappedBatches<T = MappedRecord>(
  reader: DatasetReader,
  mapping: ImportMapping,
  { prepare = (record) => record as T, items = BATCH, maxWeight = Infinity, weigh }: BatchOptions<T> = {},
): Generator<MappedBatch<T>> {
  const mapRow = createRowMapper(mapping);
  const firstRowNumber = reader.meta.firstRowNumber;
  let batch: MappedBatch<T> = { read: 0, items: [], rejects: [] };
  let weight = 0;
  for (const { index, cells } of reader.all()) {
    batch.read++;
    const outcome = mapRow(cells, index + firstRowNumber);
    if (outcome.ok) {
      const item = prepare(outcome.record, batch.rejects);
      if (item !== null) {
        batch.items.push(item);
        if (weigh) weight += weigh(item);
      }
    } else batch.rejects.push(outcome.reject);
    if (batch.items.length >= items || batch.read >= items * 4 || weight >= maxWeight) {
      yield batch;
      batch = { read: 0, items: [], rejects: [] };
      weight = 0;
    }
  }
  if (batch.read > 0) yield batch;
}
