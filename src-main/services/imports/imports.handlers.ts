import { addedColumnNames } from '../../../src-shared/cleanup/row-shape';
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import { writeTransaction } from '../workspace/write-transaction';
import type { Exclusive } from '../workspace/write-lock';
import { deleteImport } from './delete-import';
import { resetCursor } from './import-cursor';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import { getSource, type StoredSource } from '../sources/source-repository';
import { getConnection } from '../sources/connections/connection-repository';
import {
  duplicateImport,
  findRecipeOffers,
  getImport,
  listImports,
  saveImport,
  setImportDestination,
  sourceOfImport,
} from './import-repository';

/** Requests of the `imports` domain (definitions; their runs and overview come with the runs service). */
export function createImportsHandlers(deps: {
  db: Database;
  /** The data database's write lock: expiring a deleted import's data is a write of data tables. */
  writeLock: Exclusive;
  /** Cancels an import's active runs and resolves once they have ended. */
  cancelRunsOf(importId: string): Promise<void>;
  /** The column names a source has now, read afresh with the import's dialect. */
  currentColumns(source: StoredSource, dialect: DialectOverrides): Promise<string[]>;
  /**
   * Refuses a source an import cannot be saved with though it previews: a storage rule that
   * would read more than 200 files.
   */
  checkSource(source: StoredSource): Promise<void>;
}): Pick<
  Handlers,
  | 'imports:save'
  | 'imports:list'
  | 'imports:get'
  | 'imports:recipeOffers'
  | 'imports:duplicate'
  | 'imports:delete'
  | 'imports:resync'
  | 'imports:resetCursor'
  | 'imports:setDestination'
> {
  const { db } = deps;
  return {
    'imports:setDestination': ({ importId, destination }) => {
      if (destination.kind !== 'workspace') {
        const connection = getConnection(db, destination.connectionId);
        const fits =
          destination.kind === 'postgres'
            ? connection.kind === 'postgres'
            : connection.kind === 'bloomreach' || connection.kind === 'segment';
        if (!fits) {
          throw new IntakeError(
            'VALIDATION',
            `"${connection.name}" is a ${connection.kind} connection: ${destination.kind === 'postgres' ? 'a PostgreSQL destination needs a postgres one' : 'a platform destination needs a bloomreach or segment one'}.`,
            { connectionId: connection.id },
          );
        }
      }
      return setImportDestination(db, importId, destination);
    },
    'imports:save': async (draft) => {
      const reason = blockingReason(requirementsOf(draft.mapping));
      if (reason)
        throw new IntakeError('VALIDATION', `The import cannot be saved yet: ${reason}`, {
          field: 'mapping',
        });
      // The header is the file's; split and merge steps add columns after it.
      const added = addedColumnNames(draft.mapping.cleanup).length;
      if (draft.mapping.columns.length !== draft.header.length + added) {
        throw new IntakeError(
          'VALIDATION',
          `The mapping has ${draft.mapping.columns.length} columns but the header has ${draft.header.length}${added ? ` and its cleanup steps add ${added}` : ''}.`,
          { field: 'header' },
        );
      }
      if (draft.sourceId !== null) await deps.checkSource(getSource(db, draft.sourceId));
      return saveImport(db, draft);
    },
    'imports:resync': async ({ importId }) => {
      const definition = getImport(db, importId);
      const source = sourceOfImport(db, importId);
      if (!source) {
        throw new IntakeError('NOT_FOUND', `The import "${definition.name}" has no source to read.`, {
          importId,
        });
      }
      const columns = await deps.currentColumns(source, definition.dialect);
      const mapped = new Set(definition.header);
      const now = new Set(columns);
      return {
        importId,
        columns,
        newColumns: columns.filter((column) => !mapped.has(column)),
        goneColumns: definition.header.filter((column) => !now.has(column)),
        checkedAt: new Date().toISOString(),
      };
    },
    'imports:list': () => listImports(db),
    'imports:get': ({ importId }) => getImport(db, importId),
    'imports:recipeOffers': ({ header }) => findRecipeOffers(db, header),
    'imports:duplicate': ({ importId }) => duplicateImport(db, importId),
    'imports:resetCursor': ({ importId }) => ({ reset: resetCursor(db, importId) }),
    'imports:delete': async ({ importId, data }) => {
      // Stop its runs first: a run committing after the delete would write data nobody can expire.
      await deps.cancelRunsOf(importId);
      return writeTransaction(db, deps.writeLock, () => deleteImport(db, importId, data));
    },
  };
}
