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
 * Headers that name a customer ID without being an ID type's name: the ID type they are guessed as
 * (when the workspace has it and no other column took it). A user's ID is the hard ID; an email is
 * the soft `email_id`, so the Data page finds the customer by it.
 */
const ID_ALIASES: Record<string, string> = {
  id: 'registered',
  customer_id: 'registered',
  user_id: 'registered',
  client_id: 'registered',
  email: 'email_id',
  e_mail: 'email_id',
  email_address: 'email_id',
  mail: 'email_id',
  phone: 'phone_id',
  phone_number: 'phone_id',
  mobile: 'phone_id',
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
  guesses: RoleGuesses = {},
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
  mapping = guessRoles(mapping, idTypes, guesses);
  return { mapping, matches };
}

/** How far the guessing goes. */
export interface RoleGuesses {
  /**
   * Also tag headers such as `email`, `customer_id` or `id` as IDs (ID_ALIASES): the mapping step
   * shows the guess for the user to change. The CLI's quick import tags only what its flags and
   * ID type names say, so a script's import never changes under it.
   */
  idAliases?: boolean;
}

/** Tags columns whose headers name a role or an ID type, when the import type offers that role. */
export function guessRoles(
  mapping: ImportMapping,
  idTypes: readonly IdType[],
  guesses: RoleGuesses = {},
): ImportMapping {
  const offered = IMPORT_TYPE_ROLES[mapping.importType].allowed;
  // product_id belongs to product catalogs only; a general catalog would then refuse the mapping.
  const allowed =
    mapping.importType === 'catalog' && mapping.options.catalogKind !== 'product'
      ? offered.filter((role) => role !== 'product_id')
      : offered;
  const taken = new Set<string>(mapping.columns.flatMap((column) => (column.role ? [column.role] : [])));
  let next = mapping;
  const tagId = (index: number, idType: string) => {
    next = setRole(next, index, 'id', idTypes);
    next = { ...next, columns: next.columns.map((c, i) => (i === index ? { ...c, idType } : c)) };
  };
  const idTypeUsed = (name: string) => next.columns.some((other) => other.idType === name);
  // Headers that are an ID type's own name first, so an alias never takes a type from them.
  mapping.columns.forEach((column, index) => {
    if (column.role || !allowed.includes('id')) return;
    const idType = idTypes.find((candidate) => candidate.name === normalizeName(column.source));
    if (idType && !idTypeUsed(idType.name)) tagId(index, idType.name);
  });
  mapping.columns.forEach((column, index) => {
    if (next.columns[index]!.role) return;
    const name = normalizeName(column.source);
    if (idTypes.some((candidate) => candidate.name === name)) return;
    const aliased = guesses.idAliases ? ID_ALIASES[name] : undefined;
    if (
      aliased &&
      allowed.includes('id') &&
      idTypes.some((t) => t.name === aliased) &&
      !idTypeUsed(aliased)
    ) {
      tagId(index, aliased);
      // A guess never drops a column: the values still import as the attribute they were.
      next = { ...next, columns: next.columns.map((c, i) => (i === index ? { ...c, include: true } : c)) };
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
