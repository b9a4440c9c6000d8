import type { Handlers } from '../../../src-shared/contract';
import type { HandlerContext } from '../handler-context';
import { listAttributes } from './attribute-repository';
import { addIdType, listIdTypes } from './id-type-repository';

/** Requests of the `ids` and `attributes` domains: what the mapping step offers. */
export const attributesHandlers = {
  'ids:listTypes': (_payload, context) => listIdTypes(context.workspace.db),
  'ids:addType': (idType, context) => addIdType(context.workspace.db, idType),
  'attributes:list': ({ importType, scope }, context) =>
    listAttributes(context.workspace.db, importType, scope),
} satisfies Pick<Handlers<HandlerContext>, 'ids:listTypes' | 'ids:addType' | 'attributes:list'>;
