import type { EventName, EventPayload } from '../../src-shared/contract';
import { createEngine, type Engine } from '../host/engine';
import type { ImportDefinition } from '../../src-shared/model/import-definition';
import { listImports } from '../services/imports/import-repository';
import { importedFilesOf } from '../services/runs/run-repository';
import { createConnectionsHandlers } from '../services/sources/connections/connections.handlers';
import { resolveWorkspaceDir } from '../services/workspace/workspace-path';
import { CliError } from './cli-error';

/**
 * How long a CLI command waits for the workspace while another process (the app, another import)
 * is writing to it: a script would rather wait for that run's commit than fail after the app's
 * 250 ms. Its run's processing waits as long to begin (the app's waits 60 s).
 */
export const CLI_BUSY_TIMEOUT_MS = 10 * 60_000;

/** The engine as a CLI command opens it: warnings on stderr, the CLI's longer lock wait. */
export function openCliEngine(
  workspace: string | undefined,
  emit?: <N extends EventName>(name: N, payload: EventPayload<N>) => void,
): Engine {
  return createEngine({
    workspaceDir: resolveWorkspaceDir(workspace),
    busyTimeoutMs: CLI_BUSY_TIMEOUT_MS,
    echo: (line) => process.stderr.write(`${line}\n`),
    ...(emit ? { emit } : {}),
  });
}

/** The connections requests over a CLI engine: the same code the app's Connections page calls. */
export function connectionRequests(engine: Engine) {
  return createConnectionsHandlers({
    db: engine.workspace.db,
    secrets: engine.secrets,
    context: {
      workspaceDir: engine.workspace.dir,
      nativeBinding: engine.nativeBinding,
      timeouts: engine.networkTimeouts,
    },
    importedFilesOf: (importId) => importedFilesOf(engine.workspace.db, importId),
  });
}

/** A saved import by name or id, or exit 1 naming the imports there are. */
export function savedImportNamed(engine: Engine, name: string): ImportDefinition {
  const imports = listImports(engine.workspace.db);
  const definition = imports.find((candidate) => candidate.id === name || candidate.name === name);
  if (definition) return definition;
  const names = imports.map((candidate) => `"${candidate.name}"`);
  throw new CliError(
    `No saved import is named "${name}"${names.length ? ` (there are: ${names.join(', ')})` : ' (there are none yet)'}.`,
    1,
  );
}
