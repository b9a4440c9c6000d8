import type { MappedRecord } from '../../../src-shared/mapping/map-row';
import type { RunFile } from '../../../src-shared/model/run';
import type { BatchShape, PortableRunInput, RecordBatch, RunInput } from '../destinations/destination';
import { mappedBatches } from '../mapping/mapped-batches';
import { DatasetReader } from '../stage/dataset-reader';

/**
 * A run's input over its staged dataset: the rows, mapped in file order. Each call of `batches`
 * reads the dataset afresh with a reader of its own, closed when the batches end or are left.
 */
export function datasetInput(portable: PortableRunInput): RunInput & { files: RunFile[] } {
  const probe = new DatasetReader(portable.datasetPath, portable.nativeBinding);
  const { rowCount, files = [] } = probe.meta;
  probe.close();
  return {
    rowCount,
    files: files.map(({ name, size, modifiedAt, rows }) => ({ name, size, modifiedAt, rows })),
    mapping: portable.mapping,
    batches: <T = MappedRecord>(shape?: BatchShape<T>) => readBatches(portable, shape),
    portable,
  };
}

/** The batches of a portable input, read on the calling thread (the events preparer's too). */
export function* readBatches<T = MappedRecord>(
  input: PortableRunInput,
  shape: BatchShape<T> = {},
): Generator<RecordBatch<T>> {
  const reader = new DatasetReader(input.datasetPath, input.nativeBinding);
  try {
    yield* mappedBatches(reader, input.mapping, {
      ...shape,
      cursor: input.cursor ?? null,
      ...(input.runValues ? { runValues: input.runValues } : {}),
    });
  } finally {
    reader.close();
  }
}
