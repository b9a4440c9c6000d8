import type { EventName, EventPayload } from '../../src-shared/contract';
import type { ShellKind } from '../../src-shared/model/app-info';
import type { Logger } from './log/logger';
import type { PreviewCache } from './preview/preview-cache';
import type { StagingService } from './stage/staging-service';
import type { ValidationService } from './mapping/validation-service';
import type { RunService } from './runs/run-service';
import type { Exclusive } from './workspace/write-lock';
import type { Workspace } from './workspace/workspace';

/** What every handler receives besides its payload; the same in both shells. */
export interface HandlerContext {
  workspace: Workspace;
  shell: ShellKind;
  log: Logger;
  staging: StagingService;
  validation: ValidationService;
  previews: PreviewCache;
  runs: RunService;
  /** The workspace's write lock (a run's processing holds it until it commits). */
  writeLock: Exclusive;
  /** Desktop only: shows the Open dialog and resolves to the chosen paths. */
  chooseFiles?: () => Promise<string[]>;
  /** Pushes an event to every connected renderer of this shell. */
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}
