import type { Handlers } from '../../../src-shared/contract';
import type { HandlerContext } from '../handler-context';
import { rejectsCsv } from './rejects-csv';
import { getRun, listRuns, rejectsPage } from './run-repository';

/** Requests of the `runs` domain. */
export const runsHandlers = {
  'runs:start': ({ importId, datasetId }, context) => context.runs.start(importId, datasetId),
  'runs:list': ({ importId, limit }, context) => listRuns(context.workspace.db, importId, limit),
  'runs:get': ({ runId }, context) => getRun(context.workspace.db, runId),
  'runs:cancel': ({ runId }, context) => context.runs.cancel(runId),
  'runs:rejects': ({ runId, offset, limit }, context) => {
    getRun(context.workspace.db, runId);
    return rejectsPage(context.workspace.db, runId, offset, limit);
  },
  'runs:rejectsCsv': ({ runId, afterRow }, context) => rejectsCsv(context.workspace.db, runId, afterRow),
} satisfies Pick<
  Handlers<HandlerContext>,
  'runs:start' | 'runs:list' | 'runs:get' | 'runs:cancel' | 'runs:rejects' | 'runs:rejectsCsv'
>;
