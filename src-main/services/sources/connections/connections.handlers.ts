import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../../src-shared/contract';
import { IntakeError } from '../../../../src-shared/errors';
import type { SecretStore } from '../../secrets/secret-store';
import type { ConnectorContext } from '../connectors/connector';
import { sqlDriverOf } from '../connectors/sql';
import { storageConnector } from '../connectors/storage';
import { getSource } from '../source-repository';
import {
  createConnection,
  deleteConnection,
  duplicateConnection,
  getConnection,
  listConnections,
  recordTest,
  replaceSecret,
  updateConnection,
} from './connection-repository';
import { resolveConnection } from './resolved-connection';
import { testConnection } from './test-connection';

/** Requests of the `connections` domain. Secrets come in once and never go out. */
export function createConnectionsHandlers(deps: {
  db: Database;
  secrets: SecretStore;
  /** Where connectors run from here (workspace folder, native binding). */
  context: ConnectorContext;
  /** The files storage imports remember (for marking listed files as imported). */
  importedFilesOf(importId: string | null): { name: string; size: number; modifiedAt: string }[];
}): Pick<
  Handlers,
  | 'connections:list'
  | 'connections:get'
  | 'connections:create'
  | 'connections:update'
  | 'connections:replaceSecret'
  | 'connections:delete'
  | 'connections:duplicate'
  | 'connections:test'
  | 'connections:trustHostKey'
  | 'sources:tables'
  | 'sources:files'
> {
  const { db, secrets } = deps;
  const test = async (id: string) => {
    const outcome = await testConnection(await resolveConnection(db, secrets, id), deps.context);
    return recordTest(db, id, outcome);
  };
  return {
    'connections:list': () => listConnections(db),
    'connections:get': ({ id }) => getConnection(db, id),
    'connections:create': (connection) => createConnection(db, secrets, connection),
    'connections:update': ({ id, ...change }) => updateConnection(db, id, change),
    'connections:replaceSecret': ({ id, secret }) => replaceSecret(db, secrets, id, secret),
    'connections:delete': async ({ id }) => {
      await deleteConnection(db, secrets, id);
      return { deleted: true as const };
    },
    'connections:duplicate': ({ id }) => duplicateConnection(db, secrets, id),
    'connections:test': ({ id }) => test(id),
    'connections:trustHostKey': ({ id, sha256 }) => {
      const { settings } = getConnection(db, id);
      if (settings.kind !== 'sftp') {
        throw new IntakeError('VALIDATION', 'Only SFTP connections have a host key to trust.', {
          connectionId: id,
        });
      }
      updateConnection(db, id, { settings: { ...settings, hostKeySha256: sha256 } });
      return test(id);
    },
    'sources:tables': async ({ id }) => {
      const connection = await resolveConnection(db, secrets, id);
      const { driver, settings } = await sqlDriverOf(connection);
      return driver.tables(connection, settings, { ...deps.context, connection });
    },
    'sources:files': async ({ sourceId, importId }) => {
      const { spec } = getSource(db, sourceId);
      if (spec.kind !== 'storage') {
        throw new IntakeError('VALIDATION', 'Only a storage source has files to list.', { sourceId });
      }
      const connection = await resolveConnection(db, secrets, spec.connectionId);
      const files = await storageConnector.list!(spec, {
        ...deps.context,
        connection,
        importedFiles: deps.importedFilesOf(importId ?? null),
      });
      return files.map((file) => ({ ...file, imported: file.imported ?? false }));
    },
  };
}
