import type { ColumnType } from '../model/column-type';
import type { IdType } from '../model/id-type';
import {
  ID_TYPED_ROLES,
  IMPORT_TYPE_ROLES,
  ROLE_TYPES,
  TRIMMED_ROLES,
  includedByDefault,
  type ImportType,
  type Role,
} from '../model/import-type';
import type { ColumnMapping, ImportMapping, StaticColumn } from '../model/mapping';
import { addedColumns, type CellEdit, type CleanupStep } from '../model/cleanup';

/**
 * The mapping step's edits as pure functions (mapping in, mapping out), so undo/redo is a stack of
 * values and every rule of an edit is unit-tested without a UI.
 */

function withColumn(mapping: ImportMapping, index: number, change: (column: ColumnMapping) => ColumnMapping) {
  return { ...mapping, columns: mapping.columns.map((column, i) => (i === index ? change(column) : column)) };
}

/** Tags a column with a role (or clears it): the role fixes its type; IDs are trimmed and not imported. */
export function setRole(
  mapping: ImportMapping,
  index: number,
  role: Role | null,
  idTypes: readonly IdType[],
): ImportMapping {
  return withColumn(mapping, index, (column) => {
    if (role === null) return { ...column, role: null, idType: null, include: true };
    const idTyped = ID_TYPED_ROLES.includes(role);
    const key = TRIMMED_ROLES.includes(role);
    return {
      ...column,
      role,
      type: ROLE_TYPES[role],
      include: includedByDefault(role),
      trim: key ? true : column.trim,
      idType: idTyped ? (column.idType ?? firstFreeIdType(mapping, idTypes)) : null,
    };
  });
}

/** The first ID type no other ID column uses (hard ones come first in the list). */
function firstFreeIdType(mapping: ImportMapping, idTypes: readonly IdType[]): string | null {
  const used = new Set(mapping.columns.map((column) => column.idType));
  return (idTypes.find((idType) => !used.has(idType.name)) ?? idTypes[0])?.name ?? null;
}

export function setIdType(mapping: ImportMapping, index: number, idType: string): ImportMapping {
  return withColumn(mapping, index, (column) => ({ ...column, idType }));
}

export function setInclude(mapping: ImportMapping, index: number, include: boolean): ImportMapping {
  return withColumn(mapping, index, (column) => ({ ...column, include }));
}

/**
 * Keeps an import within `limit` columns: role columns (IDs, times…) and statics always count and
 * stay; the other included columns stay from the left until the limit, the rest are unchecked.
 */
export function keepFirstColumns(mapping: ImportMapping, limit: number): ImportMapping {
  let room = limit - mapping.statics.length - mapping.columns.filter((column) => column.role !== null).length;
  return {
    ...mapping,
    columns: mapping.columns.map((column) => {
      if (column.role !== null || !column.include) return column;
      if (room > 0) {
        room--;
        return column;
      }
      return { ...column, include: false };
    }),
  };
}

/** Maps a column to an attribute; an existing attribute brings its type along (data must match it). */
export function setTarget(
  mapping: ImportMapping,
  index: number,
  target: string,
  existingType?: ColumnType,
): ImportMapping {
  return withColumn(mapping, index, (column) => ({
    ...column,
    target,
    type: existingType && !column.role ? existingType : column.type,
  }));
}

/** Changes a column's data type; a list or JSON field cannot stay searchable. */
export function setType(mapping: ImportMapping, index: number, type: ColumnType): ImportMapping {
  return withColumn(mapping, index, (column) => ({
    ...column,
    type,
    searchable: type === 'list' || type === 'json' ? false : column.searchable,
  }));
}

export function setTransforms(
  mapping: ImportMapping,
  index: number,
  change: Partial<Pick<ColumnMapping, 'trim' | 'lowercase' | 'timeZone' | 'hashPersonal' | 'repairMojibake'>>,
): ImportMapping {
  return withColumn(mapping, index, (column) => ({
    ...column,
    ...change,
    // IDs and other keys are always trimmed, as the platforms do.
    trim: column.role && TRIMMED_ROLES.includes(column.role) ? true : (change.trim ?? column.trim),
  }));
}

export function setSearchable(mapping: ImportMapping, index: number, searchable: boolean): ImportMapping {
  return withColumn(mapping, index, (column) => ({ ...column, searchable }));
}

/** Switches the import type: roles the new type does not offer are cleared (their columns imported again). */
export function setImportType(mapping: ImportMapping, importType: ImportType): ImportMapping {
  const { allowed } = IMPORT_TYPE_ROLES[importType];
  return {
    ...mapping,
    importType,
    columns: mapping.columns.map((column) =>
      column.role && !allowed.includes(column.role)
        ? { ...column, role: null, idType: null, include: true }
        : column,
    ),
  };
}

export function setOptions(mapping: ImportMapping, change: Partial<ImportMapping['options']>): ImportMapping {
  return { ...mapping, options: { ...mapping.options, ...change } };
}

export function addStatic(mapping: ImportMapping, column: StaticColumn): ImportMapping {
  return { ...mapping, statics: [...mapping.statics, column] };
}

export function removeStatic(mapping: ImportMapping, index: number): ImportMapping {
  return { ...mapping, statics: mapping.statics.filter((_, i) => i !== index) };
}

/**
 * The static column the seed recommends, `source = Import_<name>_<date>`, with the date as the
 * `{run_date}` placeholder: each run imports the day it ran, not the day the import was saved.
 */
export function suggestedStatic(importName: string): StaticColumn {
  const name =
    importName
      .trim()
      .replace(/\s+/g, '_')
      .replace(/[^\p{L}\p{N}_-]/gu, '') || 'data';
  return { name: 'source', value: `Import_${name}_{run_date}`, type: 'text' };
}

/** Adds a cleanup step at the end (steps run in order). */
export function addCleanupStep(mapping: ImportMapping, step: CleanupStep): ImportMapping {
  return { ...mapping, cleanup: [...(mapping.cleanup ?? []), step] };
}

/** Removes the cleanup step at `index` (a split or merge takes the columns it added with it). */
export function removeCleanupStep(mapping: ImportMapping, index: number): ImportMapping {
  const step = mapping.cleanup?.[index];
  const cleanup = (mapping.cleanup ?? []).filter((_, at) => at !== index);
  const gone = new Set(step ? addedColumns(step) : []);
  return { ...mapping, cleanup, columns: mapping.columns.filter((column) => !gone.has(column.source)) };
}

/**
 * Adds a split or merge step and the columns it adds, at the end of the mapping's columns: text,
 * imported under their own names, like a new file column.
 */
export function addShapeStep(mapping: ImportMapping, step: CleanupStep): ImportMapping {
  const added = addedColumns(step).map<ColumnMapping>((name) => ({
    source: name,
    include: true,
    target: name,
    type: 'text',
    role: null,
    idType: null,
    trim: false,
    lowercase: false,
    timeZone: null,
    searchable: false,
  }));
  return { ...addCleanupStep(mapping, step), columns: [...mapping.columns, ...added] };
}

/**
 * Records a hand edit of one cell (keyed by its row number and column, with the value it had): it
 * joins the last step if that is a step of edits, so a run of edits reads as one step; a second
 * edit of the same cell replaces the first, keeping the file's original value as its old value.
 */
export function editCell(mapping: ImportMapping, edit: CellEdit): ImportMapping {
  const cleanup = [...(mapping.cleanup ?? [])];
  const last = cleanup.at(-1);
  if (last?.kind === 'edit-cells') {
    const earlier = last.edits.find((other) => other.row === edit.row && other.column === edit.column);
    const edits = earlier
      ? last.edits.map((other) => (other === earlier ? { ...earlier, value: edit.value } : other))
      : [...last.edits, edit];
    cleanup[cleanup.length - 1] = { ...last, edits };
  } else cleanup.push({ kind: 'edit-cells', edits: [edit] });
  return { ...mapping, cleanup };
}

/**
 * The mapping as the column's value mapping sees the rows where it stands: only the steps before it,
 * and every hand edit (edits apply to the file's own values, first). A replaced mapping is counted
 * there, not after the steps that follow it; with none, the whole mapping (a new one goes last).
 */
export function beforeValueMapping(mapping: ImportMapping, column: string): ImportMapping {
  const cleanup = mapping.cleanup ?? [];
  const at = cleanup.findIndex((other) => other.kind === 'map-values' && other.column === column);
  if (at === -1) return mapping;
  return { ...mapping, cleanup: cleanup.filter((step, index) => index < at || step.kind === 'edit-cells') };
}

/**
 * Sets a column's value mapping: replaces its earlier one where it stood (so the order of steps
 * holds), adds it at the end if there was none, removes it when `step` is null.
 */
export function setValueMapping(
  mapping: ImportMapping,
  column: string,
  step: CleanupStep | null,
): ImportMapping {
  const cleanup = mapping.cleanup ?? [];
  const at = cleanup.findIndex((other) => other.kind === 'map-values' && other.column === column);
  if (at === -1) return step ? addCleanupStep(mapping, step) : mapping;
  const next = step
    ? cleanup.map((other, index) => (index === at ? step : other))
    : cleanup.filter((_, index) => index !== at);
  return { ...mapping, cleanup: next };
}
