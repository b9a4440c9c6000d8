import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../src-main/host/runtime';
import { datasetFilePath } from '../../../src-main/services/stage/dataset-file';
import { insertDataset } from '../../../src-main/services/stage/dataset-repository';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { makeTempDir } from '../../support/temp-dir';

describe('a dataset interrupted by a crash', () => {
  it('is marked failed ("interrupted") at the next start and its half-written file is deleted', async () => {
    const temp = makeTempDir();
    const first = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined });
    const path = join(temp.dir, 'a.csv');
    writeFileSync(path, 'a\n1\n');
    const source = await registerFile(first.workspace.db, path);
    insertDataset(first.workspace.db, {
      id: 'crashed',
      sourceId: source.id,
      sourceName: source.name,
      status: 'staging',
      format: 'csv',
      dialect: { encoding: 'utf-8', delimiter: ',', quote: '"', escape: '"', newline: '\n', hasHeader: true },
      columns: ['a'],
      xmlRecordPath: null,
      rowCount: 0,
      bytesRead: 0,
      bytesTotal: 4,
      issues: [],
      error: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    });
    mkdirSync(join(temp.dir, 'datasets'), { recursive: true });
    writeFileSync(datasetFilePath(temp.dir, 'crashed'), 'half-written');
    await first.close();

    const second = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined });
    const dataset = second.staging.get('crashed');
    expect(dataset.status).toBe('failed');
    expect(dataset.error?.message).toMatch(/Interrupted/);
    expect(existsSync(datasetFilePath(temp.dir, 'crashed'))).toBe(false);
    await second.close();
    temp.remove();
  });
});
