import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import { writeTransaction } from '../workspace/write-transaction';
import type { Exclusive } from '../workspace/write-lock';
import { deleteImport } from './delete-import';
import { duplicateImport, findRecipeOffers, getImport, listImports, saveImport } from './import-repository';

/** Requests of the `imports` domain (definitions; their runs and overview come with the runs service). */
export function createImportsHandlers(deps: {
  db: Database;
  /** The data database's write lock: expiring a deleted import's data is a write of data tables. */
  writeLock: Exclusive;
  /** Cancels an import's active runs and resolves once they have ended. */
  cancelRunsOf(importId: string): Promise<void>;
}): Pick<
  Handlers,
  | 'imports:save'
  | 'imports:list'
  | 'imports:get'
  | 'imports:recipeOffers'
  | 'imports:duplicate'
  | 'imports:delete'
> {
  const { db } = deps;
  return {
    'imports:save': (draft) => {
      const reason = blockingReason(requirementsOf(draft.mapping));
      if (reason)
        throw new IntakeError('VALIDATION', `The import cannot be saved yet: ${reason}`, {
          field: 'mapping',
        });
      if (draft.mapping.columns.length !== draft.header.length) {
        throw new IntakeError(
          'VALIDATION',
          `The mapping has ${draft.mapping.columns.length} columns but the header has ${draft.header.length}.`,
          { field: 'header' },
        );
      }
      return saveImport(db, draft);
    },
    'imports:list': () => listImports(db),
    'imports:get': ({ importId }) => getImport(db, importId),
    'imports:recipeOffers': ({ header }) => findRecipeOffers(db, header),
    'imports:duplicate': ({ importId }) => duplicateImport(db, importId),
    'imports:delete': async ({ importId, data }) => {
      // Stop its runs first: a run committing after the delete would write data nobody can expire.
      await deps.cancelRunsOf(importId);
      return writeTransaction(db, deps.writeLock, () => deleteImport(db, importId, data));
    },
  };
}
