import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { writeTransaction } from '../workspace/write-transaction';
import type { Exclusive } from '../workspace/write-lock';
import { listAttributes } from './attribute-repository';
import { addIdType, listIdTypes } from './id-type-repository';

/** Requests of the `ids` and `attributes` domains: what the mapping step offers. */
export function createAttributesHandlers(deps: {
  db: Database;
  /** The data database's write lock: ID types are data, written as a run's transaction allows. */
  writeLock: Exclusive;
}): Pick<Handlers, 'ids:listTypes' | 'ids:addType' | 'attributes:list'> {
  return {
    'ids:listTypes': () => listIdTypes(deps.db),
    'ids:addType': (idType) => writeTransaction(deps.db, deps.writeLock, () => addIdType(deps.db, idType)),
    'attributes:list': ({ importType, scope }) => listAttributes(deps.db, importType, scope),
  };
}
