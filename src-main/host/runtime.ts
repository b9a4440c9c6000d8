import type { Handlers } from '../../src-shared/contract';
import type { ShellKind } from '../../src-shared/model/app-info';
import { createEngine, type Engine, type EngineOptions } from './engine';
import { EventBus } from './event-bus';
import { createHandlers } from './registry';

/** Everything a shell needs to serve the contract: the engine, its handler table and the event bus. */
export interface Runtime extends Engine {
  shell: ShellKind;
  handlers: Handlers;
  bus: EventBus;
}

export interface RuntimeOptions extends Omit<EngineOptions, 'emit'> {
  shell: ShellKind;
  /** Desktop only: the Open dialog. */
  chooseFiles?: (() => Promise<string[]>) | undefined;
  /** Desktop only: the Save dialog for an export (null when cancelled). */
  chooseSavePath?: ((fileName: string) => Promise<string | null>) | undefined;
}

/**
 * The app's runtime (the desktop shell and `intake serve`): the engine plus the handler table both
 * shells serve and the bus their events go out on. Later subsystems that run on their own
 * (schedules, pollers) are composed here, never in `intake import`'s engine.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const bus = new EventBus();
  const engine = createEngine({ ...options, emit: (name, payload) => bus.emit(name, payload) });
  return {
    ...engine,
    shell: options.shell,
    bus,
    handlers: createHandlers({
      ...engine,
      shell: options.shell,
      emit: (name, payload) => bus.emit(name, payload),
      chooseFiles: options.chooseFiles,
      chooseSavePath: options.chooseSavePath,
    }),
  };
}
