import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { WORKSPACE_DESTINATION, type DestinationSpec } from '../../../src-shared/model/destination';
import type { ImportDefinition, RecipeOffer } from '../../../src-shared/model/import-definition';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { SourceSpec } from '../../../src-shared/model/source';
import { headerFingerprint } from '../../../src-shared/mapping/header-fingerprint';
import { checkIncremental } from './import-cursor';
import {
  findSource,
  getSource,
  registerSource,
  toSourceRef,
  type StoredSource,
} from '../sources/source-repository';

interface ImportRecord {
  id: string;
  name: string;
  source_id: string | null;
  source_spec: string | null;
  import_type: ImportDefinition['importType'];
  dialect: string;
  header: string;
  header_fingerprint: string;
  mapping: string;
  destination: string | null;
  created_at: string;
  updated_at: string;
}

/** What the mapping step saves: `sourceId` names the registered source whose spec the import keeps. */
export interface ImportDraft {
  id?: string | undefined;
  name: string;
  sourceId: string | null;
  dialect: DialectOverrides;
  header: string[];
  mapping: ImportMapping;
}

function fromRecord(db: Database, row: ImportRecord): ImportDefinition {
  const source = row.source_id === null ? null : findSource(db, row.source_id);
  return {
    id: row.id,
    name: row.name,
    source: source ? toSourceRef(source) : null,
    importType: row.import_type,
    dialect: JSON.parse(row.dialect) as DialectOverrides,
    header: JSON.parse(row.header) as string[],
    headerFingerprint: row.header_fingerprint,
    mapping: JSON.parse(row.mapping) as ImportMapping,
    destination: row.destination ? (JSON.parse(row.destination) as DestinationSpec) : WORKSPACE_DESTINATION,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Saves a new import definition, or updates the one with the draft's id. An incremental import
 * that cannot be one (its source, its time field) is refused, naming the import and what it lacks.
 */
export function saveImport(db: Database, draft: ImportDraft): ImportDefinition {
  const now = new Date().toISOString();
  // The import keeps its source's spec itself: it still knows what to read if the registration goes.
  const spec = draft.sourceId === null ? null : getSource(db, draft.sourceId).spec;
  checkIncremental(draft.name, draft.mapping, spec?.kind ?? null);
  const values = {
    name: draft.name.trim(),
    source_id: draft.sourceId,
    source_spec: spec === null ? null : JSON.stringify(spec),
    import_type: draft.mapping.importType,
    dialect: JSON.stringify(draft.dialect),
    header: JSON.stringify(draft.header),
    header_fingerprint: headerFingerprint(draft.header),
    mapping: JSON.stringify(draft.mapping),
  };
  if (draft.id) {
    const changed = db
      .prepare(
        `UPDATE imports SET name = @name, source_id = @source_id, source_spec = @source_spec, import_type = @import_type, dialect = @dialect,
         header = @header, header_fingerprint = @header_fingerprint, mapping = @mapping, updated_at = @now WHERE id = @id`,
      )
      .run({ ...values, now, id: draft.id }).changes;
    if (!changed)
      throw new IntakeError('NOT_FOUND', `No import with id ${draft.id}.`, { importId: draft.id });
    return getImport(db, draft.id);
  }
  const id = randomUUID();
  db.prepare(
    `INSERT INTO imports (id, name, source_id, source_spec, import_type, dialect, header, header_fingerprint, mapping, created_at, updated_at)
     VALUES (@id, @name, @source_id, @source_spec, @import_type, @dialect, @header, @header_fingerprint, @mapping, @now, @now)`,
  ).run({ ...values, id, now });
  return getImport(db, id);
}

/**
 * Sets where an import's runs write: the workspace, a platform or PostgreSQL through a saved
 * connection (a file export is never saved as an import's destination).
 */
export function setImportDestination(
  db: Database,
  importId: string,
  destination: DestinationSpec,
): ImportDefinition {
  if (destination.kind === 'file') {
    throw new IntakeError('VALIDATION', 'An export to a file is not saved with an import.', { importId });
  }
  const stored = destination.kind === 'workspace' ? null : JSON.stringify(destination);
  const changed = db.prepare('UPDATE imports SET destination = ? WHERE id = ?').run(stored, importId).changes;
  if (!changed) throw new IntakeError('NOT_FOUND', `No import with id ${importId}.`, { importId });
  return getImport(db, importId);
}

/** An import definition by id, or NOT_FOUND naming it. */
export function getImport(db: Database, id: string): ImportDefinition {
  const row = db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportRecord | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No import with id ${id}.`, { importId: id });
  return fromRecord(db, row);
}

/**
 * The source an import reads: its registered source, or — when that registration is gone — a new
 * one made from the spec the import kept (recorded on the import). Null for an import without one.
 */
export function sourceOfImport(db: Database, id: string): StoredSource | null {
  const row = db.prepare('SELECT source_id, source_spec FROM imports WHERE id = ?').get(id) as
    Pick<ImportRecord, 'source_id' | 'source_spec'> | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No import with id ${id}.`, { importId: id });
  const registered = row.source_id === null ? null : findSource(db, row.source_id);
  if (registered || row.source_spec === null) return registered;
  const source = registerSource(db, JSON.parse(row.source_spec) as SourceSpec);
  db.prepare('UPDATE imports SET source_id = ? WHERE id = ?').run(source.id, id);
  return source;
}

/** Every import definition, most recently changed first. */
export function listImports(db: Database): ImportDefinition[] {
  return (db.prepare('SELECT * FROM imports ORDER BY updated_at DESC').all() as ImportRecord[]).map((row) =>
    fromRecord(db, row),
  );
}

/** Saved imports whose header has the same fingerprint as this one (newest first). */
export function findRecipeOffers(db: Database, header: readonly string[]): RecipeOffer[] {
  const rows = db
    .prepare(
      'SELECT id, name, import_type, updated_at FROM imports WHERE header_fingerprint = ? ORDER BY updated_at DESC LIMIT 5',
    )
    .all(headerFingerprint(header)) as Pick<ImportRecord, 'id' | 'name' | 'import_type' | 'updated_at'>[];
  return rows.map((row) => ({
    importId: row.id,
    name: row.name,
    importType: row.import_type,
    updatedAt: row.updated_at,
  }));
}

/** A copy of an import under a new name, with the same source, dialect and mapping (no runs). */
export function duplicateImport(db: Database, id: string): ImportDefinition {
  const original = getImport(db, id);
  return saveImport(db, {
    name: `${original.name} (copy)`,
    sourceId: original.source?.id ?? null,
    dialect: original.dialect,
    header: original.header,
    mapping: original.mapping,
  });
}
