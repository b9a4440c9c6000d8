import type { Dialect } from '../../../src-shared/model/dialect';

/** What a staging job needs; plain data, so it can be posted to a worker thread. */
export interface StageTask {
  sourcePath: string;
  datasetPath: string;
  format: 'csv' | 'xml';
  dialect: Dialect;
  /** Column names from the preview (XML datasets may find more as they read). */
  columns: string[];
  xmlRecordPath?: string[];
  nativeBinding?: string;
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

/** How a staging job talks back: progress, and whether it should stop. */
export interface StageHooks {
  progress(bytesRead: number, rowCount: number): void;
  /** Throws CANCELLED when the job was cancelled; called between chunks. */
  checkpoint(): void;
}
