import { COLUMN_TYPE_LABELS } from '../model/column-type';
import { ID_TYPED_ROLES, IMPORT_TYPE_ROLES, ROLE_LABELS, SINGLE_COLUMN_ROLES } from '../model/import-type';
import type { Role } from '../model/import-type';
import type { ImportMapping } from '../model/mapping';
import { LIMITS } from '../limits';
import { runValuesAt, staticProblem } from './static-placeholders';
import { isUtcZone, zoneOffsets } from '../values/time-zone';

/** One line of the mapping step's checklist. */
export interface Requirement {
  key: string;
  label: string;
  met: boolean;
  /** Why it is not met, naming the column or setting. */
  detail?: string;
}

/** Most searchable fields a catalog may have. */
export const MAX_SEARCHABLE_FIELDS = 20;

const HAS_SPACE = /\s/;

/**
 * What the import type still needs before the mapping can be saved or run: its roles, its named
 * settings, and a mapping without contradictions. The Next button stays disabled until every line is met.
 */
export function requirementsOf(mapping: ImportMapping): Requirement[] {
  return [
    ...roleRequirements(mapping),
    ...settingRequirements(mapping),
    ...consistency(mapping),
    ...columnLimit(mapping),
  ];
}

/** Columns an import reads into each record: included ones, role columns (IDs, times…) and statics. */
export function importedColumnCount(mapping: ImportMapping): number {
  return (
    mapping.columns.filter((column) => column.include || column.role !== null).length + mapping.statics.length
  );
}

/**
 * The platform's limit on what an import includes, shown once a source is wide enough to pass it:
 * a wide file previews and maps whole, and unchecking columns gets it under the limit.
 */
function columnLimit(mapping: ImportMapping): Requirement[] {
  if (mapping.columns.length + mapping.statics.length <= LIMITS.columns) return [];
  const imported = importedColumnCount(mapping);
  return [
    {
      key: 'columns',
      label: `At most ${LIMITS.columns} imported columns`,
      met: imported <= LIMITS.columns,
      detail: `This import includes ${imported.toLocaleString('en')} columns; the platform takes at most ${LIMITS.columns}. Uncheck the ${(imported - LIMITS.columns).toLocaleString('en')} you need least.`,
    },
  ];
}

/** The first unmet requirement's text, for the disabled Next button's reason; null when all are met. */
export function blockingReason(requirements: Requirement[]): string | null {
  const unmet = requirements.find((requirement) => !requirement.met);
  return unmet ? (unmet.detail ?? unmet.label) : null;
}

function columnsWith(mapping: ImportMapping, role: Role) {
  return mapping.columns.filter((column) => column.role === role);
}

function roleRequirements(mapping: ImportMapping): Requirement[] {
  const { required } = IMPORT_TYPE_ROLES[mapping.importType];
  const roles: Role[] =
    mapping.importType === 'catalog' && mapping.options.catalogKind === 'product'
      ? [...required, 'product_id']
      : [...required];
  return roles.map((role) => {
    const tagged = columnsWith(mapping, role);
    if (role === 'product_id' && tagged.length === 0 && mapping.options.productIdFromItemId) {
      return { key: `role:${role}`, label: 'A product_id column (the item_id column)', met: true };
    }
    const label =
      role === 'id'
        ? mapping.importType === 'group'
          ? 'A user ID column with its ID type'
          : 'A customer ID column with its ID type'
        : `${withArticle(lowerFirst(ROLE_LABELS[role]))} column`;
    if (tagged.length === 0)
      return { key: `role:${role}`, label, met: false, detail: `Tag ${lowerFirst(label)}.` };
    const untyped = ID_TYPED_ROLES.includes(role) ? tagged.find((column) => !column.idType) : undefined;
    if (untyped) {
      return {
        key: `role:${role}`,
        label,
        met: false,
        detail: `Choose the ID type of column "${untyped.source}".`,
      };
    }
    return { key: `role:${role}`, label, met: true };
  });
}

/** "A timestamp", "An item_id": the article by the noun's first letter. */
function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `An ${noun}` : `A ${noun}`;
}

function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function nameRequirement(key: string, label: string, value: string, what: string): Requirement {
  if (!value.trim()) return { key, label, met: false, detail: `Enter the ${what}.` };
  if (HAS_SPACE.test(value)) {
    return {
      key,
      label,
      met: false,
      detail: `The ${what} "${value}" contains a space; the platforms refuse spaces in it.`,
    };
  }
  return { key, label, met: true };
}

function settingRequirements(mapping: ImportMapping): Requirement[] {
  const { options } = mapping;
  switch (mapping.importType) {
    case 'events':
      return [nameRequirement('setting:eventType', 'An event type', options.eventType, 'event type')];
    case 'catalog':
      return [
        nameRequirement('setting:catalogName', 'A catalog name', options.catalogName, 'catalog name'),
        searchable(mapping),
      ];
    case 'vouchers':
      return [
        nameRequirement('setting:poolName', 'A voucher pool name', options.poolName, 'voucher pool name'),
      ];
    default:
      return [];
  }
}

function searchable(mapping: ImportMapping): Requirement {
  const fields = mapping.columns.filter((column) => column.searchable && column.include);
  const label = `Searchable fields: ${fields.length} of at most ${MAX_SEARCHABLE_FIELDS}`;
  if (fields.length > MAX_SEARCHABLE_FIELDS) {
    return {
      key: 'catalog:searchable',
      label,
      met: false,
      detail: `${fields.length} searchable fields are chosen; a catalog allows ${MAX_SEARCHABLE_FIELDS}.`,
    };
  }
  const structured = fields.find((column) => column.type === 'list' || column.type === 'json');
  if (structured) {
    return {
      key: 'catalog:searchable',
      label,
      met: false,
      detail: `Column "${structured.source}" is ${COLUMN_TYPE_LABELS[structured.type]}; list and JSON fields cannot be searchable.`,
    };
  }
  return { key: 'catalog:searchable', label, met: true };
}

/** Contradictions: a role on two columns, an ID type twice, a role the type does not offer, clashing names. */
function consistency(mapping: ImportMapping): Requirement[] {
  const problems: string[] = [];
  const { allowed } = IMPORT_TYPE_ROLES[mapping.importType];
  const productRoles =
    mapping.options.catalogKind === 'product' ? allowed : allowed.filter((role) => role !== 'product_id');
  for (const column of mapping.columns) {
    if (column.role && !productRoles.includes(column.role)) {
      problems.push(
        `Column "${column.source}" is tagged ${ROLE_LABELS[column.role]}, which a ${mapping.importType} import does not use.`,
      );
    }
  }
  for (const role of SINGLE_COLUMN_ROLES) {
    const tagged = columnsWith(mapping, role);
    if (tagged.length > 1) {
      problems.push(
        `${ROLE_LABELS[role]} is tagged on ${tagged.length} columns (${tagged.map((c) => `"${c.source}"`).join(', ')}); keep one.`,
      );
    }
  }
  if (mapping.importType === 'identity') {
    const [key] = columnsWith(mapping, 'match_key');
    const [linked] = columnsWith(mapping, 'identifier');
    if (key?.idType && key.idType === linked?.idType) {
      problems.push(
        `Column "${key.source}" (the match key) and column "${linked.source}" (the identifier to link) are both ${key.idType} IDs; a link joins two different ID types (e.g. cookie → registered).`,
      );
    }
  }
  const idTypes = new Map<string, string>();
  for (const column of columnsWith(mapping, 'id')) {
    if (!column.idType) continue;
    const other = idTypes.get(column.idType);
    if (other)
      problems.push(
        `Columns "${other}" and "${column.source}" are both ${column.idType} IDs; a row can carry one ID of each type.`,
      );
    idTypes.set(column.idType, column.source);
  }
  const zones = [
    ["The import's time zone", mapping.options.timeZone],
    ...mapping.columns.flatMap((column) =>
      column.timeZone ? [[`The time zone of column "${column.source}"`, column.timeZone]] : [],
    ),
  ];
  for (const [owner, zone] of zones) {
    if (!isUtcZone(zone!) && !zoneOffsets(zone!))
      problems.push(`${owner} "${zone}" is not a known IANA time zone (e.g. Europe/Prague).`);
  }
  const names = new Map<string, string>();
  const claim = (name: string, owner: string) => {
    const key = name.trim();
    if (!key) return problems.push(`${owner} has no attribute name.`);
    const other = names.get(key);
    if (other) problems.push(`${other} and ${owner} both import into "${key}".`);
    names.set(key, owner);
  };
  // Columns are named by position too when two share a header name: "Column "name"" twice says
  // nothing about which to rename or skip.
  const repeated = new Set(
    mapping.columns.map((column) => column.source).filter((name, index, all) => all.indexOf(name) !== index),
  );
  mapping.columns.forEach((column, index) => {
    if (!column.include) return;
    const where = repeated.has(column.source) ? ` (column ${index + 1})` : '';
    claim(column.target, `Column "${column.source}"${where}`);
  });
  // Placeholders are checked as a run now would fill them; the file's name is blank here (the
  // mapping does not know it), and a run whose file's name does not fit the column's type fails.
  const now = runValuesAt(new Date(), '');
  for (const column of mapping.statics) {
    claim(column.name, `Static column "${column.name}"`);
    const problem = staticProblem(column, mapping.options, now);
    if (problem) problems.push(`${problem}.`);
  }
  if (problems.length === 0) return [{ key: 'consistency', label: 'No conflicting columns', met: true }];
  return problems.map((detail, index) => ({
    key: `consistency:${index}`,
    label: 'No conflicting columns',
    met: false,
    detail,
  }));
}
