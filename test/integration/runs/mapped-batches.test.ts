import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mappedBatches } from '../../../src-main/services/mapping/mapped-batches';
import { DatasetReader } from '../../../src-main/services/stage/dataset-reader';
import { runStageJob } from '../../../src-main/services/stage/stage-job';
import { col, mappingOf } from '../../unit/mapping/fixtures';
import { writeFixture } from '../../support/import-run';
import { makeTempDir } from '../../support/temp-dir';

// How a run's rows are cut into batches: by count, by rows read (mostly rejected files), and by
// weight (very wide rows), always in file order and covering every row once.

const temp = makeTempDir();
afterAll(() => temp.remove());

async function readerOf(lines: string[]): Promise<DatasetReader> {
  const file = writeFixture(temp.dir, `f${lines.length}.csv`, `n,size\n${lines.join('\n')}\n`);
  const datasetPath = join(temp.dir, `d${lines.length}.sqlite`);
  await runStageJob(
    {
      spec: { kind: 'file', path: file },
      workspaceDir: temp.dir,
      datasetPath,
      format: 'csv',
      dialect: { encoding: 'utf-8', delimiter: ',', quote: '"', escape: '"', newline: '\n', hasHeader: true },
      columns: ['n', 'size'],
    },
    { progress: () => undefined, checkpoint: () => undefined },
  );
  return new DatasetReader(datasetPath);
}

const mapping = mappingOf('customers', [col('n', { type: 'number' }), col('size', { type: 'number' })]);

describe('mappedBatches', () => {
  it('ends a batch at the item count, at the weight limit, or at 4 × the count of rows read', async () => {
    // Rows 1–30: weight 1 each; 31–40: weight 30 each; 41–100: "x" is not a number (rejected).
    const lines = Array.from({ length: 100 }, (_, i) => `${i < 40 ? i + 1 : 'x'},${i < 30 ? 1 : 30}`);
    const reader = await readerOf(lines);
    try {
      const batches = [
        ...mappedBatches(reader, mapping, {
          prepare: (record) => record.attributes[1]!.value as number,
          items: 10,
          maxWeight: 60,
          weigh: (weight) => weight,
        }),
      ];
      expect(batches.map((batch) => [batch.read, batch.items.length, batch.rejects.length])).toEqual([
        [10, 10, 0],
        [10, 10, 0],
        [10, 10, 0],
        [2, 2, 0], // 30 + 30 reaches 60
        [2, 2, 0],
        [2, 2, 0],
        [2, 2, 0],
        [2, 2, 0],
        [40, 0, 40], // only rejects: ends at 4 × 10 rows read
        [20, 0, 20],
      ]);
      expect(batches.flatMap((batch) => batch.rejects.map((reject) => reject.rowNumber))).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 42),
      );
    } finally {
      reader.close();
    }
  });
});
