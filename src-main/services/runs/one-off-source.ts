import { rmSync } from 'node:fs';
import { toAppError } from '../errors/to-app-error';
import type { Logger } from '../log/logger';
import { forgetUnusedSource } from '../sources/source-repository';
import type { Workspace } from '../workspace/workspace';
import type { RunPlan } from './run-plan';

/**
 * A file one run read instead of its import's own ("Run again with another file…") is forgotten
 * when the run ends, and an upload's bytes deleted: the run keeps its counts and rejects (whole
 * rows), the workspace its data. Best effort: a failure is logged, never the run's.
 */
export function forgetOneOffSource(
  deps: { workspace: Workspace; log: Logger },
  runId: string,
  plan: Pick<RunPlan, 'oneOffSource' | 'source'>,
): void {
  if (!plan.oneOffSource) return;
  try {
    const forgotten = forgetUnusedSource(deps.workspace.db, plan.source.id);
    if (forgotten?.owned && forgotten.path) rmSync(forgotten.path, { force: true });
  } catch (error) {
    deps.log.warn('could not forget the file a run read once', { runId, error: toAppError(error).message });
  }
}
