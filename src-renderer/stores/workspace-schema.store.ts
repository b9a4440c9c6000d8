import { create } from 'zustand';
import type { Attribute, IdType } from '../../src-shared/model/id-type';
import type { ImportType } from '../../src-shared/model/import-type';
import { call, errorMessage } from '../api/client';

interface WorkspaceSchemaState {
  idTypes: IdType[];
  /** Existing attributes by `importType/scope`. */
  attributes: Record<string, Attribute[]>;
  error: string | null;
}

/** What the workspace already knows: ID types and existing attributes, offered by the mapping step. */
export const useWorkspaceSchemaStore = create<WorkspaceSchemaState>(() => ({
  idTypes: [],
  attributes: {},
  error: null,
}));

export const attributesKey = (importType: ImportType, scope: string) => `${importType}/${scope}`;

export async function loadIdTypes(): Promise<IdType[]> {
  const idTypes = await call('ids:listTypes', {});
  useWorkspaceSchemaStore.setState({ idTypes });
  return idTypes;
}

/** Adds an ID type (e.g. `loyalty_id`); the error names the problem when the host refuses it. */
export async function addIdType(name: string, kind: IdType['kind']): Promise<boolean> {
  try {
    useWorkspaceSchemaStore.setState({ idTypes: await call('ids:addType', { name, kind }), error: null });
    return true;
  } catch (error) {
    useWorkspaceSchemaStore.setState({ error: errorMessage(error) });
    return false;
  }
}

export async function loadAttributes(importType: ImportType, scope: string): Promise<Attribute[]> {
  const attributes = await call('attributes:list', { importType, scope });
  useWorkspaceSchemaStore.setState((state) => ({
    attributes: { ...state.attributes, [attributesKey(importType, scope)]: attributes },
  }));
  return attributes;
}
