import { randomUUID } from 'node:crypto';

/**
 * Where secrets live, keyed by a secret reference. A connection stores only the reference, so the
 * workspace, its exports and the renderer never hold the secret itself (DESIGN.md §7).
 */
export interface SecretStore {
  /** Saves `secret` under `ref`, replacing what was there. */
  set(ref: string, secret: string): Promise<void>;
  /** The secret saved under `ref`, or null when there is none. */
  get(ref: string): Promise<string | null>;
  /** Removes the secret saved under `ref`; false when there was none. */
  delete(ref: string): Promise<boolean>;
}

const SECRET_REF_PREFIX = 'secret:';
// The prefix leaves room for another scheme later; the id part stays short and printable because
// it is stored in the clear as the keychain item's account name.
const SECRET_REF_PATTERN = /^secret:[A-Za-z0-9._-]{1,128}$/;

/** A new, unique secret reference for a connection to store instead of its secret. */
export function newSecretRef(): string {
  return `${SECRET_REF_PREFIX}${randomUUID()}`;
}

/** Whether `value` has the shape of a secret reference (`secret:<id>`). */
export function isSecretRef(value: string): boolean {
  return SECRET_REF_PATTERN.test(value);
}
