import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../../src-shared/contract';
import type { SecretStore } from '../../secrets/secret-store';
import {
  createConnection,
  deleteConnection,
  getConnection,
  listConnections,
  replaceSecret,
  updateConnection,
} from './connection-repository';

/** Requests of the `connections` domain. Secrets come in once and never go out. */
export function createConnectionsHandlers(deps: {
  db: Database;
  secrets: SecretStore;
}): Pick<
  Handlers,
  | 'connections:list'
  | 'connections:get'
  | 'connections:create'
  | 'connections:update'
  | 'connections:replaceSecret'
  | 'connections:delete'
> {
  const { db, secrets } = deps;
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
  };
}
