import type { ImportMapping } from '../model/mapping';
import { parseNumber } from '../values/number';
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
