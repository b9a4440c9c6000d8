import { COLUMN_TYPE_LABELS, type ColumnType } from '../model/column-type';
import type { Role } from '../model/import-type';
import type { ImportMapping } from '../model/mapping';
import { LIMITS } from '../limits';
import { CELL, type CellOutcome } from './column-check';
import { incrementalTimeField, missingTimeFieldReason } from './incremental';

/**
 * Why a row would be rejected, as rules over its cells' outcomes. The same rules drive the
 * worker's whole-dataset counts (as bitsets), the grid's highlighting and the import's rejects.
 */
export type RowRule =
  /** Rejects when none of the columns holds a usable value (several ID columns: any one will do). */
  | { kind: 'noneValid'; columns: number[]; reason: string }
  /** Rejects when the column is empty. */
  | { kind: 'empty'; column: number; reason: string }
  /** Rejects when the column's value does not parse as its type. */
  | { kind: 'invalid'; column: number; reason: string }
  /** Rejects when the column's value is over its byte limit. */
  | { kind: 'tooLong'; column: number; reason: string };

/**
 * Why a row with more or fewer fields than the header is rejected: a field missing or extra means
 * the row's values may sit in the wrong columns (a stray delimiter, a line break), so none of them
 * can be trusted. Checked before every other rule, the same in the counts and in the run.
 */
export function raggedRowReason(headerFields: number): string {
  return `The row does not have ${headerFields} fields like the header`;
}

/** Whether a mapping rejects rows with the wrong number of fields (the default) or fits them. */
export function rejectsRaggedRows(mapping: ImportMapping): boolean {
  return mapping.options.raggedRows !== 'fit';
}

/** "number", "long text", "JSON": a type's name inside a sentence. */
function typeNoun(type: ColumnType): string {
  return type === 'json' ? 'JSON' : COLUMN_TYPE_LABELS[type].toLowerCase();
}

const bytes = (limit: number) => limit.toLocaleString('en-US');

/** The rules of a mapping, most fundamental first: a row's reason is the first rule it breaks. */
export function rowRulesOf(mapping: ImportMapping): RowRule[] {
  const rules: RowRule[] = [];
  const tagged = (role: Role) =>
    mapping.columns.flatMap((column, index) => (column.role === role ? [index] : []));
  const name = (index: number) => `"${mapping.columns[index]!.source}"`;
  const ids = tagged('id');
  switch (mapping.importType) {
    case 'customers':
    case 'events':
      if (ids.length) rules.push({ kind: 'noneValid', columns: ids, reason: 'No valid customer ID' });
      break;
    case 'group':
      if (ids.length) rules.push({ kind: 'noneValid', columns: ids, reason: 'No valid user ID' });
      break;
    case 'identity':
      for (const [role, what] of [
        ['match_key', 'match key'],
        ['identifier', 'identifier'],
      ] as const) {
        const columns = tagged(role);
        if (columns.length) rules.push({ kind: 'noneValid', columns, reason: `No valid ${what}` });
      }
      break;
    default:
      break;
  }
  // An incremental import needs the time field on every row, whatever its type requires otherwise;
  // before the type's own rule, so the row is rejected with the seed's advice (dedupe keeps it).
  const timeField = incrementalTimeField(mapping);
  if (timeField) {
    rules.push({ kind: 'empty', column: timeField.index, reason: missingTimeFieldReason(timeField.source) });
  }
  const required: [Role, string][] = [
    ['timestamp', 'Missing timestamp'],
    ['item_id', 'Missing item_id'],
    ['group_id', 'Missing group_id'],
    ['cursor', 'Missing cursor (empty cursor values are refused)'],
    ['voucher_code', 'Missing voucher code'],
  ];
  for (const [role, reason] of required) {
    if (mapping.importType === 'identity' && role === 'timestamp') continue; // optional there
    for (const column of tagged(role))
      rules.push({ kind: 'empty', column, reason: `${reason} in ${name(column)}` });
  }
  const unparsable: [Role, string][] = [
    ['timestamp', 'Unparsable timestamp'],
    ['update_timestamp', 'Unparsable update timestamp'],
    ['cursor', 'Unparsable cursor'],
    ['is_deleted', 'is_deleted is not a boolean (true, false, 1 or 0)'],
  ];
  for (const [role, reason] of unparsable) {
    for (const column of tagged(role))
      rules.push({ kind: 'invalid', column, reason: `${reason} in ${name(column)}` });
  }
  mapping.columns.forEach((column, index) => {
    if (
      !column.include ||
      (column.role !== null && column.role !== 'item_id' && column.role !== 'product_id')
    )
      return;
    rules.push({
      kind: 'invalid',
      column: index,
      reason: `Malformed ${typeNoun(column.type)} in ${name(index)}`,
    });
  });
  if (mapping.importType === 'catalog') {
    mapping.columns.forEach((column, index) => {
      if (column.include || column.role === 'item_id')
        rules.push({
          kind: 'tooLong',
          column: index,
          reason: `Catalog value over ${bytes(LIMITS.catalogValueBytes)} bytes in ${name(index)}`,
        });
    });
  }
  return dedupe(rules);
}

/** A column's invalid values reject once, with the most specific reason (its role's). */
function dedupe(rules: RowRule[]): RowRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = rule.kind === 'noneValid' ? `none:${rule.columns.join(',')}` : `${rule.kind}:${rule.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const unusable = (outcome: CellOutcome) =>
  outcome === CELL.empty || outcome === CELL.invalid || outcome === CELL.tooLong;

/** Whether a row's cell outcomes (by column index; undefined = unchecked) break a rule. */
export function breaksRule(rule: RowRule, outcomes: ArrayLike<CellOutcome | undefined>): boolean {
  switch (rule.kind) {
    case 'noneValid':
      // A loop, not every() with a closure: this runs for every row of a run (issue 18).
      for (const column of rule.columns) if (!unusable(outcomes[column] ?? CELL.empty)) return false;
      return true;
    case 'empty':
      return outcomes[rule.column] === CELL.empty;
    case 'invalid':
      return outcomes[rule.column] === CELL.invalid;
    case 'tooLong':
      return outcomes[rule.column] === CELL.tooLong;
  }
}

/** The first rule a row breaks, or null when it imports. */
export function rejectionOf(rules: RowRule[], outcomes: ArrayLike<CellOutcome | undefined>): RowRule | null {
  for (const rule of rules) if (breaksRule(rule, outcomes)) return rule;
  return null;
}

/** The columns a rule looks at (to highlight the cells behind a rejection). */
export function ruleColumns(rule: RowRule): number[] {
  return rule.kind === 'noneValid' ? rule.columns : [rule.column];
}
