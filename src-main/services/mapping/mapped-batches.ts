import { datasetDuplicates } from './dataset-duplicates';
import {
  incrementalTimeField,
  newerOf,
  recordTime,
  type NewestTime,
} from '../../../src-shared/mapping/incremental';
import {
  createRowMapper,
  type MappedRecord,
  type MappedValue,
  type RowReject,
} from '../../../src-shared/mapping/map-row';
import {
  fillStatics,
  lastPathSegment,
  runValuesAt,
  staticValues,
  usesFileName,
  type RunValues,
} from '../../../src-shared/mapping/static-placeholders';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DatasetReader } from '../stage/dataset-reader';
import type { StagedFile } from '../stage/stage-task';

/** Rows read from a dataset and mapped (and prepared): the items, and the rows rejected. */
export interface MappedBatch<T = MappedRecord> {
  /** Rows this batch covers (items + rejects + skipped). */
  read: number;
  items: T[];
  rejects: RowReject[];
  /** Rows of an incremental mapping whose time field is not after the cursor. */
  skipped: number;
  /** An incremental mapping's newest time field among the items, and how many items have it. */
  newest: NewestTime | null;
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
  /**
   * An incremental mapping's cursor (ISO 8601 UTC, six fraction digits; null on a first run): a
   * row whose time field is not after it is skipped, neither imported nor rejected.
   */
  cursor?: string | null;
  /** What static columns' placeholders stand for in this run (default: a run started now, no file). */
  runValues?: RunValues;
}

/**
 * Maps every staged row in file order, in batches of `items` items (or 4 × items rows read, so a
 * file of mostly rejected or skipped rows still reports progress and can be cancelled; or
 * `maxWeight`, so very wide rows do not make a batch huge). An incremental mapping's rows are
 * compared with the cursor here, after mapping and before `prepare`: the one place every
 * destination's rows pass (the events pipeline's thread too), so rows a database query could not
 * filter (a text column) or a storage file holds are skipped the same way, and the newest time
 * field is taken among the rows handed on (an empty one was rejected by the mapping's rules).
 */
export function* mappedBatches<T = MappedRecord>(
  reader: DatasetReader,
  mapping: ImportMapping,
  {
    prepare = (record) => record as T,
    items = BATCH,
    maxWeight = Infinity,
    weigh,
    cursor = null,
    runValues = runValuesAt(new Date(), ''),
  }: BatchOptions<T> = {},
): Generator<MappedBatch<T>> {
  const mapRow = createRowMapper(fillStatics(mapping, runValues));
  const staticsOf = staticsByFile(mapping, runValues, reader.meta.files ?? []);
  const timeRole = incrementalTimeField(mapping)?.role ?? null;
  // Rows a dedupe step removes: found in a pass of their own first (keep last needs the rows after).
  const removed = datasetDuplicates(reader, mapping);
  const empty = (): MappedBatch<T> => ({ read: 0, items: [], rejects: [], skipped: 0, newest: null });
  let batch = empty();
  let weight = 0;
  for (const { index, cells } of reader.all()) {
    batch.read++;
    if (removed?.[index]) {
      // Neither imported nor rejected: counted with the skipped rows. Its values still fill down.
      mapRow.skip(cells, reader.rowNumberOf(index));
      batch.skipped++;
      continue;
    }
    const outcome = mapRow(cells, reader.rowNumberOf(index));
    if (outcome.ok) {
      if (staticsOf) replaceStatics(outcome.record, staticsOf(index));
      const time = timeRole === null ? null : recordTime(outcome.record, timeRole);
      if (time !== null && cursor !== null && time.iso <= cursor) batch.skipped++;
      else {
        const item = prepare(outcome.record, batch.rejects);
        if (item !== null) {
          batch.items.push(item);
          if (weigh) weight += weigh(item);
          if (time !== null) batch.newest = newerOf(batch.newest, { iso: time.iso, rows: 1 });
        }
      }
    } else batch.rejects.push(outcome.reject);
    if (batch.items.length >= items || batch.read >= items * 4 || weight >= maxWeight) {
      yield batch;
      batch = empty();
      weight = 0;
    }
  }
  if (batch.read > 0) yield batch;
}

/**
 * When a static column takes `{file_name}` and the dataset holds a storage run's files: the static
 * values of each data row's file (filled when its first row comes), so every row carries the name
 * of the file it came from. One row mapper still reads every row, so a fill-down step carries on
 * across files as across one file. Null when every row gets the same statics.
 */
function staticsByFile(
  mapping: ImportMapping,
  values: RunValues,
  files: readonly StagedFile[],
): ((index: number) => MappedValue[]) | null {
  if (files.length === 0 || !usesFileName(mapping)) return null;
  const filled = new Map<number, MappedValue[]>();
  let at = 0;
  return (index) => {
    // Rows come in file order; a file that gave no rows shares its firstRow with the next one.
    while (at + 1 < files.length && files[at + 1]!.firstRow <= index) at++;
    let statics = filled.get(at);
    if (!statics) {
      const file_name = lastPathSegment(files[at]!.name);
      statics = staticValues(fillStatics(mapping, { ...values, file_name }));
      filled.set(at, statics);
    }
    return statics;
  };
}

/** A record's attributes end with the static columns (map-row.ts): they take the file's values. */
function replaceStatics(record: MappedRecord, statics: MappedValue[]): void {
  record.attributes.splice(record.attributes.length - statics.length, statics.length, ...statics);
}
