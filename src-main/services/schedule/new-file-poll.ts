import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { sourceOfImport } from '../imports/import-repository';
import { importedFilesOf } from '../runs/run-repository';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import type { ConnectorContext } from '../sources/connectors/connector';
import { storageConnector } from '../sources/connectors/storage';
import { selectFiles, wasImported } from '../sources/storage/file-selection';
import type { SourceSpec } from '../../../src-shared/model/source';

/** What a poll needs besides the workspace: the connection with its secret, and the timeouts. */
export interface PollContext {
  resolveConnection(spec: SourceSpec): Promise<ResolvedConnection | null>;
  connector: Omit<ConnectorContext, 'connection' | 'importedFiles'>;
}

/**
 * A new-file trigger's poll: the files its import's selection rule would read now that the import
 * has not read yet (every new match, oldest first, for 'not imported yet'; the newest, when it is
 * new, for 'last modified'…). The run itself lists again and reads them; a poll only decides
 * whether to start one, so a poll that fails remembers nothing. The 200-file limit holds here too.
 */
export async function filesToImport(db: Database, importId: string, context: PollContext): Promise<string[]> {
  const source = sourceOfImport(db, importId);
  if (!source || source.spec.kind !== 'storage') {
    throw new IntakeError('VALIDATION', 'Only an import from file storage can wait for new files.', {
      importId,
    });
  }
  const spec = source.spec;
  const connection = await context.resolveConnection(spec);
  const imported = importedFilesOf(db, importId);
  const files = await storageConnector.list!(spec, {
    ...context.connector,
    ...(connection ? { connection } : {}),
  });
  const where = `${connection?.name ?? 'storage'}:${spec.path || '/'}`;
  return selectFiles(files, spec.select, imported, where)
    .filter((file) => !wasImported(file, imported))
    .map((file) => file.name);
}
