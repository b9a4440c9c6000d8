import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { IdType } from '../../../src-shared/model/id-type';

/** The workspace's ID types, hard ones first (they win when a row carries several IDs). */
export function listIdTypes(db: Database): IdType[] {
  return db
    .prepare(`SELECT name, kind FROM id_types ORDER BY kind = 'soft', created_at, name`)
    .all() as IdType[];
}

const ID_TYPE_NAME = /^[a-z0-9_]{1,64}$/;

/** Adds an ID type; names are lowercase letters, digits and underscores, like the platforms'. */
export function addIdType(db: Database, idType: IdType): IdType[] {
  if (!ID_TYPE_NAME.test(idType.name)) {
    throw new IntakeError(
      'VALIDATION',
      `ID type "${idType.name}" is not a valid name: use 1–64 lowercase letters, digits or underscores.`,
      { field: 'name' },
    );
  }
  const exists = db.prepare('SELECT kind FROM id_types WHERE name = ?').get(idType.name) as
    { kind: string } | undefined;
  if (exists) {
    throw new IntakeError('VALIDATION', `ID type "${idType.name}" already exists (${exists.kind}).`, {
      field: 'name',
    });
  }
  db.prepare('INSERT INTO id_types (name, kind, created_at) VALUES (?, ?, ?)').run(
    idType.name,
    idType.kind,
    new Date().toISOString(),
  );
  return listIdTypes(db);
}
