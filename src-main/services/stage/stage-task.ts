import type { Dialect } from '../../../src-shared/model/dialect';
import type { SourceSpec } from '../../../src-shared/model/source';

/** What a staging job needs; plain data, so it can be posted to a worker thread. */
export interface StageTask {
  spec: SourceSpec;
  /** The workspace folder (a workspace query reads its database). */
  workspaceDir: string;
  datasetPath: string;
  format: 'csv' | 'xml';
  dialect: Dialect;
  /** Column names from the preview (XML datasets may find more as they read). */
  columns: string[];
  xmlRecordPath?: string[];
  nativeBinding?: string;
}

/** How far a staging job is: bytes transferred from the source and rows staged. */
export interface StageProgress {
  bytesRead: number;
  rowCount: number;
}

/** What a finished staging job reports. */
export interface StageOutcome {
  rowCount: number;
  bytesRead: number;
  raggedCount: number;
  /** Encoding and delimiter of the stored chunks (UTF-16 is stored as UTF-8; XML as comma-separated UTF-8). */
  storedEncoding: Dialect['encoding'];
  storedDelimiter: string;
  /** The dataset's columns, including XML columns first seen after the preview. */
  columns: string[];
  lateColumns: string[];
}
