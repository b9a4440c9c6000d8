import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { ConnectionKind } from '../../../src-shared/model/connection';
import type { SourceSpec } from '../../../src-shared/model/source';
import { openReadOnlyWorkspace, prepareReadOnlySelect } from '../workspace/read-only-query';
import { checkReadOnlySelect, type SqlDialect } from './connectors/sql/select-guard';
import { DATABASE_FILE } from '../workspace/workspace-files';
import { getConnection } from './connections/connection-repository';
import { registerSource, type StoredSource } from './source-repository';
import { nameMatcher } from './storage/file-selection';

/** The specs the renderer and the CLI may describe themselves (file-like sources arrive by path). */
export type DescribedSpec = Extract<SourceSpec, { kind: 'workspace' | 'url' | 'sql' | 'storage' }>;

/** Connection kinds each described source reads through. */
const CONNECTION_KINDS: Record<'url' | 'sql' | 'storage', readonly ConnectionKind[]> = {
  url: ['url'],
  sql: ['postgres', 'mysql', 'sqlite'],
  storage: ['sftp', 's3', 'azure', 'gcs'],
};

/**
 * Registers a source the user described, refusing before it is kept what can be refused without
 * a network: a workspace query unless it is one read-only SELECT (prepared, never run, on a
 * read-only connection), a database query that does not start with SELECT or WITH, a storage
 * pattern that is not a regular expression, a connection that does not exist or is of the wrong
 * kind.
 */
export function addDescribedSource(db: Database, workspaceDir: string, spec: DescribedSpec): StoredSource {
  switch (spec.kind) {
    case 'workspace': {
      const check = openReadOnlyWorkspace(join(workspaceDir, DATABASE_FILE));
      try {
        prepareReadOnlySelect(check, spec.query);
      } finally {
        check.close();
      }
      break;
    }
    case 'url':
      if (spec.connectionId) checkConnection(db, spec.connectionId, CONNECTION_KINDS.url, 'A URL feed');
      break;
    case 'sql': {
      const kind = checkConnection(db, spec.connectionId, CONNECTION_KINDS.sql, 'A database query');
      // The drivers' own guard, as the connection's database reads the text: a WITH … DELETE or a
      // second statement is refused here, before it is saved, as well as before every run.
      checkReadOnlySelect(spec.query, kind as SqlDialect);
      break;
    }
    case 'storage':
      nameMatcher(spec.match);
      checkConnection(db, spec.connectionId, CONNECTION_KINDS.storage, 'A storage source');
      break;
  }
  return registerSource(db, spec);
}

function checkConnection(
  db: Database,
  id: string,
  kinds: readonly ConnectionKind[],
  what: string,
): ConnectionKind {
  const connection = getConnection(db, id);
  if (!kinds.includes(connection.kind)) {
    throw new IntakeError(
      'VALIDATION',
      `"${connection.name}" is a ${connection.kind} connection; ${what} reads through ${kinds.join(', ')}.`,
      { connectionId: id },
    );
  }
  return connection.kind;
}
