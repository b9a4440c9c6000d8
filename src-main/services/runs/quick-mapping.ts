import { initialMapping, type SourceColumn } from '../../../src-shared/mapping/initial-mapping';
import {
  addStatic,
  setIdType,
  setOptions,
  setRole,
  setTransforms,
} from '../../../src-shared/mapping/mapping-edits';
import type { Attribute, IdType } from '../../../src-shared/model/id-type';
import {
  ID_TYPED_ROLES,
  IMPORT_TYPE_ROLES,
  ROLES,
  type ImportType,
  type Role,
} from '../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { inferColumnType } from '../../../src-shared/values/infer-type';
import { IntakeError } from '../../../src-shared/errors';

/** The flags of a quick import (no definition file). */
export interface QuickImportFlags {
  type: ImportType;
  eventType?: string | undefined;
  catalog?: string | undefined;
  pool?: string | undefined;
  /** COLUMN=IDTYPE, repeatable. */
  ids: string[];
  timestamp?: string | undefined;
  itemId?: string | undefined;
  /** COLUMN=ROLE or COLUMN=ROLE:IDTYPE for the other roles (group_id, match_key…), repeatable. */
  roles: string[];
  /** NAME=VALUE, repeatable. */
  statics: string[];
  lowercaseIds: boolean;
  timeZone?: string | undefined;
  /** Each run reads only rows whose time field is after the last one imported. */
  incremental?: boolean | undefined;
}

/**
 * The mapping of a quick import: the mapping step's starting point (every column included under its
 * own name with its detected type, roles guessed from headers, existing attributes auto-matched),
 * then the flags. Every flag naming a column, role or ID type that does not exist is refused,
 * naming what was given and what exists.
 */
export function quickMapping(
  columns: readonly SourceColumn[],
  flags: QuickImportFlags,
  known: { idTypes: readonly IdType[]; attributes: readonly Attribute[] },
): ImportMapping {
  const { idTypes } = known;
  let { mapping } = initialMapping(columns, flags.type, known.attributes, idTypes, flags.timeZone ?? 'UTC');
  mapping = setOptions(mapping, {
    ...(flags.eventType !== undefined ? { eventType: flags.eventType } : {}),
    ...(flags.catalog !== undefined ? { catalogName: flags.catalog } : {}),
    ...(flags.pool !== undefined ? { poolName: flags.pool } : {}),
    ...(flags.incremental ? { incremental: true } : {}),
  });
  const allowed = IMPORT_TYPE_ROLES[flags.type].allowed;
  const tag = (flag: string, column: string, role: Role, idType?: string) => {
    if (!allowed.includes(role)) {
      throw invalid(
        flag,
        `${flag}: a ${flags.type} import has no "${role}" role (it has: ${allowed.join(', ')}).`,
      );
    }
    const index = columnIndex(columns, column, flag);
    mapping = setRole(mapping, index, role, idTypes);
    if (ID_TYPED_ROLES.includes(role)) {
      if (!idType) throw invalid(flag, `${flag} ${column}: say its ID type, as ${column}=${role}:<ID type>.`);
      mapping = setIdType(mapping, index, knownIdType(idType, idTypes, flag));
    }
  };
  for (const pair of flags.ids) {
    const [column, idType] = splitPair(pair, '--id', 'COLUMN=IDTYPE');
    tag('--id', column, 'id', idType);
  }
  if (flags.timestamp !== undefined) {
    const role = (['timestamp', 'cursor', 'update_timestamp'] as const).find((r) => allowed.includes(r));
    if (!role) throw invalid('--timestamp', `--timestamp: a ${flags.type} import has no timestamp column.`);
    tag('--timestamp', flags.timestamp, role);
  }
  if (flags.itemId !== undefined) tag('--item-id', flags.itemId, 'item_id');
  for (const pair of flags.roles) {
    const [column, spec] = splitPair(pair, '--role', 'COLUMN=ROLE');
    const [role, idType] = spec.split(':');
    if (!(ROLES as readonly string[]).includes(role!)) {
      throw invalid('--role', `--role ${pair}: "${role}" is not a role (roles: ${ROLES.join(', ')}).`);
    }
    tag('--role', column, role as Role, idType);
  }
  if (flags.lowercaseIds) {
    mapping.columns.forEach((column, index) => {
      if (column.role && ID_TYPED_ROLES.includes(column.role))
        mapping = setTransforms(mapping, index, { lowercase: true });
    });
  }
  for (const pair of flags.statics) {
    const [name, value] = splitPair(pair, '--static', 'NAME=VALUE');
    mapping = addStatic(mapping, { name, value, type: inferColumnType([value]).type });
  }
  return mapping;
}

function splitPair(pair: string, flag: string, shape: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw invalid(flag, `${flag} "${pair}" must look like ${shape}.`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** Columns a "no such column" message names before it says how many more there are. */
const NAMED_COLUMNS = 20;

function columnIndex(columns: readonly SourceColumn[], name: string, flag: string): number {
  const wanted = name.trim().toLowerCase();
  const index = columns.findIndex((column) => column.name.trim().toLowerCase() === wanted);
  if (index < 0) {
    // A wide file's whole header would bury the message: the first columns, and how many more.
    const shown = columns.slice(0, NAMED_COLUMNS).map((column) => column.name);
    const more = columns.length - shown.length;
    const names = more > 0 ? `${shown.join(', ')} and ${more.toLocaleString('en')} more` : shown.join(', ');
    throw invalid(flag, `${flag}: the file has no column "${name}" (its columns: ${names}).`);
  }
  return index;
}

function knownIdType(name: string, idTypes: readonly IdType[], flag: string): string {
  const found = idTypes.find((idType) => idType.name === name.trim().toLowerCase());
  if (!found) {
    const names = idTypes.map((idType) => idType.name).join(', ');
    throw invalid(flag, `${flag}: "${name}" is not an ID type of this workspace (ID types: ${names}).`);
  }
  return found.name;
}

/** A flag that names something that does not exist: a VALIDATION error naming the flag. */
function invalid(flag: string, message: string): IntakeError {
  return new IntakeError('VALIDATION', message, { field: flag });
}
