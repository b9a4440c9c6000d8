import type { Database } from 'better-sqlite3';
import type { ImportType } from '../../../src-shared/model/import-type';
import type { ImportOverview } from '../../../src-shared/model/run';
import type { SourceRef } from '../../../src-shared/model/source';
import { listRuns } from '../runs/run-repository';

interface OverviewRecord {
  id: string;
  name: string;
  import_type: ImportType;
  source_id: string | null;
  source_kind: SourceRef['kind'] | null;
  source_name: string | null;
  source_size: number | null;
  source_created_at: string | null;
  last_sync: string | null;
  created_at: string;
  updated_at: string;
}

/** Every saved import with its source's name, newest run and last successful sync, newest first. */
export function importOverview(db: Database): ImportOverview[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.name, i.import_type, s.id AS source_id, s.kind AS source_kind, s.name AS source_name,
         s.size AS source_size, s.created_at AS source_created_at, i.created_at, i.updated_at,
         (SELECT MAX(r.finished_at) FROM runs r WHERE r.import_id = i.id AND r.status = 'succeeded') AS last_sync
       FROM imports i LEFT JOIN sources s ON s.id = i.source_id
       ORDER BY i.updated_at DESC`,
    )
    .all() as OverviewRecord[];
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    importType: row.import_type,
    source:
      row.source_id === null
        ? null
        : {
            id: row.source_id,
            kind: row.source_kind!,
            name: row.source_name!,
            size: row.source_size!,
            createdAt: row.source_created_at!,
          },
    lastRun: listRuns(db, row.id, 1)[0] ?? null,
    lastSync: row.last_sync,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}
