import type { Handlers } from '../../../src-shared/contract';
import type { HandlerContext } from '../handler-context';
import { listAttributes } from './attribute-repository';
import { addIdType, listIdTypes } from './id-type-repository';

/** Requests of the `idTypes` and `attributes` domains: what the mapping step offers. */
export const attributesHandlers = {
  'idTypes:list': (_payload, context) => listIdTypes(context.workspace.db),
  'idTypes:add': (idType, context) => addIdType(context.workspace.db, idType),
  'attributes:list': ({ importType, scope }, context) =>
    listAttributes(context.workspace.db, importType, scope),
} satisfies Pick<Handlers<HandlerContext>, 'idTypes:list' | 'idTypes:add' | 'attributes:list'>;
