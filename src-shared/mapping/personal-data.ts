import type { ColumnMapping, ImportMapping } from '../model/mapping';
import type { PersonalValueKind } from '../values/pii';

/** Column names that say "email" or "phone" in the languages Intake's users write headers in. */
const EMAIL_NAME = /(^|[^a-z])(e-?mail|mail)([^a-z]|$)/i;
const PHONE_NAME = /(^|[^a-z])(phone|mobile|mobil|tel|telefon|telephone|cell|gsm|msisdn)([^a-z]|$)/i;

/**
 * What kind of personal data a column holds: the user's choice when made, else guessed from its
 * target, header or ID type (email_id, `E-mail`, `phone_number`, `telefon`…). Null: not personal.
 */
export function personalKindOf(column: ColumnMapping): PersonalValueKind | null {
  if (column.personal !== undefined) return column.personal;
  const names = [column.target, column.source, column.idType ?? ''];
  if (names.some((name) => EMAIL_NAME.test(name.replace(/_/g, ' ')))) return 'email';
  if (names.some((name) => PHONE_NAME.test(name.replace(/_/g, ' ')))) return 'phone';
  return null;
}

/** Phone numbers without a country are read as this country's unless the import names one. */
const DEFAULT_PHONE_COUNTRY = 'US';

/** The country a phone number without one is read as, for an import. */
export function phoneCountryOf(mapping: ImportMapping): string {
  return mapping.options.phoneCountry ?? DEFAULT_PHONE_COUNTRY;
}

/** A column whose values leave the machine hashed (personal, and not turned off by the user). */
export function hashesColumn(column: ColumnMapping): boolean {
  return personalKindOf(column) !== null && column.hashPersonal !== false;
}

/** The columns a push or export sends unhashed although they hold personal data (the warning). */
export function unhashedPersonalColumns(mapping: ImportMapping): string[] {
  return mapping.columns
    .filter((column) => column.include || column.role === 'id')
    .filter((column) => personalKindOf(column) !== null && column.hashPersonal === false)
    .map((column) => column.source);
}
