import type { MappedId, MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import type { Role } from '../../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../../src-shared/model/mapping';

/** The source column holding a role (the first one, for IDs), for a reject's "column". */
export function roleColumn(mapping: ImportMapping, role: Role): string | null {
  return mapping.columns.find((column) => column.role === role)?.source ?? null;
}

/** The source column holding an ID of a type, for a reject about that ID. */
export function idColumn(mapping: ImportMapping, id: MappedId): string | null {
  const column = mapping.columns.find(
    (candidate) =>
      (candidate.role === 'id' || candidate.role === 'match_key' || candidate.role === 'identifier') &&
      candidate.idType === id.idType,
  );
  return column?.source ?? null;
}

/** A reject of a record that passed the mapping but not the import's semantics. */
export function rejectOf(
  record: MappedRecord,
  column: string | null,
  value: string,
  reason: string,
): RowReject {
  return { rowNumber: record.rowNumber, column, value, reason };
}

/** `registered "u-1"`: an ID inside a reason. */
export function describeId(id: MappedId): string {
  return `${id.idType} ${JSON.stringify(id.value)}`;
}
