import type { IdType } from '../../../src-shared/model/id-type';
import type { ImportType } from '../../../src-shared/model/import-type';
import {
  defaultImportOptions,
  type ColumnMapping,
  type ImportMapping,
  type ImportOptions,
  type StaticColumn,
} from '../../../src-shared/model/mapping';

/** The workspace's ID types in the order the UI lists them: hard IDs first. */
export const ID_TYPES: IdType[] = [
  { name: 'registered', kind: 'hard' },
  { name: 'cookie', kind: 'soft' },
  { name: 'email_id', kind: 'soft' },
];

/** An included, untagged text column imported under its own name; `patch` overrides any field. */
export function col(source: string, patch: Partial<ColumnMapping> = {}): ColumnMapping {
  return {
    source,
    include: true,
    target: source,
    type: 'text',
    role: null,
    idType: null,
    trim: false,
    lowercase: false,
    timeZone: null,
    searchable: false,
    ...patch,
  };
}

/** A customer ID column as the mapping step tags it: text, trimmed, not imported. */
export function idCol(source: string, idType: string | null = source, patch: Partial<ColumnMapping> = {}) {
  return col(source, { role: 'id', idType, include: false, trim: true, ...patch });
}

/** A role column as setRole leaves it (not imported), with the role's type. */
export function roleCol(source: string, role: ColumnMapping['role'], patch: Partial<ColumnMapping> = {}) {
  const type: ColumnMapping['type'] =
    role === 'timestamp' || role === 'update_timestamp' || role === 'cursor'
      ? 'datetime'
      : role === 'is_deleted'
        ? 'boolean'
        : 'text';
  return col(source, { role, type, include: role === 'item_id' || role === 'product_id', ...patch });
}

export function mappingOf(
  importType: ImportType,
  columns: ColumnMapping[],
  options: Partial<ImportOptions> = {},
  statics: StaticColumn[] = [],
): ImportMapping {
  return { importType, options: { ...defaultImportOptions(), ...options }, columns, statics };
}

/** A valid mapping of each import type, every requirement met. */
export const VALID: Record<ImportType, () => ImportMapping> = {
  customers: () => mappingOf('customers', [idCol('registered'), col('name'), col('age', { type: 'number' })]),
  events: () =>
    mappingOf('events', [idCol('registered'), roleCol('ts', 'timestamp'), col('price', { type: 'number' })], {
      eventType: 'purchase',
    }),
  catalog: () =>
    mappingOf('catalog', [roleCol('item_id', 'item_id'), col('title')], { catalogName: 'products' }),
  identity: () =>
    mappingOf('identity', [
      roleCol('email', 'match_key', { idType: 'email_id', trim: true }),
      roleCol('cookie', 'identifier', { idType: 'cookie', trim: true }),
    ]),
  group: () =>
    mappingOf('group', [
      idCol('registered'),
      roleCol('group_id', 'group_id'),
      roleCol('cursor', 'cursor'),
      roleCol('is_deleted', 'is_deleted'),
    ]),
  vouchers: () => mappingOf('vouchers', [roleCol('code', 'voucher_code')], { poolName: 'spring' }),
};
