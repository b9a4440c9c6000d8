import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { IntakeError } from '../../../src-shared/errors';
import { redactSecrets, rememberSecret } from '../errors/redact';
import { isSecretRef, type SecretStore } from './secret-store';

// The OS keychain through @napi-rs/keyring (keyring-rs): macOS Keychain, Windows Credential
// Manager, the Secret Service on Linux. Not keytar: its repository (atom/node-keytar) is archived,
// so it gets no fixes. Nothing outside this folder knows which library it is: callers hold a
// SecretStore, so another keychain binding can replace this file alone.

/** The keychain service name Intake's items are filed under (the account is the secret reference). */
export const KEYCHAIN_SERVICE = 'Intake';

export interface KeyringStoreOptions {
  /** Appended to the service name, so tests keep their items apart from the user's. */
  serviceSuffix?: string;
}

// On Linux keyring-rs falls back to the kernel keyring when no Secret Service answers: it lives in
// memory only, so a saved connection would silently lose its password at the next reboot. Pinning
// the Secret Service makes that a visible error instead. Other platforms ignore the option.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

// "Restart": keyring-rs keeps its first D-Bus connection, or its failure to connect, for the life
// of the process, so a Secret Service started later is not seen until then.
const UNAVAILABLE =
  'The OS keychain is unavailable or locked, so Intake cannot keep connection secrets. On Linux it needs a running Secret Service on the session D-Bus (such as gnome-keyring or KeePassXC): install and start one, unlock it, then restart Intake.';

type Operation = 'save' | 'read' | 'delete';

/** A SecretStore in the OS keychain, one item per secret reference. */
export function createKeyringStore(options: KeyringStoreOptions = {}): SecretStore {
  const service = KEYCHAIN_SERVICE + (options.serviceSuffix ?? '');
  const entry = (ref: string) => {
    // The reference is stored in the clear as the item's account: refusing anything else keeps a
    // secret passed by mistake from landing there (and from being quoted in this error).
    if (!isSecretRef(ref)) {
      throw new IntakeError('VALIDATION', 'Not a secret reference (expected "secret:<id>").');
    }
    return new AsyncEntry(service, ref, ENTRY_OPTIONS);
  };
  return {
    async set(ref, secret) {
      // Remembered before the attempt, so a driver or keychain error quoting it is redacted too.
      rememberSecret(secret);
      await keychainCall('save', secret, () => entry(ref).setPassword(secret));
    },
    async get(ref) {
      const secret = await keychainCall('read', undefined, () => entry(ref).getPassword());
      if (secret !== null) rememberSecret(secret);
      return secret;
    },
    delete: (ref) => keychainCall('delete', undefined, () => entry(ref).deleteCredential()),
  };
}

async function keychainCall<T>(
  operation: Operation,
  secret: string | undefined,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asKeychainError(operation, error, secret);
  }
}

/**
 * keyring-rs errors as coded IntakeErrors. The library's text is kept as `reason` (redacted) for
 * the log; the message says what to do. keyring-rs reports an unreachable or locked store as a
 * "Platform failure" (no D-Bus, no Secret Service) or "Couldn't access platform storage".
 */
function asKeychainError(operation: Operation, error: unknown, secret: string | undefined): unknown {
  if (error instanceof IntakeError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const details = { operation, reason: redactSecrets(text, secret === undefined ? [] : [secret]) };
  if (/platform failure|access platform storage|d-?bus|secret service/i.test(text)) {
    return new IntakeError('IO', UNAVAILABLE, details);
  }
  if (/longer than platform limit|is invalid/i.test(text)) {
    return new IntakeError('VALIDATION', `The OS keychain refused to ${operation} this secret.`, details);
  }
  if (/matched by \d+ credentials/i.test(text)) {
    return new IntakeError(
      'IO',
      `Several OS keychain items match this secret reference, so Intake cannot ${operation} it; remove the duplicates in the keychain manager.`,
      details,
    );
  }
  return new IntakeError('IO', `The OS keychain could not ${operation} the secret.`, details);
}
