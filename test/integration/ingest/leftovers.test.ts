import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../../src-main/host/runtime';
import { datasetFilePath } from '../../../src-main/services/stage/dataset-file';
import { makeTempDir } from '../../support/temp-dir';

// Hardening #8: a kill -9 after a run's commit left its staged dataset (64 MB per million rows) and
// a "ready" record; a kill while loading left an orphan file. The next start removes every dataset
// file no live process owns, and leaves a live process's alone.

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('dataset files left behind', () => {
  it('are removed at the next start unless a live process owns them', async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const first = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined });
      const db = first.workspace.db;
      db.prepare(
        `INSERT INTO sources (id, kind, name, spec, size, owned, created_at) VALUES ('s', 'file', 'f.csv', '{"kind":"file","path":"/f.csv"}', 1, 0, 't')`,
      ).run();
      const dataset = db.prepare(
        `INSERT INTO datasets (id, source_id, status, format, dialect, columns, row_count, bytes_read, bytes_total, issues, created_at, owner_pid)
         VALUES (?, 's', ?, 'csv', '{}', '[]', 1, 1, 1, '[]', 't', ?)`,
      );
      dataset.run('after-commit', 'ready', 999_999); // a run's input, its process killed after the commit
      dataset.run('other-window', 'ready', live.pid!); // another live process's draft
      mkdirSync(join(temp.dir, 'datasets'), { recursive: true });
      for (const id of ['after-commit', 'other-window', 'no-record'])
        writeFileSync(datasetFilePath(temp.dir, id), 'rows');
      writeFileSync(
        `${datasetFilePath(temp.dir, 'no-record')}-journal`,
        'journal of a file being written at the kill',
      );
      await first.close();

      const second = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined });
      try {
        expect(existsSync(datasetFilePath(temp.dir, 'after-commit'))).toBe(false);
        expect(existsSync(datasetFilePath(temp.dir, 'no-record'))).toBe(false);
        expect(existsSync(`${datasetFilePath(temp.dir, 'no-record')}-journal`)).toBe(false);
        expect(existsSync(datasetFilePath(temp.dir, 'other-window'))).toBe(true);
        expect(second.staging.get('after-commit')).toMatchObject({ status: 'cancelled' });
        expect(second.staging.get('other-window')).toMatchObject({ status: 'ready' });
      } finally {
        await second.close();
      }
    } finally {
      live.kill();
    }
  });
});
