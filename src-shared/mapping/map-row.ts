import type { ColumnType } from '../model/column-type';
import type { ImportMapping } from '../model/mapping';
import type { TimeValue } from '../values/civil-time';
import type { ParsedValue } from '../values/parse-value';
import {
  CELL,
  checkCell,
  columnCheckOf,
  transformCell,
  type CellOutcome,
  type NumericSink,
} from './column-check';
import {
  raggedRowReason,
  rejectionOf,
  rejectsRaggedRows,
  ruleColumns,
  rowRulesOf,
  type RowRule,
} from './row-rules';
import { applyEdits, editsByRow } from '../cleanup/cell-steps';
import { staticValues } from './static-placeholders';
import { rowPreparation } from '../cleanup/prepared-rows';
import type { FillCarry } from '../model/cleanup';

/** An ID of a row, with its ID type (from a column tagged ID, match key or identifier). */
export interface MappedId {
  idType: string;
  value: string;
}

/** An attribute value of a row: an imported column or a static column; null is a blank. */
export interface MappedValue {
  name: string;
  type: ColumnType;
  value: ParsedValue | null;
}

/** One source row as the import type sees it: its IDs and keys, its times, its attributes. */
export interface MappedRecord {
  rowNumber: number;
  /** Usable customer (or group member) IDs, in column order; over-long or empty ones are left out. */
  ids: MappedId[];
  matchKey: MappedId | null;
  identifier: MappedId | null;
  /** The event's timestamp, an identity link's timestamp, or a group membership's cursor. */
  timestamp: TimeValue | null;
  updateTimestamp: TimeValue | null;
  itemId: string | null;
  productId: string | null;
  groupId: string | null;
  voucherCode: string | null;
  isDeleted: boolean | null;
  attributes: MappedValue[];
}

/** Why a row was not imported: the row, the column and value behind it, and the reason. */
export interface RowReject {
  rowNumber: number;
  column: string | null;
  value: string;
  reason: string;
  /** The whole row as the file has it, so the rejects can be fixed and imported again. */
  cells?: readonly string[];
}

export type RowOutcome = { ok: true; record: MappedRecord } | { ok: false; reject: RowReject };

/** Maps rows read in file order: a fill-down step carries values from a row to the blanks below. */
export interface RowMapper {
  (cells: readonly string[], rowNumber: number): RowOutcome;
  /** A row that is not mapped (a duplicate a dedupe step removes) still passes its values down. */
  skip(cells: readonly string[], rowNumber: number): void;
}

export interface RowMapperOptions {
  /** Map only what decides whether the row imports and its IDs: no attributes, no statics. */
  idsOnly?: boolean;
  /**
   * The caller already knows which rows are rejected (the validation's bitsets) and passes only the
   * others: no rule is checked, and with idsOnly only the ID columns are read.
   */
  rejectionsKnown?: boolean;
  /**
   * The fill-down carry-in of the first row given, when it is not the file's first (a row read
   * alone from the middle of the file; see fill-carries.ts).
   */
  fill?: FillCarry | null;
}

/** The columns a row's rules read and its ID columns. */
function neededForIds(mapping: ImportMapping, rules: readonly RowRule[]): Set<number> {
  const needed = new Set(rules.flatMap(ruleColumns));
  mapping.columns.forEach((column, index) => {
    if (column.role === 'id' || column.role === 'match_key' || column.role === 'identifier')
      needed.add(index);
  });
  return needed;
}

/**
 * Turns raw rows into records with the same checks and rules the mapping step showed, so a run
 * rejects exactly the rows the summary counted, for the reasons it gave. One mapper per pass over
 * the rows in file order, every row given to it or to its `skip` (fill-down reads the rows above).
 */
export function createRowMapper(mapping: ImportMapping, options: RowMapperOptions = {}): RowMapper {
  const rules = options.rejectionsKnown ? [] : rowRulesOf(mapping);
  // With idsOnly, the columns no rule reads and no ID is in are never checked: the row is rejected
  // exactly as a run rejects it, at the cost of its few deciding columns (the identity preview).
  const needed = options.idsOnly ? neededForIds(mapping, rules) : null;
  const checks = mapping.columns.map((column, index) =>
    needed && !needed.has(index) ? null : columnCheckOf(mapping, column),
  );
  const statics = options.idsOnly ? [] : staticValues(mapping);
  const outcomes: (CellOutcome | undefined)[] = new Array(checks.length);
  const values: (ParsedValue | null)[] = new Array(checks.length).fill(null);
  const sink: NumericSink = { numeric: null, value: null };
  // Per column, once: what a row's loop needs (the trimmed target, the role), not the whole mapping.
  const plan = mapping.columns.map((column, index) => ({
    index,
    check: checks[index] ?? null,
    role: column.role,
    idType: column.idType,
    include: column.include && !options.idsOnly,
    name: column.target.trim(),
    type: column.type,
  }));
  // Split and merge steps add columns after the file's: a row is as wide as the file's header.
  const names = mapping.columns.map((column) => column.source);
  const preparation = rowPreparation(names, mapping.cleanup);
  const prepare = preparation.start(options.fill ?? undefined);
  const width = preparation.shape?.sourceWidth ?? mapping.columns.length;
  const ragged = rejectsRaggedRows(mapping) && !options.rejectionsKnown ? raggedRowReason(width) : null;
  // Every column's: a split, merge or fill-down reads cells of columns that are not imported.
  const edits = editsByRow(names, mapping.cleanup);
  const productIdFromItemId =
    mapping.importType === 'catalog' &&
    mapping.options.catalogKind === 'product' &&
    mapping.options.productIdFromItemId === true;
  const map = (raw: readonly string[], rowNumber: number): RowOutcome => {
    // Hand edits first, on the cells as the file has them; an edit whose old value is gone is not applied.
    const edited = edits.size === 0 ? raw : applyEdits(raw, edits.get(rowNumber));
    // Blanks filled from the rows above, added columns made: before the field count is checked,
    // so a rejected row passes its values down as validation reads it.
    const cells = prepare(edited);
    // A missing or extra field shifts values into the wrong columns: the row is not read at all.
    // In 'fit' mode missing cells read as blanks (below) and extra ones are never read.
    if (ragged !== null && edited.length !== width) {
      return {
        ok: false,
        reject: { rowNumber, column: null, value: `${edited.length} fields`, reason: ragged, cells: raw },
      };
    }
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i];
      sink.value = null;
      outcomes[i] = check ? checkCell(check, cells[i] ?? '', sink) : undefined;
      values[i] = sink.value ?? null;
    }
    const broken = rejectionOf(rules, outcomes);
    if (broken) {
      const column = ruleColumns(broken)[0]!;
      return {
        ok: false,
        reject: {
          rowNumber,
          column: mapping.columns[column]?.source ?? null,
          value: cells[column] ?? '',
          reason: broken.reason,
          cells: raw,
        },
      };
    }
    const record: MappedRecord = {
      rowNumber,
      ids: [],
      matchKey: null,
      identifier: null,
      timestamp: null,
      updateTimestamp: null,
      itemId: null,
      productId: null,
      groupId: null,
      voucherCode: null,
      isDeleted: null,
      attributes: [],
    };
    for (const column of plan) {
      const { check, index: i } = column;
      if (!check) continue;
      const usable = outcomes[i] === CELL.ok || outcomes[i] === CELL.warning;
      const text = usable ? transformCell(check, cells[i] ?? '') : '';
      const value = usable ? values[i]! : null;
      switch (column.role) {
        case 'id':
          if (usable && column.idType) record.ids.push({ idType: column.idType, value: text });
          break;
        case 'match_key':
          if (usable && column.idType) record.matchKey = { idType: column.idType, value: text };
          break;
        case 'identifier':
          if (usable && column.idType) record.identifier = { idType: column.idType, value: text };
          break;
        case 'timestamp':
        case 'cursor':
          record.timestamp = value as TimeValue | null;
          break;
        case 'update_timestamp':
          record.updateTimestamp = value as TimeValue | null;
          break;
        case 'item_id':
          record.itemId = usable ? text : null;
          break;
        case 'product_id':
          record.productId = usable ? text : null;
          break;
        case 'group_id':
          record.groupId = usable ? text : null;
          break;
        case 'voucher_code':
          record.voucherCode = usable ? text : null;
          break;
        case 'is_deleted':
          record.isDeleted = value as boolean | null;
          break;
        default:
          break;
      }
      if (column.include) record.attributes.push({ name: column.name, type: column.type, value });
    }
    for (const value of statics) record.attributes.push(value);
    // A product catalog whose feed has one ID column per product: the item_id is the product_id too.
    if (productIdFromItemId && record.productId === null) record.productId = record.itemId;
    return { ok: true, record };
  };
  const skip = (raw: readonly string[], rowNumber: number): void => {
    if (preparation.fills) prepare(edits.size === 0 ? raw : applyEdits(raw, edits.get(rowNumber)));
  };
  return Object.assign(map, { skip });
}
