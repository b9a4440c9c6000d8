import type { Database } from 'better-sqlite3';
import { WORKSPACE_DESTINATION, type DestinationSpec } from '../../../src-shared/model/destination';
import type { ImportType } from '../../../src-shared/model/import-type';
import type { ImportOverview, Run } from '../../../src-shared/model/run';
import { readCursor } from '../imports/import-cursor';
import { findSource, toSourceRef } from '../sources/source-repository';
import { getRun, listRuns } from './run-repository';

interface OverviewRecord {
  id: string;
  name: string;
  import_type: ImportType;
  source_id: string | null;
  destination: string | null;
  destination_name: string | null;
  last_sync: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Every saved import with its source's name, newest run, last successful sync, the failure it
 * shows until the next success, and its queued run's place in the queue; newest first.
 */
export function importOverview(
  db: Database,
  queuePosition: (runId: string) => number | null,
): ImportOverview[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.name, i.import_type, i.source_id, i.destination, i.created_at, i.updated_at,
         (SELECT c.name FROM connections c WHERE c.id = json_extract(i.destination, '$.connectionId')) AS destination_name,
         (SELECT MAX(r.finished_at) FROM runs r WHERE r.import_id = i.id AND r.status = 'succeeded') AS last_sync
       FROM imports i
       ORDER BY i.updated_at DESC`,
    )
    .all() as OverviewRecord[];
  return rows.map((row) => {
    const source = row.source_id === null ? null : findSource(db, row.source_id);
    const lastRun = listRuns(db, row.id, 1)[0] ?? null;
    return {
      id: row.id,
      name: row.name,
      importType: row.import_type,
      source: source ? toSourceRef(source) : null,
      lastRun,
      lastSync: row.last_sync,
      failure: failureSinceSuccess(db, row.id, row.last_sync),
      queuePosition: lastRun?.status === 'queued' ? queuePosition(lastRun.id) : null,
      cursor: readCursor(db, row.id),
      destination: row.destination ? (JSON.parse(row.destination) as DestinationSpec) : WORKSPACE_DESTINATION,
      destinationName: row.destination_name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

/** The newest failed run that finished after the last successful one (cancelled runs are not failures). */
function failureSinceSuccess(db: Database, importId: string, lastSync: string | null): Run | null {
  const id = db
    .prepare(
      `SELECT id FROM runs WHERE import_id = ? AND status = 'failed' AND (? IS NULL OR finished_at > ?)
       ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
    )
    .pluck()
    .get(importId, lastSync, lastSync) as string | undefined;
  return id === undefined ? null : getRun(db, id);
}
