import type { Handlers } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import type { HandlerContext } from '../handler-context';
import { deleteImport } from './delete-import';
import { importOverview } from './import-overview';
import { duplicateImport, findRecipeOffers, getImport, listImports, saveImport } from './import-repository';

/** Requests of the `imports` domain (definitions; runs come with the runs service). */
export const importsHandlers = {
  'imports:save': (draft, context) => {
    const reason = blockingReason(requirementsOf(draft.mapping));
    if (reason)
      throw new IntakeError('VALIDATION', `The import cannot be saved yet: ${reason}`, { field: 'mapping' });
    if (draft.mapping.columns.length !== draft.header.length) {
      throw new IntakeError(
        'VALIDATION',
        `The mapping has ${draft.mapping.columns.length} columns but the header has ${draft.header.length}.`,
        { field: 'header' },
      );
    }
    return saveImport(context.workspace.db, draft);
  },
  'imports:list': (_payload, context) => listImports(context.workspace.db),
  'imports:get': ({ importId }, context) => getImport(context.workspace.db, importId),
  'imports:recipeOffers': ({ header }, context) => findRecipeOffers(context.workspace.db, header),
  'imports:overview': (_payload, context) => importOverview(context.workspace.db),
  'imports:duplicate': ({ importId }, context) => duplicateImport(context.workspace.db, importId),
  'imports:delete': async ({ importId, data }, context) => {
    // Stop its runs first: a run committing after the delete would write data nobody can expire.
    await Promise.all(context.runs.activeRunsOf(importId).map((runId) => context.runs.cancel(runId)));
    return deleteImport(context.workspace.db, importId, data);
  },
} satisfies Pick<
  Handlers<HandlerContext>,
  | 'imports:save'
  | 'imports:list'
  | 'imports:get'
  | 'imports:recipeOffers'
  | 'imports:overview'
  | 'imports:duplicate'
  | 'imports:delete'
>;
