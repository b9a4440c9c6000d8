import type { Database } from 'better-sqlite3';
import type { ImportType } from '../../../src-shared/model/import-type';
import type { ImportOverview } from '../../../src-shared/model/run';
import { findSource, toSourceRef } from '../sources/source-repository';
import { listRuns } from './run-repository';

interface OverviewRecord {
  id: string;
  name: string;
  import_type: ImportType;
  source_id: string | null;
  last_sync: string | null;
  created_at: string;
  updated_at: string;
}

/** Every saved import with its source's name, newest run and last successful sync, newest first. */
export function importOverview(db: Database): ImportOverview[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.name, i.import_type, i.source_id, i.created_at, i.updated_at,
         (SELECT MAX(r.finished_at) FROM runs r WHERE r.import_id = i.id AND r.status = 'succeeded') AS last_sync
       FROM imports i
       ORDER BY i.updated_at DESC`,
    )
    .all() as OverviewRecord[];
  return rows.map((row) => {
    const source = row.source_id === null ? null : findSource(db, row.source_id);
    return {
      id: row.id,
      name: row.name,
      importType: row.import_type,
      source: source ? toSourceRef(source) : null,
      lastRun: listRuns(db, row.id, 1)[0] ?? null,
      lastSync: row.last_sync,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}
