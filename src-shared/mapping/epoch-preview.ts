import type { ImportMapping } from '../model/mapping';
import { parseValue } from '../values/parse-value';
import { columnCheckOf, transformCell } from './column-check';

/** A whole number of 9–13 digits (seconds or milliseconds since 1970), with a fraction or not. */
const EPOCH = /^-?\d{9,13}(\.\d+)?$/;

/**
 * The mapping grid's reading of UNIX timestamps: a cell of a datetime column that holds epoch
 * seconds (or milliseconds) shows the moment it becomes beside it — "1717200000 → 2024-06-01
 * 00:00:00 UTC" — since the number alone says nothing to a reader. Null for other cells.
 */
export function epochPreview(mapping: ImportMapping): (index: number, raw: string) => string | null {
  const checks = mapping.columns.map((column) =>
    column.type === 'datetime' ? columnCheckOf(mapping, { ...column, include: true }) : null,
  );
  return (index, raw) => {
    const check = checks[index];
    if (!check) return null;
    const value = transformCell(check, raw).trim();
    if (!EPOCH.test(value)) return null;
    const parsed = parseValue('datetime', value, check.options);
    if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || !('iso' in parsed.value))
      return null;
    const iso = String(parsed.value.iso);
    return `${value} → ${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  };
}
