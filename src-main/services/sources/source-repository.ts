import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { SourceKind, SourceRef } from '../../../src-shared/model/source';

/** A source as main sees it: the public ref plus where its bytes are. Paths never reach the renderer. */
export interface StoredSource extends SourceRef {
  path: string;
  /** True when Intake wrote the file (paste, upload) and may delete it. */
  owned: boolean;
}

interface SourceRow {
  id: string;
  kind: SourceKind;
  name: string;
  path: string;
  size: number;
  owned: number;
  created_at: string;
}

/** Records a source. */
export function insertSource(db: Database, source: StoredSource): void {
  db.prepare(
    'INSERT INTO sources (id, kind, name, path, size, owned, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    source.id,
    source.kind,
    source.name,
    source.path,
    source.size,
    source.owned ? 1 : 0,
    source.createdAt,
  );
}

/** Finds a source by id, or fails with NOT_FOUND naming it. */
export function getSource(db: Database, id: string): StoredSource {
  const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No source with id ${id}.`, { sourceId: id });
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    path: row.path,
    size: row.size,
    owned: row.owned === 1,
    createdAt: row.created_at,
  };
}

/** The renderer's view of a source: no path. */
export function toSourceRef(source: StoredSource): SourceRef {
  return {
    id: source.id,
    kind: source.kind,
    name: source.name,
    size: source.size,
    createdAt: source.createdAt,
  };
}
