import { basename, resolve } from 'node:path';
import { IntakeError } from '../../../src-shared/errors';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import type { ImportDefinition } from '../../../src-shared/model/import-definition';
import type { ImportMapping, ImportRecipe } from '../../../src-shared/model/mapping';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { Run } from '../../../src-shared/model/run';
import { listAttributes } from '../attributes/attribute-repository';
import { listIdTypes } from '../attributes/id-type-repository';
import type { HandlerContext } from '../handler-context';
import { listImports, saveImport } from '../imports/import-repository';
import { registerFile } from '../sources/register-file';
import { fitMapping } from './fit-mapping';
import { quickMapping, type QuickImportFlags } from './quick-mapping';

/** How a headless import is described: a definition (recipe), or quick flags. */
export type ImportFileRequest = {
  file: string;
  /** Overrides the definition's dialect. */
  dialect?: DialectOverrides;
  /** The import's name; default: the definition's name, or "file → type". */
  name?: string | undefined;
} & ({ recipe: ImportRecipe } | { quick: QuickImportFlags });

/**
 * Saves a headless import of a file (one import per name: importing under the same name again adds
 * a run to its history) and queues its run. Used by `intake import`, the tests and the benchmark.
 */
export async function importFile(
  context: Pick<HandlerContext, 'workspace' | 'previews' | 'runs'>,
  request: ImportFileRequest,
): Promise<{ definition: ImportDefinition; run: Run }> {
  const db = context.workspace.db;
  const dialect: DialectOverrides = {
    ...('recipe' in request ? request.recipe.dialect : {}),
    ...request.dialect,
  };
  const source = await registerFile(db, resolve(request.file));
  const preview = await context.previews.get(source, dialect);
  let mapping: ImportMapping;
  let name: string;
  if ('recipe' in request) {
    mapping = fitMapping(request.recipe.mapping, preview.header).mapping;
    name = request.name ?? (request.recipe.name.trim() || basename(request.file));
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
    name = request.name ?? `${basename(request.file)} → ${type}${scope ? ` ${scope}` : ''}`;
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
  return { definition, run: context.runs.start(definition.id) };
}
