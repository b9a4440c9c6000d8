import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { importOverview } from './import-overview';
import { rejectsCsv } from './rejects-csv';
import { getRun, listRuns, rejectsPage } from './run-repository';
import type { RunService } from './run-service';

/** Requests of the `runs` domain, and the Imports page's overview of imports with their runs. */
export function createRunsHandlers(deps: {
  db: Database;
  runs: RunService;
}): Pick<
  Handlers,
  | 'imports:overview'
  | 'runs:start'
  | 'runs:list'
  | 'runs:get'
  | 'runs:cancel'
  | 'runs:rejects'
  | 'runs:rejectsCsv'
> {
  const { db, runs } = deps;
  return {
    'imports:overview': () => importOverview(db, (runId) => runs.queuePosition(runId)),
    'runs:start': ({ importId, datasetId, dryRun, testRow, sourceId }) =>
      runs.start(importId, datasetId, 'user', {
        ...(dryRun ? { dryRun: true } : {}),
        ...(testRow !== undefined ? { onlyRow: testRow } : {}),
        ...(sourceId !== undefined ? { sourceId } : {}),
      }),
    'runs:list': ({ importId, limit }) => listRuns(db, importId, limit),
    'runs:get': ({ runId }) => getRun(db, runId),
    'runs:cancel': ({ runId }) => runs.cancel(runId),
    'runs:rejects': ({ runId, offset, limit }) => {
      getRun(db, runId);
      return rejectsPage(db, runId, offset, limit);
    },
    'runs:rejectsCsv': ({ runId, afterRow }) => rejectsCsv(db, runId, afterRow),
  };
}
