// The PII guardrail's value rules: personal values are normalised, then SHA-256 hashed, before they
// leave the machine. The same functions run in the services (push, export) and in the renderer (the
// mapping grid previews the hashes), so both must agree byte for byte: no Node APIs here.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
// The `min` metadata (~80 KB) is the smallest full-world build. It has every country's prefixes,
// national-prefix rules and possible lengths, which is all `isPossible()` and E.164 need; `max`
// (~150 KB) adds only the digit patterns behind `isValid()` and `getType()`, which we do not use.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** What a personal column holds: it decides how a value is normalised before hashing. */
export type PersonalValueKind = 'email' | 'phone' | 'other';

// Whitespace, control and invisible format characters (zero-width space, soft hyphen, direction
// marks) inside an address are copy artefacts or typos; dropping them would guess, so we refuse.
const EMAIL_FORBIDDEN = /[\s\p{Cc}\p{Cf}]/u;

/**
 * An email address in the form we hash: trimmed, lowercased, Unicode NFC; plus tags and dots kept.
 * Null when empty or clearly not an address (not exactly one `@`, an empty local part or domain,
 * an empty domain label, inner whitespace or invisible characters).
 */
export function normalizeEmail(value: string): string | null {
  // Lowercase before NFC: case mapping can leave a string outside NFC, composition cannot change case.
  // Unicode domains stay Unicode and `xn--` domains stay Punycode: other systems hash what people typed.
  const email = value.trim().toLowerCase().normalize('NFC');
  if (email === '' || EMAIL_FORBIDDEN.test(email)) return null;
  const parts = email.split('@');
  if (parts.length !== 2) return null; // a quoted local part containing `@` is refused too: rare enough
  const [local = '', domain = ''] = parts;
  if (local === '' || domain.split('.').some((label) => label === '')) return null;
  return email;
}

/**
 * A phone number in E.164 (`+420602123456`), read with `defaultCountry` (ISO 3166 alpha-2) when it
 * has no `+` or international prefix. Null unless the whole value is one number of a possible length.
 */
export function normalizePhone(value: string, defaultCountry: string): string | null {
  const country = defaultCountry.trim().toUpperCase();
  // `extract: false`: the whole cell must be the number, so "602 123 456 / 777 888 999" is refused
  // rather than silently hashed as its first number.
  const phone = parsePhoneNumberFromString(value.trim(), {
    defaultCountry: isSupportedCountry(country) ? country : undefined,
    extract: false,
  });
  // Possible (length) rather than valid (digit patterns): numbering plans change faster than we ship.
  // E.164 has no extension, so `ext. 12` is dropped: the hash identifies the line, not the desk.
  return phone?.isPossible() ? phone.number : null;
}

/** SHA-256 of the text's UTF-8 bytes as lowercase hex (lone surrogates encode as U+FFFD, as in Node). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * The hash that leaves the machine for a personal value, after normalising it by kind (other: trimmed
 * only). Null when the value is empty or cannot be normalised: it must then never be sent as it is.
 * `hashHex` may be a faster native SHA-256 with the same output (the main process passes Node's).
 */
export function hashPersonalValue(
  value: string,
  kind: PersonalValueKind,
  defaultCountry: string,
  hashHex = sha256Hex,
): string | null {
  const normalized = normalizePersonalValue(value, kind, defaultCountry);
  return normalized === null ? null : hashHex(normalized);
}

/** A personal value in the one form that is hashed (email, E.164 phone, trimmed text); null: cannot be. */
export function normalizePersonalValue(
  value: string,
  kind: PersonalValueKind,
  defaultCountry: string,
): string | null {
  switch (kind) {
    case 'email':
      return normalizeEmail(value);
    case 'phone':
      return normalizePhone(value, defaultCountry);
    case 'other': {
      const trimmed = value.trim();
      return trimmed === '' ? null : trimmed;
    }
  }
}
