import { basename, resolve } from 'node:path';
import { IntakeError } from '../../../src-shared/errors';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import type { DestinationSpec } from '../../../src-shared/model/destination';
import type { ImportDefinition } from '../../../src-shared/model/import-definition';
import type { ImportMapping, ImportRecipe } from '../../../src-shared/model/mapping';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { Run } from '../../../src-shared/model/run';
import { listAttributes } from '../attributes/attribute-repository';
import { listIdTypes } from '../attributes/id-type-repository';
import { listImports, saveImport, setImportDestination } from '../imports/import-repository';
import type { PreviewCache } from '../preview/preview-cache';
import { addDescribedSource, type DescribedSpec } from '../sources/add-source';
import { registerFile } from '../sources/register-file';
import type { StoredSource } from '../sources/source-repository';
import type { Workspace } from '../workspace/workspace';
import type { SecretStore } from '../secrets/secret-store';
import { connectionOfSpec } from '../sources/connections/resolved-connection';
import { checkSelectionLimit } from '../sources/storage/selection-limit';
import { fitMapping } from './fit-mapping';
import { quickMapping, type QuickImportFlags } from './quick-mapping';
import type { RunService } from './run-service';

/** What a headless import reads: a file, a read-only SELECT over the workspace, or any described source. */
export type HeadlessSource = { file: string } | { workspaceQuery: string } | { source: DescribedSpec };

/** How a headless import is described: its source, and a definition (recipe) or quick flags. */
export type ImportFileRequest = HeadlessSource & {
  /** Overrides the definition's dialect. */
  dialect?: DialectOverrides;
  /** The import's name; default: the definition's name, or "source → type". */
  name?: string | undefined;
  /** Where the saved import's runs write (a platform, PostgreSQL); the workspace when not given. */
  to?: Exclude<DestinationSpec, { kind: 'file' }> | undefined;
  /** Count what the run would push, sending nothing. */
  dryRun?: boolean | undefined;
} & ({ recipe: ImportRecipe } | { quick: QuickImportFlags });

/** What a headless import needs of the engine. */
export interface HeadlessDeps {
  workspace: Workspace;
  previews: PreviewCache;
  runs: RunService;
  /** The keychain, for a storage source's listing before its import is saved (the 200-file rule). */
  secrets?: SecretStore;
  nativeBinding?: string | undefined;
}

/**
 * Saves a headless import (one import per name: importing under the same name again adds a run to
 * its history) and queues its run into the workspace. Used by `intake import`, the tests and the
 * benchmark.
 */
export async function importFile(
  deps: HeadlessDeps,
  request: ImportFileRequest,
): Promise<{ definition: ImportDefinition; run: Run }> {
  const { source, preview, mapping, name, dialect } = await planHeadless(deps, request);
  const db = deps.workspace.db;
  if (deps.secrets) {
    // As the app's Save: 'all' and 'not imported yet' over more than 200 files are refused before
    // the import is saved, not only when its run starts.
    await checkSelectionLimit(source.spec, {
      workspaceDir: deps.workspace.dir,
      nativeBinding: deps.nativeBinding,
      connection: await connectionOfSpec(db, deps.secrets, source.spec),
    });
  }
  const existing = listImports(db).find((definition) => definition.name === name);
  const definition = saveImport(db, {
    ...(existing ? { id: existing.id } : {}),
    name,
    sourceId: source.id,
    dialect,
    header: preview.header,
    mapping,
  });
  const saved = request.to ? setImportDestination(db, definition.id, request.to) : definition;
  return {
    definition: saved,
    run: deps.runs.start(saved.id, undefined, 'user', request.dryRun ? { dryRun: true } : {}),
  };
}

/**
 * Queues a run that writes the mapped records of a headless import to a file (`intake export`).
 * An export is a one-off: it is kept in the run history, not saved as an import.
 */
export async function exportFile(
  deps: HeadlessDeps,
  request: ImportFileRequest & { destination: Extract<DestinationSpec, { kind: 'file' }> },
): Promise<{ run: Run }> {
  const { source, mapping, name, dialect } = await planHeadless(deps, request);
  const run = deps.runs.queue({
    importId: null,
    name: `${name} → ${request.destination.format.toUpperCase()} export`,
    importType: mapping.importType,
    source,
    dialect,
    mapping,
    destination: request.destination,
  });
  return { run };
}

/** Registers the source, previews it and builds the mapping from the definition or the quick flags. */
async function planHeadless(deps: HeadlessDeps, request: ImportFileRequest) {
  const db = deps.workspace.db;
  const dialect: DialectOverrides = {
    ...('recipe' in request ? request.recipe.dialect : {}),
    ...request.dialect,
  };
  const source = await registerHeadlessSource(deps.workspace, request);
  const preview = await deps.previews.get(source, dialect);
  const sourceLabel =
    'file' in request
      ? basename(request.file)
      : 'workspaceQuery' in request
        ? 'workspace query'
        : source.name;
  let mapping: ImportMapping;
  let name: string;
  if ('recipe' in request) {
    mapping = fitMapping(request.recipe.mapping, preview.header).mapping;
    name = request.name ?? (request.recipe.name.trim() || sourceLabel);
  } else {
    const { type } = request.quick;
    const scope =
      type === 'events' ? request.quick.eventType : type === 'catalog' ? request.quick.catalog : undefined;
    mapping = quickMapping(preview.columns, request.quick, {
      idTypes: listIdTypes(db),
      attributes: listAttributes(db, type, scope ?? ''),
    });
    const reason = blockingReason(requirementsOf(mapping));
    if (reason) throw new IntakeError('VALIDATION', `The import cannot run: ${reason}`, { field: 'mapping' });
    name = request.name ?? `${sourceLabel} → ${type}${scope ? ` ${scope}` : ''}`;
  }
  return { source, preview, mapping, name, dialect };
}

function registerHeadlessSource(workspace: Workspace, source: HeadlessSource): Promise<StoredSource> {
  if ('file' in source) return registerFile(workspace.db, resolve(source.file));
  const spec: DescribedSpec =
    'workspaceQuery' in source ? { kind: 'workspace', query: source.workspaceQuery } : source.source;
  return Promise.resolve(addDescribedSource(workspace.db, workspace.dir, spec));
}
