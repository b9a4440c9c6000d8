import type { ColumnType } from './column-type';

/** The import types of customer-data platforms (DESIGN.md §4). */
export const IMPORT_TYPES = ['customers', 'events', 'catalog', 'identity', 'group', 'vouchers'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export const IMPORT_TYPE_LABELS: Record<ImportType, string> = {
  customers: 'Customers',
  events: 'Events',
  catalog: 'Catalog',
  identity: 'Identity links',
  group: 'Group memberships',
  vouchers: 'Vouchers',
};

/** What a column means to an import type. */
export const ROLES = [
  'id',
  'timestamp',
  'update_timestamp',
  'item_id',
  'product_id',
  'match_key',
  'identifier',
  'group_id',
  'cursor',
  'is_deleted',
  'voucher_code',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  id: 'Customer ID',
  timestamp: 'Timestamp',
  update_timestamp: 'Update timestamp',
  item_id: 'item_id',
  product_id: 'product_id',
  match_key: 'Match key',
  identifier: 'Identifier to link',
  group_id: 'group_id',
  cursor: 'Cursor',
  is_deleted: 'is_deleted',
  voucher_code: 'Voucher code',
};

/** Roles whose values are IDs of an ID type (trimmed always, 256 bytes at most). */
export const ID_TYPED_ROLES: readonly Role[] = ['id', 'match_key', 'identifier'];

/** Roles whose values are keys: always trimmed, as the platforms trim IDs (a blank key is a missing one). */
export const TRIMMED_ROLES: readonly Role[] = [
  ...ID_TYPED_ROLES,
  'item_id',
  'product_id',
  'group_id',
  'voucher_code',
];

/** Roles held by one column at most (`id` may be on several columns, one per ID type). */
export const SINGLE_COLUMN_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'id');

/** The data type a role's values are read as; the type select is fixed while the role is set. */
export const ROLE_TYPES: Record<Role, ColumnType> = {
  id: 'text',
  timestamp: 'datetime',
  update_timestamp: 'datetime',
  item_id: 'text',
  product_id: 'text',
  match_key: 'text',
  identifier: 'text',
  group_id: 'text',
  cursor: 'datetime',
  is_deleted: 'boolean',
  voucher_code: 'text',
};

/** Roles each import type offers, and which of them it needs. */
export const IMPORT_TYPE_ROLES: Record<ImportType, { allowed: readonly Role[]; required: readonly Role[] }> =
  {
    customers: { allowed: ['id', 'update_timestamp'], required: ['id'] },
    events: { allowed: ['id', 'timestamp'], required: ['id', 'timestamp'] },
    catalog: { allowed: ['item_id', 'product_id'], required: ['item_id'] },
    identity: { allowed: ['match_key', 'identifier', 'timestamp'], required: ['match_key', 'identifier'] },
    group: { allowed: ['id', 'group_id', 'cursor', 'is_deleted'], required: ['id', 'group_id', 'cursor'] },
    vouchers: { allowed: ['voucher_code'], required: ['voucher_code'] },
  };

/** Whether role columns are imported as attributes by default: IDs pair rows, they are not data. */
export function includedByDefault(role: Role | null): boolean {
  return role === null || role === 'item_id' || role === 'product_id';
}
