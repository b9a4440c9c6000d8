import { IntakeError } from '../../../../src-shared/errors';
import type { MappedId, MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import type { ColumnType } from '../../../../src-shared/model/column-type';
import type { ImportType, Role } from '../../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import { EventPreparer } from '../workspace/prepared-events';
import { attributesText, eventDedupKey, sortedPlainAttributes } from '../workspace/event-dedup-key';
import { requiredName } from '../workspace/required-name';
import { rejectOf, roleColumn } from '../workspace/row-reject';
import { copyField, holdsNul, valueText } from './copy-rows';
import { kindOf, type SqlKind } from './sql-columns';

/** A column of a destination table that is not an attribute: a key, or what its import type keeps. */
export interface FixedColumn {
  name: string;
  kind: SqlKind;
  /** Part of the table's unique key (NOT NULL). */
  key?: boolean;
  /** The role whose column holds this value: an attribute of this name from that column is this one. */
  role?: Role;
}

/** An attribute: an included column or a static column of the mapping. */
export interface AttributeColumn {
  name: string;
  type: ColumnType;
  kind: SqlKind;
}

/** The columns Intake adds to every table: the run that last changed a row, and when. */
export const BOOKKEEPING: readonly FixedColumn[] = [
  { name: '_intake_run_id', kind: 'text' },
  { name: '_intake_loaded_at', kind: 'datetime' },
];

/**
 * One import type's table: its name, its columns, and how a record becomes a staged row. Staged
 * rows carry their row number, then `fixed`, `stagedOnly` and `attributes` in that order.
 */
export interface TableShape {
  importType: ImportType;
  table: string;
  /** Keys first. */
  fixed: FixedColumn[];
  /** Staged but not kept (a group row's is_deleted decides, and is gone). */
  stagedOnly: FixedColumn[];
  attributes: AttributeColumn[];
  /** A record as one line of COPY text, or null when the table cannot take it (the reject pushed). */
  line(record: MappedRecord, rejects: RowReject[]): string | null;
}

type Fields = (string | null)[];

/** What a type's shape says: its name, columns, and a record's fixed fields (or a reject). */
interface ShapeDefinition {
  table: string;
  fixed: FixedColumn[];
  stagedOnly?: FixedColumn[];
  /** Identity, group and vouchers keep no attributes, as the platforms' do not. */
  attributes: boolean;
  fields(record: MappedRecord, rejects: RowReject[]): Fields | null;
}

/**
 * The table of a mapping's import type (DESIGN §4), in the destination's schema:
 * - `customers`: keyed by the row's first hard ID, else its first ID (customer_id_type,
 *   customer_id); `ids` holds every ID the customer's rows carried ({type: value}, the last value
 *   of a type wins); `update_timestamp` the row's update time when the mapping has one.
 * - `events_<event type>`: one table per event type, so each type's attributes keep their own
 *   types (a `price` may be text in one type and a number in another), as warehouse exports of
 *   the platforms (and Segment's per-event tables) do. Keyed by (customer, timestamp, dedup key).
 * - `catalog_<catalog name>` keyed by item_id; `vouchers_<pool>` keyed by code: one per name, as
 *   the platforms keep them.
 * - `identity_links` and `group_memberships`: one each, keyed by their IDs.
 * The prefixes keep each type's tables together in a schema and apart from one another.
 */
export function shapeOf(mapping: ImportMapping, hardIdTypes: ReadonlySet<string>): TableShape {
  const definition = definitionOf(mapping, hardIdTypes);
  const stagedOnly = definition.stagedOnly ?? [];
  const attributes = definition.attributes ? attributesOf(mapping, [...definition.fixed, ...stagedOnly]) : [];
  const slots = new Map(attributes.map((attribute, index) => [attribute.name, index]));
  const sources = attributeSources(mapping);
  const fixedWidth = definition.fixed.length + stagedOnly.length;
  return {
    importType: mapping.importType,
    table: definition.table,
    fixed: definition.fixed,
    stagedOnly,
    attributes,
    line(record, rejects) {
      const fields = definition.fields(record, rejects);
      if (fields === null) return null;
      if (fields.some((text) => text !== null && text.includes('\0'))) {
        rejects.push(rejectOf(record, null, '', NUL_REASON));
        return null;
      }
      for (let i = 0; i < attributes.length; i++) fields.push(null);
      for (const { name, type, value } of record.attributes) {
        const slot = slots.get(name);
        if (slot === undefined) continue;
        const text = valueText(type, value);
        if (text !== null && holdsNul(type, text)) {
          rejects.push(rejectOf(record, sources.get(name) ?? name, text.replaceAll('\0', '\\0'), NUL_REASON));
          return null;
        }
        fields[fixedWidth + slot] = text;
      }
      let line = String(record.rowNumber);
      for (const text of fields) line += `\t${copyField(text)}`;
      return `${line}\n`;
    },
  };
}

const NUL_REASON = 'PostgreSQL cannot store the NUL character (U+0000) in text';

function definitionOf(mapping: ImportMapping, hardIdTypes: ReadonlySet<string>): ShapeDefinition {
  const reject = (record: MappedRecord, rejects: RowReject[], role: Role, reason: string) => {
    rejects.push(rejectOf(record, roleColumn(mapping, role), '', reason));
    return null;
  };
  switch (mapping.importType) {
    case 'customers':
      return {
        table: 'customers',
        fixed: [
          { name: 'customer_id_type', kind: 'text', key: true },
          { name: 'customer_id', kind: 'text', key: true },
          { name: 'ids', kind: 'json' },
          { name: 'update_timestamp', kind: 'datetime', role: 'update_timestamp' },
        ],
        attributes: true,
        fields(record, rejects) {
          const key = customerKey(record.ids, hardIdTypes);
          if (!key) return reject(record, rejects, 'id', 'No valid customer ID');
          return [key.idType, key.value, idsJson(record.ids), record.updateTimestamp?.iso ?? null];
        },
      };
    case 'events': {
      const preparer = new EventPreparer(mapping);
      return {
        table: `events_${preparer.eventType}`,
        fixed: [
          { name: 'customer_id_type', kind: 'text', key: true },
          { name: 'customer_id', kind: 'text', key: true },
          { name: 'timestamp', kind: 'datetime', key: true, role: 'timestamp' },
          { name: 'dedup_key', kind: 'bigint', key: true },
          { name: 'ids', kind: 'json' },
        ],
        attributes: true,
        fields(record, rejects) {
          // The workspace's own preparation for the same rejects; the key hashes the attributes'
          // texts as pushes do ({name: value} sorted by name; a table's primary key here, where the
          // workspace compares its own texts), unchanged since the first PostgreSQL tables.
          if (preparer.prepare(record, rejects) === null) return null;
          const dedupKey = eventDedupKey(
            preparer.eventType,
            record.timestamp!.iso,
            attributesText(sortedPlainAttributes(record.attributes)),
          );
          const key = customerKey(record.ids, hardIdTypes)!;
          return [key.idType, key.value, record.timestamp!.iso, String(dedupKey), idsJson(record.ids)];
        },
      };
    }
    case 'catalog':
      return {
        table: `catalog_${requiredName(mapping.options.catalogName, 'catalog name')}`,
        fixed: [
          { name: 'item_id', kind: 'text', key: true, role: 'item_id' },
          { name: 'product_id', kind: 'text', role: 'product_id' },
        ],
        attributes: true,
        fields(record, rejects) {
          if (record.itemId === null) return reject(record, rejects, 'item_id', 'Missing item_id');
          return [record.itemId, record.productId];
        },
      };
    case 'identity':
      return {
        table: 'identity_links',
        fixed: [
          { name: 'match_type', kind: 'text', key: true },
          { name: 'match_value', kind: 'text', key: true },
          { name: 'id_type', kind: 'text', key: true },
          { name: 'id_value', kind: 'text', key: true },
          { name: 'timestamp', kind: 'datetime', role: 'timestamp' },
        ],
        attributes: false,
        fields(record, rejects) {
          const { matchKey, identifier } = record;
          if (!matchKey) return reject(record, rejects, 'match_key', 'No valid match key');
          if (!identifier) return reject(record, rejects, 'identifier', 'No valid identifier');
          return [
            matchKey.idType,
            matchKey.value,
            identifier.idType,
            identifier.value,
            record.timestamp?.iso ?? null,
          ];
        },
      };
    case 'group':
      return {
        table: 'group_memberships',
        fixed: [
          { name: 'group_id', kind: 'text', key: true, role: 'group_id' },
          { name: 'user_id_type', kind: 'text', key: true },
          { name: 'user_id', kind: 'text', key: true },
          { name: 'cursor', kind: 'datetime', role: 'cursor' },
        ],
        stagedOnly: [{ name: 'is_deleted', kind: 'boolean' }],
        attributes: false,
        fields(record, rejects) {
          // Groups pair raw user IDs: the row's first one, as in the workspace.
          const user = record.ids[0];
          if (!user) return reject(record, rejects, 'id', 'No valid user ID');
          if (record.groupId === null) return reject(record, rejects, 'group_id', 'Missing group_id');
          const deleted = record.isDeleted === true;
          if (!deleted && !record.timestamp) return reject(record, rejects, 'cursor', 'Missing cursor');
          return [
            record.groupId,
            user.idType,
            user.value,
            record.timestamp?.iso ?? null,
            deleted ? 't' : 'f',
          ];
        },
      };
    case 'vouchers':
      return {
        table: `vouchers_${requiredName(mapping.options.poolName, 'voucher pool name')}`,
        fixed: [{ name: 'code', kind: 'text', key: true, role: 'voucher_code' }],
        attributes: false,
        fields(record, rejects) {
          if (record.voucherCode === null)
            return reject(record, rejects, 'voucher_code', 'Missing voucher code');
          return [record.voucherCode];
        },
      };
  }
}

/**
 * The ID a customer is keyed by: the row's first hard ID (hard IDs identify for sure), else its
 * first ID, in column order; null for a row without one.
 */
export function customerKey(ids: readonly MappedId[], hardIdTypes: ReadonlySet<string>): MappedId | null {
  return ids.find((id) => hardIdTypes.has(id.idType)) ?? ids[0] ?? null;
}

/** A row's IDs as {type: value}; a later column of a type wins over an earlier one. */
function idsJson(ids: readonly MappedId[]): string {
  const object: Record<string, string> = {};
  for (const { idType, value } of ids) object[idType] = value;
  return JSON.stringify(object);
}

/**
 * The mapping's attributes: included columns under their target names, then static columns. An
 * attribute named like a fixed column is that column when it comes from the column with its role
 * (a catalog's item_id, included by default); any other is refused, as are Intake's own columns.
 */
function attributesOf(mapping: ImportMapping, fixed: readonly FixedColumn[]): AttributeColumn[] {
  const taken = new Map([...fixed, ...BOOKKEEPING].map((column) => [column.name, column]));
  const attributes: AttributeColumn[] = [];
  const add = (name: string, type: ColumnType, role: Role | null) => {
    const column = taken.get(name);
    if (column?.role && column.role === role) return;
    if (column) {
      throw new IntakeError(
        'VALIDATION',
        `The attribute "${name}" has the name of a column the ${mapping.importType} table keeps for itself; rename it in the mapping.`,
        { attribute: name },
      );
    }
    attributes.push({ name, type, kind: kindOf(type) });
  };
  for (const column of mapping.columns)
    if (column.include) add(column.target.trim(), column.type, column.role);
  for (const column of mapping.statics) add(column.name.trim(), column.type, null);
  return attributes;
}

/** Each attribute's source column (or static column), for a reject's column. */
function attributeSources(mapping: ImportMapping): Map<string, string> {
  const sources = new Map<string, string>();
  for (const column of mapping.columns) if (column.include) sources.set(column.target.trim(), column.source);
  return sources;
}
