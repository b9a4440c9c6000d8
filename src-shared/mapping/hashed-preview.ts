import type { ImportMapping } from '../model/mapping';
import { normalizePersonalValue, sha256Hex, type PersonalValueKind } from '../values/pii';
import { columnCheckOf, transformCell } from './column-check';
import { hashesColumn, personalKindOf, phoneCountryOf } from './personal-data';

/** A personal-data cell as it leaves the machine: its hash, or why the row would be refused. */
export interface HashedCell {
  text: string;
  refused: boolean;
  title: string;
}

const KIND_NAMES: Record<PersonalValueKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  other: 'personal data',
};
/** Hashes remembered per preview (the visible rows' values; scrolling adds more). */
const REMEMBERED = 5_000;

/**
 * The mapping grid's preview of the PII guardrail: for each column whose values are hashed before
 * they leave the machine (included, or an ID, and not turned off), what a cell becomes — the
 * column's transforms, then the normalisation and SHA-256 the push uses — or that the row will be
 * refused because the value cannot be normalised. Null for other columns and for empty cells.
 */
export function hashedPreview(mapping: ImportMapping): (index: number, raw: string) => HashedCell | null {
  const country = phoneCountryOf(mapping);
  const hashed = mapping.columns.map((column) => {
    if (!hashesColumn(column) || !(column.include || column.role === 'id')) return null;
    const check = columnCheckOf(mapping, column);
    const kind = personalKindOf(column);
    return check && kind ? { check, kind } : null;
  });
  const remembered = new Map<string, HashedCell>();
  return (index, raw) => {
    const column = hashed[index];
    if (!column) return null;
    const value = transformCell(column.check, raw);
    if (value === '') return null;
    const key = `${index}\u0000${value}`;
    const known = remembered.get(key);
    if (known) return known;
    const normalized = normalizePersonalValue(value, column.kind, country);
    const hash = normalized === null ? null : sha256Hex(normalized);
    const cell: HashedCell =
      hash === null
        ? {
            text: `not a valid ${column.kind}`,
            refused: true,
            title: `"${value}" cannot be normalised as ${KIND_NAMES[column.kind]}: the row is rejected when pushed or exported, never sent as it is.`,
          }
        : { text: hash, refused: false, title: `${normalized} → SHA-256 ${hash}` };
    if (remembered.size >= REMEMBERED) remembered.clear();
    remembered.set(key, cell);
    return cell;
  };
}
