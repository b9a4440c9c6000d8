import { valueOptionsFor } from '../mapping/column-check';
import type { ImportMapping } from '../model/mapping';
import { parseNumber } from '../values/number';
import { parseValue } from '../values/parse-value';
import { cellCleaner, stepsForColumn } from './cell-steps';

/** Number columns whose values all read with a decimal comma, and one of them as an example. */
export interface DecimalCommaOffer {
  columns: string[];
  example: string;
}

/**
 * The fix-all suggestion for decimal commas: offered when the import reads numbers with a dot but
 * every non-blank sampled value of a number column reads as a number with a decimal comma, and
 * some only that way ("2995,74"). Unanimous evidence only: one value that is not such a number,
 * and nothing is offered for that column.
 */
export function decimalCommaOffer(
  mapping: ImportMapping,
  rows: readonly (readonly string[])[],
): DecimalCommaOffer | null {
  if (mapping.options.decimalSeparator === ',') return null;
  const columns: string[] = [];
  let example = '';
  mapping.columns.forEach((column, index) => {
    if (column.type !== 'number' || (!column.include && !column.role)) return;
    const clean = cellCleaner(stepsForColumn(mapping.cleanup, column.source));
    const values = rows.map((row) => clean(row[index] ?? '').trim()).filter((value) => value !== '');
    if (values.length === 0) return;
    const comma = values.filter(
      (value) => !parseNumber(value).ok && parseNumber(value, { decimalSeparator: ',' }).ok,
    );
    if (comma.length === 0 || !values.every((value) => parseNumber(value, { decimalSeparator: ',' }).ok))
      return;
    columns.push(column.source);
    example ||= comma[0]!;
  });
  return columns.length > 0 ? { columns, example } : null;
}

/** A slash-date order the date columns' values prove, the columns proving it, and one such value. */
export interface DateOrderOffer {
  order: 'DMY' | 'MDY';
  columns: string[];
  example: string;
}

/**
 * The fix-all suggestion for slash dates: offered when the import's date order is not already the
 * one that every date and datetime column's sampled values allow. A value read only one way
 * ("25/12/2026" only as day/month) is evidence; one read either way ("01/02/2026", "2026-12-25")
 * is none, and one read neither way leaves its column out of the offer. Unanimous evidence only:
 * values proving the other order in any column (the setting is import-wide), and nothing is offered.
 */
export function dateOrderOffer(
  mapping: ImportMapping,
  rows: readonly (readonly string[])[],
): DateOrderOffer | null {
  const proven = new Set<'DMY' | 'MDY'>();
  const columns: string[] = [];
  let example = '';
  mapping.columns.forEach((column, index) => {
    if ((column.type !== 'date' && column.type !== 'datetime') || (!column.include && !column.role)) return;
    const clean = cellCleaner(stepsForColumn(mapping.cleanup, column.source));
    const zone = column.timeZone ?? mapping.options.timeZone;
    const reads = (value: string, dateOrder: 'DMY' | 'MDY') =>
      parseValue(column.type, value, valueOptionsFor(column.type, zone, { ...mapping.options, dateOrder }))
        .ok;
    let unread = false;
    let first = '';
    const orders = new Set<'DMY' | 'MDY'>();
    for (const row of rows) {
      const value = clean(row[index] ?? '').trim();
      if (value === '') continue;
      const dayFirst = reads(value, 'DMY');
      if (dayFirst === reads(value, 'MDY')) {
        unread ||= !dayFirst;
        continue;
      }
      orders.add(dayFirst ? 'DMY' : 'MDY');
      first ||= value;
    }
    for (const order of orders) proven.add(order);
    if (orders.size !== 1 || unread) return;
    columns.push(column.source);
    example ||= first;
  });
  if (proven.size !== 1 || columns.length === 0) return null;
  const order = [...proven][0]!;
  return order === mapping.options.dateOrder ? null : { order, columns, example };
}
