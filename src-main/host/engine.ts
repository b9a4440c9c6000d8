import type { Piscina } from 'piscina';
import type { EventName, EventPayload } from '../../src-shared/contract';
import { createFileLogger, type Logger } from '../services/log/logger';
import { ValidationService } from '../services/mapping/validation-service';
import { PreviewCache } from '../services/preview/preview-cache';
import { RawLinesReader } from '../services/preview/raw-lines-reader';
import { recoverWorkspace } from '../services/runs/recover-workspace';
import { RunService } from '../services/runs/run-service';
import { createKeyringStore } from '../services/secrets/keyring-store';
import type { SecretStore } from '../services/secrets/secret-store';
import {
  connectionOfSpec,
  resolveConnection as resolveConnectionById,
} from '../services/sources/connections/resolved-connection';
import type { SourceSpec } from '../../src-shared/model/source';
import { StagingService } from '../services/stage/staging-service';
import { RUN_BUSY_TIMEOUT_MS } from '../services/workspace/busy-timeouts';
import { openWorkspace, type Workspace } from '../services/workspace/workspace';
import { createExclusive, type Exclusive } from '../services/workspace/write-lock';
import { createIngestPool } from '../workers/ingest-pool';
import { createTaskRunner } from '../workers/task-runner';

/**
 * The subsystems that read sources and run imports: what `intake import` needs, and what the app's
 * runtime adds its handler table to. Nothing here starts on its own (no schedules, no pollers): the
 * pool starts at its first task.
 */
export interface Engine {
  workspace: Workspace;
  log: Logger;
  secrets: SecretStore;
  previews: PreviewCache;
  /** The raw lines around a parse error, read in the pool. */
  rawLines: RawLinesReader;
  staging: StagingService;
  validation: ValidationService;
  runs: RunService;
  /** The data database's write lock in this process (held while a run writes to the workspace). */
  writeLock: Exclusive;
  /** The better-sqlite3 binary for another ABI (the Electron shell's), when there is one. */
  nativeBinding: string | undefined;
  /** Network timeouts of remote sources, when not the seeds'. */
  networkTimeouts: { connectMs?: number; readMs?: number } | undefined;
  close(): Promise<void>;
}

export interface EngineOptions {
  workspaceDir: string;
  nativeBinding?: string | undefined;
  /**
   * How long writes wait for another process's write lock: the main connection's (see
   * OpenWorkspaceOptions.busyTimeoutMs), and a run's when longer than RUN_BUSY_TIMEOUT_MS. The app
   * keeps the defaults; the CLI waits longer.
   */
  busyTimeoutMs?: number | undefined;
  /** Where warnings are echoed; stderr by default. */
  echo?: ((line: string) => void) | undefined;
  /** Where events go (the app's bus); dropped when not given. */
  emit?: <N extends EventName>(name: N, payload: EventPayload<N>) => void;
  /** The keychain; the OS keychain by default. */
  secrets?: SecretStore | undefined;
  /** Network timeouts of remote sources, when not the seeds' (tests shorten them). */
  networkTimeouts?: { connectMs?: number; readMs?: number } | undefined;
}

/** Opens the workspace (recovering after a crash) and wires the engine's services. */
export function createEngine(options: EngineOptions): Engine {
  const log = createFileLogger(options.workspaceDir, options.echo);
  const workspace = openWorkspace(options.workspaceDir, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const emit = options.emit ?? (() => undefined);
  recoverWorkspace(workspace, log);
  // The worker pool starts on first use: `intake --help` or a settings change never spawn threads.
  let pool: Piscina | null = null;
  const runTask = createTaskRunner(() => (pool ??= createIngestPool()));
  const nativeBinding = options.nativeBinding;
  const writeLock = createExclusive();
  const secrets = options.secrets ?? createKeyringStore();
  const resolveConnection = (spec: SourceSpec) => connectionOfSpec(workspace.db, secrets, spec);
  const timeouts = options.networkTimeouts;
  const previews = new PreviewCache(
    (task) => runTask('preview', task),
    { workspaceDir: workspace.dir, nativeBinding, ...(timeouts ? { timeouts } : {}) },
    resolveConnection,
  );
  const rawLines = new RawLinesReader(
    (task) => runTask('rawLines', task),
    { workspaceDir: workspace.dir, nativeBinding, ...(timeouts ? { timeouts } : {}) },
    resolveConnection,
  );
  const staging = new StagingService(
    workspace,
    {
      stage: (task, onProgress) => runTask('stage', task, onProgress),
      view: (task) => runTask('view', task),
    },
    emit,
    log,
    nativeBinding,
    resolveConnection,
    timeouts,
  );
  const validation = new ValidationService(
    workspace.dir,
    staging,
    {
      check: (task) => runTask('check', task),
      combine: (task) => runTask('combine', task),
      duplicates: (task) => runTask('duplicates', task),
      stepChanges: (task) => runTask('stepChanges', task),
      identities: (task) => runTask('identities', task),
      fillCarries: (task) => runTask('fillCarries', task),
    },
    nativeBinding,
  );
  const runs = new RunService({
    workspace,
    staging,
    previews,
    processInPool: (task, onProgress) => runTask('processRun', task, onProgress),
    checkpointInPool: () =>
      runTask('checkpoint', { workspaceDir: workspace.dir, ...(nativeBinding ? { nativeBinding } : {}) })
        .done,
    emit,
    log,
    writeLock,
    nativeBinding,
    busyTimeoutMs: Math.max(options.busyTimeoutMs ?? 0, RUN_BUSY_TIMEOUT_MS),
    resolveConnection: (id) => resolveConnectionById(workspace.db, secrets, id),
  });
  return {
    workspace,
    log,
    secrets,
    previews,
    rawLines,
    staging,
    validation,
    runs,
    writeLock,
    nativeBinding,
    networkTimeouts: timeouts,
    close: async () => {
      await runs.close();
      await staging.close();
      await pool?.destroy();
      workspace.close();
    },
  };
}
