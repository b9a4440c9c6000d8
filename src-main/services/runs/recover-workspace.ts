import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { partialExportPath } from '../destinations/file/file-destination';
import { purgeExpired } from '../destinations/workspace/purge-expired';
import { isBusyError } from '../errors/to-app-error';
import type { Logger } from '../log/logger';
import { datasetFilePath, removeDatasetFile } from '../stage/dataset-file';
import {
  abandonDatasetsOfGoneProcesses,
  datasetsInUse,
  deleteDataset,
  failInterruptedDatasets,
} from '../stage/dataset-repository';
import type { Workspace } from '../workspace/workspace';
import { datasetsOfRuns, failInterruptedRuns, runDestination } from './run-repository';

/**
 * Start-up clean-up after a crash or kill: datasets and runs a dead process left active are marked
 * failed ("interrupted"); half-written dataset files and the inputs of interrupted runs are deleted;
 * expired data is purged. Runs never committed anything (processing is one transaction). When another
 * process is committing a run right now (and this one's busy timeout runs out first: the app's
 * 250 ms; the CLI waits for the commit), the clean-up is skipped: that process is alive and the next
 * start will do it.
 */
export function recoverWorkspace(workspace: Workspace, log: Logger): void {
  const db = workspace.db;
  try {
    const datasets = failInterruptedDatasets(db);
    for (const id of datasets) removeDatasetFile(datasetFilePath(workspace.dir, id));
    if (datasets.length > 0) log.warn('marked interrupted datasets as failed', { count: datasets.length });
    const abandoned = abandonDatasetsOfGoneProcesses(db);
    if (abandoned.length > 0)
      log.info('removed the staged rows of closed drafts', { count: abandoned.length });
    const runs = failInterruptedRuns(db);
    if (runs.length > 0) {
      log.warn('marked interrupted runs as failed', { count: runs.length });
      for (const id of datasetsOfRuns(db, runs)) {
        removeDatasetFile(datasetFilePath(workspace.dir, id));
        deleteDataset(db, id);
      }
      // An interrupted export's half-written file (its target was never created).
      for (const id of runs) {
        const destination = runDestination(db, id);
        if (destination.kind === 'file') rmSync(partialExportPath(destination.path, id), { force: true });
      }
    }
    removeUnownedDatasetFiles(workspace.dir, datasetsInUse(db), log);
    db.transaction(() => purgeExpired(db, new Date()))();
  } catch (error) {
    if (!isBusyError(error)) throw error;
    log.warn('another process is writing the workspace; start-up clean-up skipped', {});
  }
}

/**
 * Deletes every file under datasets/ that no live dataset owns: a kill -9 after a run's commit left
 * its input (64 MB per million rows), a kill while loading left a half-written file, and closed
 * drafts left theirs. A live process registers a dataset before it writes its file, so a file
 * without a live record is nobody's.
 */
function removeUnownedDatasetFiles(workspaceDir: string, inUse: ReadonlySet<string>, log: Logger): void {
  const folder = join(workspaceDir, 'datasets');
  let removed = 0;
  for (const name of existsSync(folder) ? readdirSync(folder) : []) {
    const id = name.replace(/\.sqlite(-journal|-wal|-shm)?$/, '');
    if (inUse.has(id)) continue;
    rmSync(join(folder, name), { force: true, recursive: true });
    removed++;
  }
  if (removed > 0) log.info('removed dataset files no live dataset owns', { count: removed });
}
