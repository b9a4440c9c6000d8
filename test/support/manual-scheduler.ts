import type { Runtime } from '../../src-main/host/runtime';
import { Scheduler } from '../../src-main/services/schedule/scheduler';
import { connectionOfSpec } from '../../src-main/services/sources/connections/resolved-connection';

/**
 * A scheduler over a runtime's workspace with the test's clock, never started: the test calls
 * `check()` when it has moved the clock, so no timer decides what runs.
 */
export function manualScheduler(runtime: Runtime, now: () => Date, pollMs = 60_000): Scheduler {
  return new Scheduler({
    db: runtime.workspace.db,
    runs: runtime.runs,
    log: runtime.log,
    emit: (name, payload) => runtime.bus.emit(name, payload),
    poll: {
      resolveConnection: (spec) => connectionOfSpec(runtime.workspace.db, runtime.secrets, spec),
      connector: { workspaceDir: runtime.workspace.dir, timeouts: runtime.networkTimeouts },
    },
    now,
    pollMs,
  });
}
