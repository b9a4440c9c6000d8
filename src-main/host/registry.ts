import type { EventName, EventPayload, Handlers } from '../../src-shared/contract';
import type { ShellKind } from '../../src-shared/model/app-info';
import { createAppInfoHandlers } from '../services/app-info/app-info.handlers';
import { createAttributesHandlers } from '../services/attributes/attributes.handlers';
import { createBrowseHandlers } from '../services/browse/browse.handlers';
import { createImportsHandlers } from '../services/imports/imports.handlers';
import { createMappingHandlers } from '../services/mapping/mapping.handlers';
import { createPreviewHandlers } from '../services/preview/preview.handlers';
import { createExportsHandlers } from '../services/runs/exports.handlers';
import { createRunsHandlers } from '../services/runs/runs.handlers';
import { importedFilesOf } from '../services/runs/run-repository';
import { createAutomationHandlers } from '../services/schedule/automation.handlers';
import { createSettingsHandlers } from '../services/settings/settings.handlers';
import { createConnectionsHandlers } from '../services/sources/connections/connections.handlers';
import { createSourcesHandlers } from '../services/sources/sources.handlers';
import { connectionOfSpec } from '../services/sources/connections/resolved-connection';
import { checkSelectionLimit } from '../services/sources/storage/selection-limit';
import { createDatasetsHandlers } from '../services/stage/datasets.handlers';
import type { Engine } from './engine';

/** What the handler table is made of: the engine's services and the shell's own abilities. */
export interface HandlerDeps extends Engine {
  shell: ShellKind;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  chooseFiles?: (() => Promise<string[]>) | undefined;
  chooseSavePath?: ((fileName: string) => Promise<string | null>) | undefined;
  /** Desktop only: the regional format and preferred languages, for formatting dates and numbers. */
  systemLocales?: (() => readonly string[]) | undefined;
  /** The clock and trigger interval of schedules and triggers. */
  automation: { now: () => Date; pollMs: number };
}

/**
 * The one handler table both shells serve, composed from per-domain factories that each take only
 * what they use. A missing or extra request is a type error here.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { workspace, shell, runs, staging, previews, validation, writeLock, secrets } = deps;
  const db = workspace.db;
  // Where connectors called from a request run (main): the workspace, the native binding, limits.
  const connectorContext = {
    workspaceDir: workspace.dir,
    nativeBinding: deps.nativeBinding,
    timeouts: deps.networkTimeouts,
  };
  return {
    ...createAppInfoHandlers({ workspace, shell, systemLocales: deps.systemLocales }),
    ...createSettingsHandlers({ db, emit: deps.emit }),
    ...createSourcesHandlers({ db, workspaceDir: workspace.dir, shell, chooseFiles: deps.chooseFiles }),
    ...createPreviewHandlers({ db, previews, rawLines: deps.rawLines }),
    ...createDatasetsHandlers({ db, staging, previews, validation }),
    ...createAttributesHandlers({ db, writeLock }),
    ...createMappingHandlers({ validation }),
    ...createImportsHandlers({
      db,
      writeLock,
      cancelRunsOf: async (importId) => {
        await Promise.all(runs.activeRunsOf(importId).map((runId) => runs.cancel(runId)));
      },
      currentColumns: async (source, dialect) => (await previews.get(source, dialect)).header,
      checkSource: async (source) =>
        checkSelectionLimit(source.spec, {
          ...connectorContext,
          connection: await connectionOfSpec(db, secrets, source.spec),
        }),
    }),
    ...createRunsHandlers({ db, runs }),
    ...createExportsHandlers({
      db,
      workspaceDir: workspace.dir,
      shell,
      runs,
      staging,
      chooseSavePath: deps.chooseSavePath,
    }),
    ...createConnectionsHandlers({
      db,
      secrets,
      context: connectorContext,
      importedFilesOf: (importId) => importedFilesOf(db, importId),
    }),
    ...createBrowseHandlers({ db }),
    ...createAutomationHandlers({
      db,
      rules: {
        ...deps.automation,
        checkSource: async (source) =>
          checkSelectionLimit(source.spec, {
            ...connectorContext,
            connection: await connectionOfSpec(db, secrets, source.spec),
          }),
      },
    }),
  } satisfies Handlers;
}
