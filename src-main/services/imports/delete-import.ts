import type { Database } from 'better-sqlite3';
import { DELETED_IMPORT_DATA_DAYS, type DeleteImportData } from '../../../src-shared/model/run';
import { expireImportData } from '../destinations/workspace/expire-import-data';
import { getImport } from './import-repository';

/**
 * Deletes an import definition. Its remembered files and cursor go with it (foreign keys cascade);
 * its run history stays; its data stays, or expires DELETED_IMPORT_DATA_DAYS from now. The caller
 * cancels the import's active runs first.
 */
export function deleteImport(
  db: Database,
  importId: string,
  data: DeleteImportData,
  at = new Date(),
): { deleted: boolean; dataExpiresAt: string | null } {
  getImport(db, importId);
  return db.transaction(() => {
    const dataExpiresAt =
      data === 'expire' ? expireImportData(db, importId, at, DELETED_IMPORT_DATA_DAYS) : null;
    const deleted = db.prepare('DELETE FROM imports WHERE id = ?').run(importId).changes > 0;
    return { deleted, dataExpiresAt };
  })();
}
