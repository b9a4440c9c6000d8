import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * A dataset's rows on disk: one SQLite file per dataset holding the source's records in
 * chunks of raw bytes (a few thousand records each), in the dataset's encoding and dialect.
 * Storing chunks rather than one row per record is what lets staging beat `sqlite3 .import`:
 * the work per record is finding its end, not decoding, splitting and inserting its fields.
 * Pages decode only the chunks they touch.
 */
export interface DatasetFile {
  db: Database;
  path: string;
  close(): void;
}

/** Path of a dataset's file in the workspace. */
export function datasetFilePath(workspaceDir: string, datasetId: string): string {
  return join(workspaceDir, 'datasets', `${datasetId}.sqlite`);
}

/**
 * Creates a dataset file for writing. It is a cache that can always be rebuilt from the source,
 * so it is written without a journal and without syncs.
 */
export function createDatasetFile(path: string, nativeBinding?: string): DatasetFile {
  mkdirSync(join(path, '..'), { recursive: true });
  rmSync(path, { force: true });
  const db = new BetterSqlite3(path, nativeBinding ? { nativeBinding } : {});
  db.pragma('page_size = 65536');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE chunks (
      first_row INTEGER PRIMARY KEY,
      row_count INTEGER NOT NULL,
      data      BLOB NOT NULL
    ) STRICT;
    CREATE TABLE ragged_rows (
      row_number  INTEGER PRIMARY KEY,
      field_count INTEGER NOT NULL
    ) STRICT;
  `);
  return { db, path, close: () => db.close() };
}

/**
 * Readers keep a page cache of 1 MiB (16 pages): enough for the table's interior pages and a
 * chunk's overflow pages. better-sqlite3's default is 16 MB per connection, which a run's pass
 * over the whole file filled with pages it never reads again: the realistic 1,000,000-row import
 * (issue 18) peaked 10–20 MB higher with it. A reader re-reads little anyway: DatasetReader keeps
 * the chunks it parsed, and a page it drops is still in the system's file cache.
 */
const READER_CACHE_KIB = 1024;

/** Opens a staged dataset file read-only, for pages. */
export function openDatasetFile(path: string, nativeBinding?: string): DatasetFile {
  const db = new BetterSqlite3(path, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma(`cache_size = -${READER_CACHE_KIB}`);
  return { db, path, close: () => db.close() };
}

/** Deletes a dataset file (after a cancel or a failure, or when its dataset is dropped). */
export function removeDatasetFile(path: string): void {
  rmSync(path, { force: true });
}
