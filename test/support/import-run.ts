import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../../src-shared/model/run';
import { importFile, type ImportFileRequest } from '../../src-main/services/runs/import-file';
import type { Runtime } from '../../src-main/host/runtime';

/** Imports a file headlessly through the real pipeline (stage, map, validate, load) and waits for its run. */
export async function importAndWait(runtime: Runtime, request: ImportFileRequest): Promise<Run> {
  const { run } = await importFile(runtime, request);
  return runtime.runs.settled(run.id);
}

/** Rows of a query on the runtime's workspace. */
export function rows<T = Record<string, unknown>>(runtime: Runtime, sql: string, ...params: unknown[]): T[] {
  return runtime.workspace.db.prepare(sql).all(...params) as T[];
}

/** Writes a file into a folder and returns its path. */
export function writeFixture(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
