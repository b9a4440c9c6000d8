import type { Database } from 'better-sqlite3';
import { processIsAlive } from '../workspace/process-alive';
import { IntakeError } from '../../../src-shared/errors';
import type { Dataset, DatasetStatus } from '../../../src-shared/model/dataset';
import type { Dialect, SourceFormat } from '../../../src-shared/model/dialect';
import type { IngestIssue } from '../../../src-shared/model/ingest-issue';

interface DatasetRowRecord {
  id: string;
  source_id: string;
  source_name: string;
  status: DatasetStatus;
  format: SourceFormat;
  dialect: string;
  columns: string;
  xml_path: string | null;
  row_count: number;
  bytes_read: number;
  bytes_total: number | null;
  issues: string;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** A dataset as stored, with the XML record path staging needs. */
export interface StoredDataset extends Dataset {
  xmlRecordPath: string[] | null;
}

/** Records a dataset that is starting to stage. */
export function insertDataset(db: Database, dataset: StoredDataset): void {
  db.prepare(
    `INSERT INTO datasets (id, source_id, status, format, dialect, columns, xml_path, row_count, bytes_read, bytes_total, issues, created_at, owner_pid)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)`,
  ).run(
    dataset.id,
    dataset.sourceId,
    dataset.status,
    dataset.format,
    JSON.stringify(dataset.dialect),
    JSON.stringify(dataset.columns),
    dataset.xmlRecordPath ? JSON.stringify(dataset.xmlRecordPath) : null,
    dataset.bytesTotal,
    JSON.stringify(dataset.issues),
    dataset.createdAt,
    process.pid,
  );
}

/** Records how a staging job ended. */
export function finishDataset(
  db: Database,
  id: string,
  result: {
    status: DatasetStatus;
    rowCount: number;
    bytesRead: number;
    columns: string[];
    issues: IngestIssue[];
    error: Dataset['error'];
  },
): void {
  db.prepare(
    `UPDATE datasets SET status = ?, row_count = ?, bytes_read = ?, columns = ?, issues = ?, error = ?, finished_at = ? WHERE id = ?`,
  ).run(
    result.status,
    result.rowCount,
    result.bytesRead,
    JSON.stringify(result.columns),
    JSON.stringify(result.issues),
    result.error ? JSON.stringify(result.error) : null,
    new Date().toISOString(),
    id,
  );
}

/** Finds a dataset by id, or fails with NOT_FOUND naming it. */
export function getDataset(db: Database, id: string): StoredDataset {
  const row = db
    .prepare(
      'SELECT d.*, s.name AS source_name FROM datasets d JOIN sources s ON s.id = d.source_id WHERE d.id = ?',
    )
    .get(id) as DatasetRowRecord | undefined;
  if (!row) throw new IntakeError('NOT_FOUND', `No dataset with id ${id}.`, { datasetId: id });
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    status: row.status,
    format: row.format,
    dialect: JSON.parse(row.dialect) as Dialect,
    columns: JSON.parse(row.columns) as string[],
    xmlRecordPath: row.xml_path ? (JSON.parse(row.xml_path) as string[]) : null,
    rowCount: row.row_count,
    bytesRead: row.bytes_read,
    bytesTotal: row.bytes_total,
    issues: JSON.parse(row.issues) as IngestIssue[],
    error: row.error ? (JSON.parse(row.error) as Dataset['error']) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Marks datasets left 'staging' by a previous process (it died mid-way) as failed; returns their ids. */
export function failInterruptedDatasets(
  db: Database,
  isAlive: (pid: number) => boolean = processIsAlive,
): string[] {
  const staging = db.prepare("SELECT id, owner_pid AS pid FROM datasets WHERE status = 'staging'").all() as {
    id: string;
    pid: number | null;
  }[];
  // Another live process's staging is its own business (it may be `intake import` beside the app).
  const orphans = staging.filter((row) => row.pid === null || row.pid === process.pid || !isAlive(row.pid));
  const mark = db.prepare(
    `UPDATE datasets SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status = 'staging'`,
  );
  const error = JSON.stringify({ code: 'INTERNAL', message: 'Interrupted: Intake stopped while staging.' });
  for (const row of orphans) mark.run(error, new Date().toISOString(), row.id);
  return orphans.map((row) => row.id);
}

/**
 * Marks the ready datasets of processes that are gone as abandoned: their drafts (windows, runs)
 * died with them, so nothing will read them again. Returns their ids (their files can go).
 */
export function abandonDatasetsOfGoneProcesses(
  db: Database,
  isAlive: (pid: number) => boolean = processIsAlive,
): string[] {
  const ready = db.prepare("SELECT id, owner_pid AS pid FROM datasets WHERE status = 'ready'").all() as {
    id: string;
    pid: number | null;
  }[];
  const gone = ready.filter((row) => row.pid === null || row.pid === process.pid || !isAlive(row.pid));
  const mark = db.prepare(
    `UPDATE datasets SET status = 'cancelled', error = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ? AND status = 'ready'`,
  );
  const error = JSON.stringify({
    code: 'INTERRUPTED',
    message: 'Abandoned: the Intake process that staged it stopped; its rows were deleted.',
  });
  for (const row of gone) mark.run(error, new Date().toISOString(), row.id);
  return gone.map((row) => row.id);
}

/** Ids of the datasets whose files must stay: staging or ready, owned by a live process. */
export function datasetsInUse(db: Database): Set<string> {
  return new Set(
    db.prepare("SELECT id FROM datasets WHERE status IN ('staging', 'ready')").pluck().all() as string[],
  );
}

/** Deletes a dataset's record; returns whether there was one. */
export function deleteDataset(db: Database, id: string): boolean {
  return db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
}
