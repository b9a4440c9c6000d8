import type { ColumnType } from '../model/column-type';
import type { Attribute, IdType } from '../model/id-type';
import { IMPORT_TYPE_ROLES, ROLES, type ImportType, type Role } from '../model/import-type';
import { defaultImportOptions, type ColumnMapping, type ImportMapping } from '../model/mapping';
import { matchAttributes, normalizeName, type AttributeMatch } from './auto-match';
import { setRole } from './mapping-edits';

/** A source column as detection saw it. */
export interface SourceColumn {
  name: string;
  type: ColumnType;
}

/** A column imported under its own (trimmed) name with a type, no role, no transforms. */
export function plainColumn(source: string, type: ColumnType): ColumnMapping {
  return {
    source,
    include: true,
    target: source.trim(),
    type,
    role: null,
    idType: null,
    trim: false,
    lowercase: false,
    timeZone: null,
    searchable: false,
  };
}

/** Header names that mean a role, by normalized name. */
const ROLE_NAMES: Record<string, Role> = {
  timestamp: 'timestamp',
  event_time: 'timestamp',
  update_timestamp: 'update_timestamp',
  item_id: 'item_id',
  product_id: 'product_id',
  match_key: 'match_key',
  group_id: 'group_id',
  cursor: 'cursor',
  is_deleted: 'is_deleted',
  voucher_code: 'voucher_code',
  code: 'voucher_code',
};

/**
 * The mapping a new import starts from: every column included under its own name (or the existing
 * attribute it auto-matches), typed as detected, and tagged when its header names a role or an ID
 * type (`registered`, `timestamp`, `item_id`…). Returns the auto-matches so the UI can show them.
 */
export function initialMapping(
  columns: readonly SourceColumn[],
  importType: ImportType,
  attributes: readonly Attribute[],
  idTypes: readonly IdType[],
  timeZone: string,
): { mapping: ImportMapping; matches: (AttributeMatch | null)[] } {
  const matches = matchAttributes(
    columns.map((column) => column.name),
    attributes,
  );
  let mapping: ImportMapping = {
    importType,
    options: defaultImportOptions(timeZone),
    columns: columns.map<ColumnMapping>((column, index) => {
      const match = matches[index];
      const attribute = match ? attributes.find((a) => a.name === match.attribute) : undefined;
      return attribute
        ? { ...plainColumn(column.name, attribute.type), target: attribute.name }
        : plainColumn(column.name, column.type);
    }),
    statics: [],
  };
  mapping = guessRoles(mapping, idTypes);
  return { mapping, matches };
}

/** Tags columns whose headers name a role or an ID type, when the import type offers that role. */
export function guessRoles(mapping: ImportMapping, idTypes: readonly IdType[]): ImportMapping {
  const offered = IMPORT_TYPE_ROLES[mapping.importType].allowed;
  // product_id belongs to product catalogs only; a general catalog would then refuse the mapping.
  const allowed =
    mapping.importType === 'catalog' && mapping.options.catalogKind !== 'product'
      ? offered.filter((role) => role !== 'product_id')
      : offered;
  const taken = new Set<string>(mapping.columns.flatMap((column) => (column.role ? [column.role] : [])));
  let next = mapping;
  mapping.columns.forEach((column, index) => {
    if (column.role) return;
    const name = normalizeName(column.source);
    const idType = idTypes.find((candidate) => candidate.name === name);
    if (idType && allowed.includes('id')) {
      if (next.columns.some((other) => other.idType === idType.name)) return;
      next = setRole(next, index, 'id', idTypes);
      next = {
        ...next,
        columns: next.columns.map((c, i) => (i === index ? { ...c, idType: idType.name } : c)),
      };
      return;
    }
    const role = ROLE_NAMES[name];
    if (role && ROLES.includes(role) && allowed.includes(role) && !taken.has(role)) {
      taken.add(role);
      next = setRole(next, index, role, idTypes);
    }
  });
  return next;
}
