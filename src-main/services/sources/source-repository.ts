import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { SourceKind, SourceRef, SourceSpec } from '../../../src-shared/model/source';
import { connectorFor } from './connectors';

/** A source as main sees it: the public ref plus its spec. Specs (paths) never reach the renderer. */
export interface StoredSource extends SourceRef {
  spec: SourceSpec;
  /** The file it reads, for the local-file kinds (a file, a paste, an upload); null for others. */
  path: string | null;
  /** True when Intake wrote the source's file (paste, upload) and may delete it. */
  owned: boolean;
}

interface SourceRow {
  id: string;
  kind: SourceKind;
  name: string;
  spec: string;
  size: number | null;
  owned: number;
  created_at: string;
}

/** Registers a source by its spec; its name and detail come from its connector unless given. */
export function registerSource(
  db: Database,
  spec: SourceSpec,
  options: { name?: string; size?: number | null; owned?: boolean } = {},
): StoredSource {
  const description = connectorFor(spec).describe(spec);
  const source: StoredSource = {
    id: randomUUID(),
    kind: spec.kind,
    name: options.name ?? description.name,
    detail: description.detail,
    size: options.size ?? null,
    spec,
    path: localPath(spec),
    owned: options.owned ?? false,
    createdAt: new Date().toISOString(),
  };
  db.prepare(
    'INSERT INTO sources (id, kind, name, spec, size, owned, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    source.id,
    source.kind,
    source.name,
    JSON.stringify(spec),
    source.size,
    source.owned ? 1 : 0,
    source.createdAt,
  );
  return source;
}

/** Finds a source by id, or fails with NOT_FOUND naming it. */
export function getSource(db: Database, id: string): StoredSource {
  const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No source with id ${id}.`, { sourceId: id });
  return fromRow(row);
}

/** A source by id, or null. */
export function findSource(db: Database, id: string): StoredSource | null {
  const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  return row ? fromRow(row) : null;
}

function fromRow(row: SourceRow): StoredSource {
  const spec = JSON.parse(row.spec) as SourceSpec;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    detail: connectorFor(spec).describe(spec).detail,
    size: row.size,
    spec,
    path: localPath(spec),
    owned: row.owned === 1,
    createdAt: row.created_at,
  };
}

/**
 * Forgets a source no import uses (a file one run read: "Run again with another file…"), with its
 * datasets. Returns it when it was forgotten, so the caller can delete a file Intake owns.
 */
export function forgetUnusedSource(db: Database, id: string): StoredSource | null {
  const source = findSource(db, id);
  if (!source || db.prepare('SELECT 1 FROM imports WHERE source_id = ?').get(id)) return null;
  db.prepare('DELETE FROM sources WHERE id = ?').run(id);
  return source;
}

/**
 * Forgets a pasted or uploaded source (Intake keeps its bytes) that no import and no dataset uses:
 * a draft closed without being saved. Returns it when it was forgotten, so the caller deletes the file.
 */
export function forgetUnusedOwnedSource(db: Database, id: string): StoredSource | null {
  const source = findSource(db, id);
  if (!source?.owned || db.prepare('SELECT 1 FROM datasets WHERE source_id = ?').get(id)) return null;
  return forgetUnusedSource(db, id);
}

/** The renderer's view of a source: no spec, no path. */
export function toSourceRef(source: StoredSource): SourceRef {
  return {
    id: source.id,
    kind: source.kind,
    name: source.name,
    detail: source.detail,
    size: source.size,
    createdAt: source.createdAt,
  };
}

function localPath(spec: SourceSpec): string | null {
  return spec.kind === 'file' || spec.kind === 'paste' || spec.kind === 'upload' ? spec.path : null;
}
