import { IMPORT_TYPE_LABELS, ROLE_LABELS, type ImportType, type Role } from '../model/import-type';
import type { ImportMapping } from '../model/mapping';
import type { SourceKind } from '../model/source';
import type { TimeValue } from '../values/civil-time';
import type { MappedRecord } from './map-row';

/**
 * The role of an import type's time field, the column incremental sync compares with the import's
 * cursor (DESIGN §4): an event's or an identity link's timestamp, a group membership's cursor, a
 * customer's update timestamp. Catalogs and vouchers have none.
 */
export const TIME_FIELD_ROLES: Record<ImportType, Role | null> = {
  customers: 'update_timestamp',
  events: 'timestamp',
  catalog: null,
  identity: 'timestamp',
  group: 'cursor',
  vouchers: null,
};

/** Sources a run can read incrementally: a database query, and files in storage. */
export const INCREMENTAL_SOURCE_KINDS: readonly SourceKind[] = ['sql', 'storage'];

/** The column of a mapping tagged with its import type's time role. */
export interface TimeField {
  role: Role;
  /** Its index in the mapping's columns. */
  index: number;
  /** Its header in the source (a query's column name). */
  source: string;
  /** The zone its datetimes without an offset are read in. */
  timeZone: string;
}

/** The column tagged with the import type's time role, or null when there is none. */
export function timeFieldOf(mapping: ImportMapping): TimeField | null {
  const role = TIME_FIELD_ROLES[mapping.importType];
  if (role === null) return null;
  const index = mapping.columns.findIndex((column) => column.role === role);
  const column = mapping.columns[index];
  if (!column) return null;
  return { role, index, source: column.source, timeZone: column.timeZone ?? mapping.options.timeZone };
}

/** The time field of an incremental mapping, or null when the mapping reads everything each run. */
export function incrementalTimeField(mapping: ImportMapping): TimeField | null {
  return mapping.options.incremental === true ? timeFieldOf(mapping) : null;
}

/**
 * Why incremental sync cannot be on for a mapping reading a source of this kind, or null when it
 * can: the import type has a time field, the source can be read again with new rows, and a column
 * is tagged as the time field.
 */
export function incrementalProblem(mapping: ImportMapping, sourceKind: SourceKind | null): string | null {
  const role = TIME_FIELD_ROLES[mapping.importType];
  if (role === null) return `${IMPORT_TYPE_LABELS[mapping.importType]} imports have no time field to sync by`;
  if (sourceKind === null || !INCREMENTAL_SOURCE_KINDS.includes(sourceKind)) {
    return `incremental sync reads a database query or files in storage, and this import reads ${sourceKind === null ? 'no source' : `a ${sourceKind} source`}`;
  }
  if (!timeFieldOf(mapping)) return `no column is tagged ${ROLE_LABELS[role]}, the time field it syncs by`;
  return null;
}

/** A record's value of the time field (null when the cell was empty). */
export function recordTime(record: MappedRecord, role: Role): TimeValue | null {
  return role === 'update_timestamp' ? record.updateTimestamp : record.timestamp;
}

/**
 * Why an incremental import rejects a row with an empty time field: the seed's advice ("Time field
 * not advancing"), since a row without one can never be placed before or after the cursor.
 */
export function missingTimeFieldReason(column: string): string {
  return (
    `Missing time field in "${column}": an incremental import reads only rows whose time field is ` +
    'after the last one imported, so set it once when the row is created and never update it'
  );
}

/**
 * An incremental run's newest time field among the rows it handed on, and how many of those rows
 * have exactly that value: the cursor the run leaves, and its boundary warning.
 */
export interface NewestTime {
  /** ISO 8601 UTC with six fraction digits: compares as text exactly as the times do. */
  iso: string;
  rows: number;
}

/** The newer of two newest times; rows are added up when both are the same time. */
export function newerOf(a: NewestTime | null, b: NewestTime | null): NewestTime | null {
  if (a === null || b === null) return a ?? b;
  if (a.iso === b.iso) return { iso: a.iso, rows: a.rows + b.rows };
  return a.iso > b.iso ? a : b;
}
