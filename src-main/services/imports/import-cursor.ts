import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { incrementalProblem, incrementalTimeField } from '../../../src-shared/mapping/incremental';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { SourceKind, SourceSpec } from '../../../src-shared/model/source';
import type { SinceCondition } from '../sources/connectors/connector';

// An incremental import's cursor: the newest time field it has imported, one row per import in
// `import_cursors` (deleted with the import). The value is JSON text of ISO 8601 UTC with six
// fraction digits, the form every parsed time has (TimeValue.iso): fixed width, so it compares
// as text exactly as the instants do, to the microsecond, for years 1 to 9999 — where epoch
// microseconds would outgrow a JSON number's exact range.

/** An import's cursor, and when a run last moved it. */
export interface ImportCursor {
  /** ISO 8601 UTC with six fraction digits. */
  value: string;
  updatedAt: string;
}

/** The cursor of an import, or null before its first incremental run (or after a reset). */
export function readCursor(db: Database, importId: string): ImportCursor | null {
  const row = db
    .prepare('SELECT value, updated_at AS updatedAt FROM import_cursors WHERE import_id = ?')
    .get(importId) as { value: string; updatedAt: string } | undefined;
  if (!row) return null;
  const value = JSON.parse(row.value) as unknown;
  // Anything else was not written by a run: read as no cursor, so the next run reads everything.
  return typeof value === 'string' ? { value, updatedAt: row.updatedAt } : null;
}

/**
 * Moves an import's cursor to the newest time its run imported. Called inside the transaction that
 * records the run's success, so a run that fails never moves it. An import deleted meanwhile has
 * no cursor to move.
 */
export function advanceCursor(db: Database, importId: string, value: string): void {
  db.prepare(
    `INSERT INTO import_cursors (import_id, value, updated_at)
     SELECT id, ?, ? FROM imports WHERE id = ?
     ON CONFLICT (import_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(JSON.stringify(value), new Date().toISOString(), importId);
}

/**
 * Forgets an import's cursor: its next run reads everything again. Returns whether it had one.
 * Refused while a run of it is reading or processing, whose success would move the cursor again.
 */
export function resetCursor(db: Database, importId: string): boolean {
  const row = db
    .prepare(
      `SELECT i.name, (SELECT COUNT(*) FROM runs r WHERE r.import_id = i.id AND r.status IN ('loading', 'processing')) AS active
       FROM imports i WHERE i.id = ?`,
    )
    .get(importId) as { name: string; active: number } | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No import with id ${importId}.`, { importId });
  if (row.active > 0) {
    throw new IntakeError(
      'VALIDATION',
      `The import "${row.name}" is running: reset its cursor once the run has ended (or cancel the run), or the run would move it again.`,
      { importId },
    );
  }
  return db.prepare('DELETE FROM import_cursors WHERE import_id = ?').run(importId).changes > 0;
}

/** What an incremental run reads after: its cursor, and the condition a query source gets. */
export interface IncrementalRead {
  /** The cursor, or null on a first run (every row is read). */
  cursor: string | null;
  /** For a database query: the condition pushed into it; null when the run reads everything. */
  since: SinceCondition | null;
}

/**
 * How a run of an import reads incrementally, or null when the import is not incremental (or the
 * run is not a saved import's, such as an export). Storage files are read whole and their rows
 * skipped by the run; a query gets the condition, so the database does the filtering.
 */
export function incrementalRead(
  db: Database,
  importId: string | null,
  mapping: ImportMapping,
  spec: SourceSpec,
): IncrementalRead | null {
  const field = incrementalTimeField(mapping);
  if (importId === null || field === null) return null;
  const cursor = readCursor(db, importId)?.value ?? null;
  const since: SinceCondition | null =
    cursor !== null && spec.kind === 'sql'
      ? {
          column: field.source,
          value: cursor,
          timeZone: field.timeZone,
          milliseconds: mapping.options.convertMilliseconds,
        }
      : null;
  return { cursor, since };
}

/**
 * What a run's processing gets of its import's cursor: `{ cursor }` (null on a first run) for an
 * incremental run of a saved import into the workspace, whose rows not after it are skipped and
 * whose success moves it; nothing for any other run (an export neither filters by it nor moves it).
 */
export function cursorOfRun(
  db: Database,
  importId: string | null,
  mapping: ImportMapping,
  spec: SourceSpec,
): { cursor?: string | null } {
  const read = incrementalRead(db, importId, mapping, spec);
  return read ? { cursor: read.cursor } : {};
}

/**
 * Refuses to save an incremental import that cannot be one: its source is not a query or storage,
 * or no column is its time field. Names the import and what is missing.
 */
export function checkIncremental(name: string, mapping: ImportMapping, sourceKind: SourceKind | null): void {
  if (mapping.options.incremental !== true) return;
  const problem = incrementalProblem(mapping, sourceKind);
  if (problem === null) return;
  throw new IntakeError('VALIDATION', `The import "${name.trim()}" cannot sync incrementally: ${problem}.`, {
    field: 'incremental',
  });
}
