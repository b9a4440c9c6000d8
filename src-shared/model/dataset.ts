import type { Dialect, SourceFormat } from './dialect';
import type { IngestIssue } from './ingest-issue';

/** Where a dataset is in its life. */
export type DatasetStatus = 'staging' | 'ready' | 'failed' | 'cancelled';

/** Rows staged locally from one read of a source. */
export interface Dataset {
  id: string;
  sourceId: string;
  sourceName: string;
  status: DatasetStatus;
  format: SourceFormat;
  dialect: Dialect;
  columns: string[];
  rowCount: number;
  bytesRead: number;
  bytesTotal: number | null;
  issues: IngestIssue[];
  /** Why staging failed; `details` holds where, as numbers (a parse error's line and column, or row). */
  error: { code: string; message: string; details?: Record<string, number> } | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The `datasets:progress` event: sent a few times a second while a dataset stages. */
export interface DatasetProgress {
  datasetId: string;
  status: DatasetStatus;
  stage: 'loading';
  rowCount: number;
  bytesRead: number;
  bytesTotal: number | null;
}

/** A row of a page, with its number as a spreadsheet shows it (the header is row 1). */
export interface DatasetRow {
  rowNumber: number;
  cells: string[];
}

/** One window of a dataset's rows. */
export interface RowsPage {
  offset: number;
  rows: DatasetRow[];
  /** Rows matching the filter (all rows when there is none). */
  total: number;
}
