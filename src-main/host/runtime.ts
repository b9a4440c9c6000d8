import type { Handlers } from '../../src-shared/contract';
import { NEW_FILE_POLL_MS } from '../../src-shared/model/automation';
import type { ShellKind } from '../../src-shared/model/app-info';
import { Scheduler } from '../services/schedule/scheduler';
import { connectionOfSpec } from '../services/sources/connections/resolved-connection';
import { createEngine, type Engine, type EngineOptions } from './engine';
import { EventBus } from './event-bus';
import { createHandlers } from './registry';

/** Everything a shell needs to serve the contract: the engine, its handler table and the event bus. */
export interface Runtime extends Engine {
  shell: ShellKind;
  handlers: Handlers;
  bus: EventBus;
  /** Starts runs of schedules and new-file triggers; null when this runtime does not run them. */
  scheduler: Scheduler | null;
}

/** How schedules and triggers behave in a runtime. */
export interface AutomationOptions {
  /** Whether this runtime starts due runs (the app and `intake serve`, unless --no-schedules). */
  run: boolean;
  /** A new-file trigger's interval; the seed's 5 minutes unless a test shortens it. */
  pollMs?: number;
  /** The scheduler's tick (tests shorten it). */
  tickMs?: number;
  /** The clock (tests control it). */
  now?: () => Date;
}

export interface RuntimeOptions extends Omit<EngineOptions, 'emit'> {
  shell: ShellKind;
  /** Desktop only: the Open dialog. */
  chooseFiles?: (() => Promise<string[]>) | undefined;
  /** Desktop only: the Save dialog for an export (null when cancelled). */
  chooseSavePath?: ((fileName: string) => Promise<string | null>) | undefined;
  /** Desktop only: the regional format and preferred languages (app.getSystemLocale…). */
  systemLocales?: (() => readonly string[]) | undefined;
  /** Schedules and triggers: not run unless asked (a test's runtime, a one-off request). */
  automation?: AutomationOptions | undefined;
}

/**
 * The app's runtime (the desktop shell and `intake serve`): the engine plus the handler table both
 * shells serve and the bus their events go out on, and the scheduler, which runs on its own —
 * composed here, never in `intake import`'s engine.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const bus = new EventBus();
  const engine = createEngine({ ...options, emit: (name, payload) => bus.emit(name, payload) });
  const now = options.automation?.now ?? (() => new Date());
  const pollMs = options.automation?.pollMs ?? NEW_FILE_POLL_MS;
  const scheduler = options.automation?.run
    ? new Scheduler({
        db: engine.workspace.db,
        runs: engine.runs,
        log: engine.log,
        emit: (name, payload) => bus.emit(name, payload),
        poll: {
          resolveConnection: (spec) => connectionOfSpec(engine.workspace.db, engine.secrets, spec),
          connector: {
            workspaceDir: engine.workspace.dir,
            nativeBinding: engine.nativeBinding,
            timeouts: engine.networkTimeouts,
          },
        },
        now,
        pollMs,
        ...(options.automation.tickMs ? { tickMs: options.automation.tickMs } : {}),
      })
    : null;
  scheduler?.start();
  return {
    ...engine,
    shell: options.shell,
    bus,
    scheduler,
    handlers: createHandlers({
      ...engine,
      shell: options.shell,
      emit: (name, payload) => bus.emit(name, payload),
      chooseFiles: options.chooseFiles,
      chooseSavePath: options.chooseSavePath,
      systemLocales: options.systemLocales,
      automation: { now, pollMs },
    }),
    close: async () => {
      // No run starts while the queue is being emptied.
      scheduler?.stop();
      await engine.close();
    },
  };
}
