import type { ShellKind } from '../../src-shared/model/app-info';
import type { Handlers } from '../../src-shared/contract';
import { createFileLogger, type Logger } from '../services/log/logger';
import { RUN_BUSY_TIMEOUT_MS } from '../services/workspace/busy-timeouts';
import { openWorkspace, type Workspace } from '../services/workspace/workspace';
import type { Piscina } from 'piscina';
import { StagingService } from '../services/stage/staging-service';
import { PreviewCache } from '../services/preview/preview-cache';
import { ValidationService } from '../services/mapping/validation-service';
import { createIngestPool } from '../workers/ingest-pool';
import { RunService } from '../services/runs/run-service';
import { recoverWorkspace } from '../services/runs/recover-workspace';
import { createExclusive } from '../services/workspace/write-lock';
import { EventBus } from './event-bus';
import type { HandlerContext } from '../services/handler-context';
import { createHandlers } from './registry';

/** Everything a shell needs to serve the contract: the workspace, the handler table and the event bus. */
export interface Runtime {
  workspace: Workspace;
  handlers: Handlers<HandlerContext>;
  context: HandlerContext;
  bus: EventBus;
  log: Logger;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  workspaceDir: string;
  shell: ShellKind;
  nativeBinding?: string;
  /**
   * How long writes wait for another process's write lock: the main connection's (see
   * OpenWorkspaceOptions.busyTimeoutMs), and a run's when longer than RUN_BUSY_TIMEOUT_MS. The app
   * keeps the defaults; the CLI waits longer.
   */
  busyTimeoutMs?: number;
  /** Where warnings are echoed; stderr by default. */
  echo?: (line: string) => void;
  /** Desktop only: the Open dialog. */
  chooseFiles?: () => Promise<string[]>;
}

/** Opens the workspace and wires the handler table for one shell. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const log = createFileLogger(options.workspaceDir, options.echo);
  const workspace = openWorkspace(options.workspaceDir, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const bus = new EventBus();
  const emit: HandlerContext['emit'] = (name, payload) => bus.emit(name, payload);
  recoverWorkspace(workspace, log);
  // The worker pool starts on first use: `intake --help` or a settings change never spawn threads.
  let pool: Piscina | null = null;
  const getPool = () => (pool ??= createIngestPool());
  const writeLock = createExclusive();
  const staging = new StagingService(workspace, getPool, emit, log, options.nativeBinding, writeLock);
  const previews = new PreviewCache();
  const runs = new RunService({
    workspace,
    staging,
    previews,
    pool: getPool,
    emit,
    log,
    writeLock,
    nativeBinding: options.nativeBinding,
    busyTimeoutMs: Math.max(options.busyTimeoutMs ?? 0, RUN_BUSY_TIMEOUT_MS),
  });
  const context: HandlerContext = {
    workspace,
    shell: options.shell,
    log,
    emit,
    staging,
    validation: new ValidationService(workspace.dir, staging, getPool, options.nativeBinding),
    previews,
    runs,
    writeLock,
    ...(options.chooseFiles ? { chooseFiles: options.chooseFiles } : {}),
  };
  return {
    workspace,
    handlers: createHandlers(),
    context,
    bus,
    log,
    close: async () => {
      await runs.close();
      await staging.close();
      await pool?.destroy();
      workspace.close();
    },
  };
}
