import type { ShellKind } from '../../src-shared/model/app-info';
import type { Handlers } from '../../src-shared/contract';
import { createFileLogger, type Logger } from '../services/log/logger';
import { openWorkspace, type Workspace } from '../services/workspace/workspace';
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
  close(): void;
}

export interface RuntimeOptions {
  workspaceDir: string;
  shell: ShellKind;
  nativeBinding?: string;
  /** Where warnings are echoed; stderr by default. */
  echo?: (line: string) => void;
}

/** Opens the workspace and wires the handler table for one shell. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const log = createFileLogger(options.workspaceDir, options.echo);
  const workspace = openWorkspace(
    options.workspaceDir,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const bus = new EventBus();
  const context: HandlerContext = {
    workspace,
    shell: options.shell,
    log,
    emit: (name, payload) => bus.emit(name, payload),
  };
  return { workspace, handlers: createHandlers(), context, bus, log, close: () => workspace.close() };
}
