import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import { ROLE_TYPES, type Role } from '../../../../src-shared/model/import-type';
import type { JsonValue } from '../../../../src-shared/values/json';
import { plainValue } from '../workspace/stored-value';

/** One column of an export: its name, its data type, and how a record gives its value. */
export interface ExportColumn {
  name: string;
  type: ColumnType;
  value(record: MappedRecord): JsonValue;
}

/**
 * The columns an export of this mapping writes, the same for every record: the import's keys first
 * (customer IDs by ID type, the match key and identifier by theirs, then timestamp, item_id… by
 * role, and an events import's event_type), then every imported attribute and static column by
 * its target name, typed as mapped. A name used twice gets " (2)", so no value hides another.
 */
export function exportColumns(mapping: ImportMapping): ExportColumn[] {
  const columns: ExportColumn[] = [];
  if (mapping.importType === 'events') {
    const eventType = mapping.options.eventType.trim();
    columns.push({ name: 'event_type', type: 'text', value: () => eventType });
  }
  const idTypes = new Set<string>();
  for (const column of mapping.columns) {
    if (column.role === 'id' && column.idType && !idTypes.has(column.idType)) {
      const idType = column.idType;
      idTypes.add(idType);
      columns.push({
        name: idType,
        type: 'text',
        value: (record) => record.ids.find((id) => id.idType === idType)?.value ?? null,
      });
    }
  }
  for (const column of mapping.columns) {
    if (column.role && column.role !== 'id') columns.push(roleColumn(column.role, column.idType));
  }
  // A record's attributes come in this order: imported columns, then static columns.
  const attributes = [
    ...mapping.columns
      .filter((column) => column.include)
      .map((column) => ({ name: column.target.trim(), type: column.type })),
    ...mapping.statics.map((column) => ({ name: column.name, type: column.type })),
  ];
  attributes.forEach(({ name, type }, at) =>
    columns.push({
      name,
      type,
      value: (record) => {
        const found = record.attributes[at];
        return found ? plainValue(found.type, found.value) : null;
      },
    }),
  );
  return uniqueNames(columns);
}

/** The column of a key role: named by its ID type (match key, identifier) or by the role. */
function roleColumn(role: Exclude<Role, 'id'>, idType: string | null): ExportColumn {
  const type = ROLE_TYPES[role];
  const name = (role === 'match_key' || role === 'identifier') && idType ? idType : role;
  const value = (record: MappedRecord): JsonValue => {
    switch (role) {
      case 'match_key':
        return record.matchKey?.value ?? null;
      case 'identifier':
        return record.identifier?.value ?? null;
      case 'timestamp':
      case 'cursor':
        return record.timestamp?.iso ?? null;
      case 'update_timestamp':
        return record.updateTimestamp?.iso ?? null;
      case 'item_id':
        return record.itemId;
      case 'product_id':
        return record.productId;
      case 'group_id':
        return record.groupId;
      case 'voucher_code':
        return record.voucherCode;
      case 'is_deleted':
        return record.isDeleted;
    }
  };
  return { name, type, value };
}

function uniqueNames(columns: ExportColumn[]): ExportColumn[] {
  const seen = new Map<string, number>();
  return columns.map((column) => {
    const count = (seen.get(column.name) ?? 0) + 1;
    seen.set(column.name, count);
    return count === 1 ? column : { ...column, name: `${column.name} (${count})` };
  });
}
