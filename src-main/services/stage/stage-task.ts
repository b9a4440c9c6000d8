import type { Dialect, SourceFormat } from '../../../src-shared/model/dialect';
import type { SourceSpec } from '../../../src-shared/model/source';
import type { ImportedFile, SinceCondition, StorageFile } from '../sources/connectors/connector';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';

/** What a staging job needs; plain data, so it can be posted to a worker thread. */
export interface StageTask {
  spec: SourceSpec;
  /** The workspace folder (a workspace query reads its database). */
  workspaceDir: string;
  datasetPath: string;
  format: SourceFormat;
  dialect: Dialect;
  /** Column names from the preview (XML datasets may find more as they read). */
  columns: string[];
  xmlRecordPath?: string[];
  nativeBinding?: string;
  /** The spec's connection, resolved in main (its secret never leaves the process). */
  connection?: ResolvedConnection | null;
  /** Storage: the files the import read already ("not imported yet"). */
  importedFiles?: ImportedFile[];
  /** Network time limits (connect, and silence while reading); tests shorten them. */
  timeouts?: { connectMs?: number; readMs?: number };
  /** An incremental run's condition for a query source: the database reads only newer rows. */
  since?: SinceCondition;
}

/** A storage file staged into a dataset: which rows came from it. */
export interface StagedFile extends StorageFile {
  /** Data-row index of its first row in the dataset. */
  firstRow: number;
  rows: number;
}

/** How far a staging job is: bytes transferred from the source and rows staged. */
export interface StageProgress {
  bytesRead: number;
  rowCount: number;
}

/** What a finished staging job reports. */
export interface StageOutcome {
  rowCount: number;
  /** Storage: the files staged, in order, with their rows (empty for a source of one stream). */
  files: StagedFile[];
  bytesRead: number;
  raggedCount: number;
  /** Records in which a stray quote was read as text (lenient quotes; CSV only). */
  strayQuoteCount?: number;
  /** Encoding and delimiter of the stored chunks (UTF-16 is stored as UTF-8; XML as comma-separated UTF-8). */
  storedEncoding: Dialect['encoding'];
  storedDelimiter: string;
  /** The dataset's columns, including XML columns first seen after the preview. */
  columns: string[];
  lateColumns: string[];
}
