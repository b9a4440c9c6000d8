import type { Database } from 'better-sqlite3';
import type { Encoding } from '../../../src-shared/model/dialect';
import type { RowNumbering } from './row-numbers';
import type { StagedFile } from './stage-task';

/** How a dataset file's chunks are to be read back. */
export interface DatasetMeta extends RowNumbering {
  encoding: Encoding;
  delimiter: string;
  columns: string[];
  /** A carriage return alone ends a record in the stored chunks (absent in datasets staged before). */
  loneCr?: boolean;
  /** The quote the chunks were cut with (absent: `"`). */
  quote?: "'" | '"';
  /** False: the chunks were cut reading quotes strictly (absent: leniently, or staged before). */
  lenientQuotes?: boolean;
  /** Rows shorter than the columns are padded with blanks when read (XML's late columns). */
  padShortRows?: boolean;
  /** Storage: the files staged, in order, with the rows each gave. */
  files?: StagedFile[];
  rowCount: number;
}

/** Stores the meta of a finished dataset file (its presence marks the file complete). */
export function writeDatasetMeta(db: Database, meta: DatasetMeta): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL) STRICT',
  );
  db.prepare('INSERT OR REPLACE INTO meta (id, value) VALUES (1, ?)').run(JSON.stringify(meta));
}

/** Reads a dataset file's meta. */
export function readDatasetMeta(db: Database): DatasetMeta {
  const row = db.prepare('SELECT value FROM meta WHERE id = 1').get() as { value: string } | undefined;
  if (!row) throw new Error('The dataset file is incomplete (no meta): it was not staged to the end.');
  return JSON.parse(row.value) as DatasetMeta;
}
