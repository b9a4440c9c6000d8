import type { ColumnType } from '../model/column-type';
import { ID_TYPED_ROLES, TRIMMED_ROLES } from '../model/import-type';
import type { ColumnMapping, ImportMapping } from '../model/mapping';
import { addedColumns, type CellStep } from '../model/cleanup';
import { cellCleaner, editsForColumn, stepsForColumn } from '../cleanup/cell-steps';
import { LIMITS } from '../limits';
import { parseValue, type ParsedValue } from '../values/parse-value';
import { repairMojibake } from '../values/mojibake';
import { parseDateRemembered } from './recent-dates';
import { utf8ByteLength } from '../values/text';
import type { ValueOptions } from '../values/value-options';

/** How one column's cells are checked: its type and value options, its transforms and its size limit. */
export interface ColumnCheck {
  type: ColumnType;
  options: ValueOptions;
  trim: boolean;
  lowercase: boolean;
  /** Repair mojibake first (the user accepted the doctor's offer). */
  repairMojibake: boolean;
  /** UTF-8 bytes a value may have (IDs 256, catalog values 28,672), or null. */
  maxBytes: number | null;
  /** Catalog item_id: warn about `/`, which breaks the catalog API's item URLs. */
  warnSlash: boolean;
  /** The column's cleanup steps, in order, applied before the transforms above. */
  steps: CellStep[];
  /** The column's hand edits, [row number, old value, new value]: applied to the row as it is read. */
  edits: [number, string, string][];
  /**
   * For a column a split or merge adds: the step and its source columns' steps, so the column's
   * kept result is dropped when how its values are made changes. Absent for the file's columns.
   */
  derivation?: string;
}

/** A cell's outcome, as a small number so a million rows cost no allocations. */
export const CELL = { ok: 0, empty: 1, invalid: 2, tooLong: 3, warning: 4 } as const;
export type CellOutcome = (typeof CELL)[keyof typeof CELL];

/**
 * The check of a mapped column, or null when the column is neither imported nor tagged with a role
 * (dropped columns are not validated: their values go nowhere).
 */
export function columnCheckOf(mapping: ImportMapping, column: ColumnMapping): ColumnCheck | null {
  if (!column.include && !column.role) return null;
  const isId = column.role !== null && ID_TYPED_ROLES.includes(column.role);
  const { options } = mapping;
  return {
    type: column.type,
    options: valueOptionsFor(column.type, column.timeZone ?? options.timeZone, options),
    trim: (column.role !== null && TRIMMED_ROLES.includes(column.role)) || column.trim,
    lowercase: column.lowercase,
    repairMojibake: column.repairMojibake === true,
    maxBytes: isId
      ? LIMITS.customerIdBytes
      : mapping.importType === 'catalog'
        ? LIMITS.catalogValueBytes
        : null,
    warnSlash: column.role === 'item_id',
    steps: stepsForColumn(mapping.cleanup, column.source),
    edits: editsForColumn(mapping.cleanup, column.source),
    ...derivationOf(mapping, column.source),
  };
}

/** What makes an added column's values (see ColumnCheck.derivation), or nothing for a file's column. */
function derivationOf(mapping: ImportMapping, name: string): { derivation?: string } {
  const step = (mapping.cleanup ?? []).find((candidate) => addedColumns(candidate).includes(name));
  if (!step || (step.kind !== 'split' && step.kind !== 'merge')) return {};
  const sources = step.kind === 'split' ? [step.column] : step.columns;
  return {
    derivation: JSON.stringify([
      step,
      // The sources' hand edits too: an edited source cell changes the cells made from it.
      ...sources.map((source) => [
        source,
        stepsForColumn(mapping.cleanup, source),
        editsForColumn(mapping.cleanup, source),
      ]),
    ]),
  };
}

/**
 * The value options a type reads, and only those: a text column's check (and its kept result) must
 * not change when the import's time zone or decimal mark does.
 */
export function valueOptionsFor(
  type: ColumnType,
  timeZone: string,
  options: ImportMapping['options'],
): ValueOptions {
  switch (type) {
    case 'number':
      return { decimalSeparator: options.decimalSeparator };
    case 'date':
      return { timeZone, ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) };
    case 'datetime':
      return {
        timeZone,
        ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
        convertMilliseconds: options.convertMilliseconds,
      };
    default:
      return {};
  }
}

/** A stable key of everything a check depends on: unchanged keys reuse earlier results. */
export function checkKey(index: number, check: ColumnCheck): string {
  return JSON.stringify([index, check]);
}

/**
 * Applies a column's cleanup steps and transforms to a raw cell (steps, then mojibake repaired,
 * then trim, then lowercase). Hand edits are applied to the row before (see cell-steps.ts).
 */
export function transformCell(check: ColumnCheck, raw: string): string {
  const cleaned = check.steps.length === 0 ? raw : cellCleaner(check.steps)(raw);
  const text = check.repairMojibake ? (repairMojibake(cleaned) ?? cleaned) : cleaned;
  let value = check.trim ? text.trim() : text;
  if (check.lowercase) value = value.toLowerCase();
  return value;
}

/**
 * Receives the number behind a valid cell (numbers, and dates' epoch seconds) for profiles'
 * histograms, and the parsed value itself for runs (so a cell is parsed once, not checked then parsed).
 */
export interface NumericSink {
  numeric: number | null;
  value?: ParsedValue | null;
}

/** Checks one cell without allocating; `describeCell` tells why when it is not ok. */
export function checkCell(check: ColumnCheck, raw: string, sink?: NumericSink): CellOutcome {
  const value = transformCell(check, raw);
  if (value === '') return CELL.empty;
  if (
    check.maxBytes !== null &&
    value.length * 3 > check.maxBytes &&
    utf8ByteLength(value) > check.maxBytes
  ) {
    return CELL.tooLong;
  }
  const result =
    check.type === 'date'
      ? parseDateRemembered(check, value, check.options)
      : parseValue(check.type, value, check.options);
  if (!result.ok) return CELL.invalid;
  if (result.value === null) return CELL.empty;
  if (sink) {
    sink.numeric = numericOf(result.value);
    sink.value = result.value;
  }
  if (check.warnSlash && value.includes('/')) return CELL.warning;
  return CELL.ok;
}

/** What a cell becomes, or why it cannot: the detail behind checkCell, for tooltips, examples and rejects. */
export function describeCell(
  check: ColumnCheck,
  raw: string,
): { outcome: CellOutcome; value: ParsedValue | null; message: string | null } {
  const outcome = checkCell(check, raw);
  const value = transformCell(check, raw);
  switch (outcome) {
    case CELL.empty:
      return { outcome, value: null, message: 'empty' };
    case CELL.tooLong:
      return {
        outcome,
        value: null,
        message: `${utf8ByteLength(value).toLocaleString('en-US')} bytes; at most ${check.maxBytes!.toLocaleString('en-US')} are allowed`,
      };
    case CELL.invalid: {
      const result = parseValue(check.type, value, check.options);
      return { outcome, value: null, message: result.ok ? null : result.reason };
    }
    default: {
      const result = parseValue(check.type, value, check.options);
      return {
        outcome,
        value: result.ok ? result.value : null,
        message:
          outcome === CELL.warning ? 'contains "/", which breaks catalog API edits of this item' : null,
      };
    }
  }
}

function numericOf(value: ParsedValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && 'epochSeconds' in value && typeof value.epochSeconds === 'number') {
    return value.epochSeconds;
  }
  return null;
}
