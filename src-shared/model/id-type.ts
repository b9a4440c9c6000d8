import type { ColumnType } from './column-type';

/** An ID type the workspace knows: hard IDs identify a customer for sure and win over soft ones. */
export interface IdType {
  name: string;
  kind: 'hard' | 'soft';
}

/** An attribute that already exists in the workspace for an import type (offered in the mapping step). */
export interface Attribute {
  name: string;
  type: ColumnType;
}
