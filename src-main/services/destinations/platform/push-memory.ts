import type { Database } from 'better-sqlite3';

/**
 * "Send everything again": a destination forgets the fingerprints of the records it acknowledged,
 * so the next run sends every record. Returns how many it forgot.
 */
export function forgetPushed(db: Database, destinationId: string): number {
  db.prepare('DELETE FROM push_acked WHERE destination_id = ?').run(destinationId);
  return db.prepare('DELETE FROM push_sent WHERE destination_id = ?').run(destinationId).changes;
}

/** A record a platform refused, as `intake quarantine list` and the run detail show it. */
export interface QuarantinedRecord {
  rowNumber: number;
  key: string;
  reason: string;
  runId: string;
  quarantinedAt: string;
}

/** The records a destination refused from an import, oldest first. */
export function quarantinedRecords(
  db: Database,
  destinationId: string,
  importId: string,
): QuarantinedRecord[] {
  return db
    .prepare(
      `SELECT row_number AS rowNumber, record_key AS key, reason, run_id AS runId, created_at AS quarantinedAt
       FROM push_quarantine WHERE destination_id = ? AND import_id = ? ORDER BY created_at, row_number`,
    )
    .all(destinationId, importId) as QuarantinedRecord[];
}
