import type { ColumnProfile } from '../mapping/column-profile';

/** A cell shown as an example of a problem, with the spreadsheet row number. */
export interface CellExample {
  rowNumber: number;
  value: string;
  message: string;
}

/** How one source column fares under its mapping, over every row. */
export interface ColumnValidation {
  index: number;
  /** False for dropped columns: only profiled. */
  checked: boolean;
  empty: number;
  invalid: number;
  tooLong: number;
  warnings: number;
  examples: CellExample[];
  warningExamples: CellExample[];
  profile: ColumnProfile;
}

/** One reason rows are rejected, with how many and the first rows' numbers. */
export interface RejectionReason {
  reason: string;
  count: number;
  rowNumbers: number[];
}

/** The mapping checked over a whole staged dataset. */
export interface ValidationSummary {
  datasetId: string;
  rowCount: number;
  importRows: number;
  rejectedRows: number;
  /** Rows dedupe steps remove: neither imported nor rejected. */
  duplicateRows: number;
  /** Rows that are rejected or have an invalid or warned cell (the "problems only" filter). */
  problemRows: number;
  reasons: RejectionReason[];
  columns: ColumnValidation[];
  /** Columns checked in this pass; the others were unchanged and reused. */
  checkedColumns: number;
  reusedColumns: number;
  elapsedMs: number;
}
