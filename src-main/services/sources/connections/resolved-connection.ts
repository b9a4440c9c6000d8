import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../../src-shared/errors';
import type { ConnectionKind, ConnectionSettings } from '../../../../src-shared/model/connection';
import type { SourceSpec } from '../../../../src-shared/model/source';
import type { SecretStore } from '../../secrets/secret-store';
import { connectionSecret, getConnection } from './connection-repository';

/**
 * A connection as a connector uses it: its settings and its secret, read from the keychain in
 * main just before a read. It crosses to the worker thread that reads (in process memory, never
 * stored, logged or sent to the renderer).
 */
export interface ResolvedConnection {
  id: string;
  name: string;
  settings: ConnectionSettings;
  secret: string | null;
}

/** A resolved connection's settings of one kind, or a VALIDATION error naming both kinds. */
export function settingsOf<K extends ConnectionKind>(
  connection: ResolvedConnection | null | undefined,
  kinds: readonly K[],
  what: string,
): Extract<ConnectionSettings, { kind: K }> {
  if (!connection) throw new IntakeError('VALIDATION', `${what} needs a connection.`);
  if (!(kinds as readonly string[]).includes(connection.settings.kind)) {
    throw new IntakeError(
      'VALIDATION',
      `"${connection.name}" is a ${connection.settings.kind} connection; ${what} needs ${kinds.join(' or ')}.`,
      { connection: connection.name },
    );
  }
  return connection.settings as Extract<ConnectionSettings, { kind: K }>;
}

/** Reads a connection and its secret for a read. */
export async function resolveConnection(
  db: Database,
  secrets: SecretStore,
  id: string,
): Promise<ResolvedConnection> {
  const connection = getConnection(db, id);
  return {
    id,
    name: connection.name,
    settings: connection.settings,
    secret: await connectionSecret(db, secrets, id),
  };
}

/** The connection a spec reads through, resolved; null for sources without one. */
export function connectionOfSpec(
  db: Database,
  secrets: SecretStore,
  spec: SourceSpec,
): Promise<ResolvedConnection | null> {
  const id = 'connectionId' in spec ? spec.connectionId : null;
  return id ? resolveConnection(db, secrets, id) : Promise.resolve(null);
}
