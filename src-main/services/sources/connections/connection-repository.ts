import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../../src-shared/errors';
import type {
  ConnectionSettings,
  ConnectionSummary,
  ConnectionTest,
} from '../../../../src-shared/model/connection';
import { newSecretRef, type SecretStore } from '../../secrets/secret-store';

interface ConnectionRow {
  id: string;
  name: string;
  kind: ConnectionSettings['kind'];
  settings: string;
  secret_ref: string | null;
  last_test: string | null;
  created_at: string;
  updated_at: string;
}

/** What creating a connection takes: its name, settings and, once, its secret. */
export interface NewConnection {
  name: string;
  settings: ConnectionSettings;
  secret?: string | undefined;
}

function toSummary(row: ConnectionRow): ConnectionSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    settings: JSON.parse(row.settings) as ConnectionSettings,
    hasSecret: row.secret_ref !== null,
    lastTest: row.last_test ? (JSON.parse(row.last_test) as ConnectionTest) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function rowOf(db: Database, id: string): ConnectionRow {
  const row = db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No connection with id ${id}.`, { connectionId: id });
  return row;
}

function refuseTakenName(db: Database, name: string, except: string | null): void {
  const taken = db.prepare('SELECT id FROM connections WHERE name = ? AND id IS NOT ?').get(name, except);
  if (taken) {
    throw new IntakeError('VALIDATION', `A connection named "${name}" already exists; choose another name.`, {
      field: 'name',
    });
  }
}

/**
 * Saves a connection: its secret goes to the keychain first, under a new reference, and only the
 * reference is written to the workspace. If the row cannot be written, the secret is removed again.
 */
export async function createConnection(
  db: Database,
  secrets: SecretStore,
  connection: NewConnection,
): Promise<ConnectionSummary> {
  refuseTakenName(db, connection.name, null);
  const secretRef = connection.secret === undefined ? null : newSecretRef();
  if (secretRef !== null) await secrets.set(secretRef, connection.secret!);
  const now = new Date().toISOString();
  const id = randomUUID();
  try {
    db.prepare(
      `INSERT INTO connections (id, name, kind, settings, secret_ref, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      connection.name,
      connection.settings.kind,
      JSON.stringify(connection.settings),
      secretRef,
      now,
      now,
    );
  } catch (error) {
    if (secretRef !== null) await secrets.delete(secretRef).catch(() => false);
    throw error;
  }
  return getConnection(db, id);
}

/** Every connection, by name. */
export function listConnections(db: Database): ConnectionSummary[] {
  return (db.prepare('SELECT * FROM connections ORDER BY name').all() as ConnectionRow[]).map(toSummary);
}

/** A connection by id, or NOT_FOUND naming it. */
export function getConnection(db: Database, id: string): ConnectionSummary {
  return toSummary(rowOf(db, id));
}

/** A connection by its name (any case), or NOT_FOUND listing the names that exist. */
export function connectionNamed(db: Database, name: string): ConnectionSummary {
  const row = db.prepare('SELECT * FROM connections WHERE name = ?').get(name) as ConnectionRow | undefined;
  if (row) return toSummary(row);
  const names = listConnections(db).map((connection) => connection.name);
  throw new IntakeError(
    'NOT_FOUND',
    `No connection named "${name}"${names.length ? ` (there are: ${names.join(', ')})` : ' (there are none yet)'}.`,
    { connection: name },
  );
}

/** Renames a connection or changes its settings; its kind stays what it was created as. */
export function updateConnection(
  db: Database,
  id: string,
  change: { name?: string | undefined; settings?: ConnectionSettings | undefined },
): ConnectionSummary {
  const row = rowOf(db, id);
  if (change.settings && change.settings.kind !== row.kind) {
    throw new IntakeError(
      'VALIDATION',
      `"${row.name}" is a ${row.kind} connection; its kind cannot become ${change.settings.kind}. Create a new connection instead.`,
      { field: 'kind' },
    );
  }
  if (change.name !== undefined) refuseTakenName(db, change.name, id);
  db.prepare('UPDATE connections SET name = ?, settings = ?, updated_at = ? WHERE id = ?').run(
    change.name ?? row.name,
    change.settings ? JSON.stringify(change.settings) : row.settings,
    new Date().toISOString(),
    id,
  );
  return getConnection(db, id);
}

/** Replaces a connection's secret in the keychain (the only way to change one: it is never shown). */
export async function replaceSecret(
  db: Database,
  secrets: SecretStore,
  id: string,
  secret: string,
): Promise<ConnectionSummary> {
  const row = rowOf(db, id);
  const secretRef = row.secret_ref ?? newSecretRef();
  await secrets.set(secretRef, secret);
  db.prepare('UPDATE connections SET secret_ref = ?, updated_at = ? WHERE id = ?').run(
    secretRef,
    new Date().toISOString(),
    id,
  );
  return getConnection(db, id);
}

/** A copy of a connection under a free name ("… (copy)", "… (copy 2)"), with a copy of its secret. */
export async function duplicateConnection(
  db: Database,
  secrets: SecretStore,
  id: string,
): Promise<ConnectionSummary> {
  const original = getConnection(db, id);
  let name = `${original.name} (copy)`;
  for (let n = 2; db.prepare('SELECT 1 FROM connections WHERE name = ?').get(name); n++) {
    name = `${original.name} (copy ${n})`;
  }
  const secret = await connectionSecret(db, secrets, id);
  return createConnection(db, secrets, {
    name,
    settings: original.settings,
    ...(secret !== null ? { secret } : {}),
  });
}

/** Records the outcome of a connection test. */
export function recordTest(db: Database, id: string, test: ConnectionTest): ConnectionSummary {
  db.prepare('UPDATE connections SET last_test = ? WHERE id = ?').run(JSON.stringify(test), id);
  return getConnection(db, id);
}

/**
 * Deletes a connection and its secret. Refused while a saved import reads from it,
 * naming those imports: deleting it would break them silently.
 */
export async function deleteConnection(db: Database, secrets: SecretStore, id: string): Promise<void> {
  const row = rowOf(db, id);
  const users = db
    .prepare("SELECT name FROM imports WHERE json_extract(source_spec, '$.connectionId') = ? ORDER BY name")
    .pluck()
    .all(id) as string[];
  if (users.length > 0) {
    throw new IntakeError(
      'VALIDATION',
      `"${row.name}" is used by ${users.length === 1 ? 'the import' : 'these imports'}: ${users.map((name) => `"${name}"`).join(', ')}. Change or delete ${users.length === 1 ? 'it' : 'them'} first.`,
      { connectionId: id, imports: users },
    );
  }
  db.prepare('DELETE FROM connections WHERE id = ?').run(id);
  if (row.secret_ref !== null) await secrets.delete(row.secret_ref);
}

/** A connection's secret, for the connector that uses it (main only; never returned to the renderer). */
export async function connectionSecret(
  db: Database,
  secrets: SecretStore,
  id: string,
): Promise<string | null> {
  const row = rowOf(db, id);
  return row.secret_ref === null ? null : secrets.get(row.secret_ref);
}
