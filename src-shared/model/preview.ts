import type { ColumnType } from './column-type';
import type { Dialect, SourceFormat } from './dialect';
import type { IngestIssue } from './ingest-issue';

/** A column as detection sees it. */
export interface SniffedColumn {
  name: string;
  type: ColumnType;
  /** Share of non-empty sampled values that fit the type (0..1). */
  share: number;
  examplesNotFitting: string[];
}

/** What detection found in a source's head: format, dialect, columns, and why it chose so. */
export interface Sniff {
  format: SourceFormat;
  dialect: Dialect;
  /** How sure detection is of the encoding and delimiter (0..1), with its reasons. */
  confidence: { encoding: number; delimiter: number };
  reasons: string[];
  columns: SniffedColumn[];
  /**
   * What detection chose, also when the person overrode it, so the dialect bar keeps marking the
   * detected option (delimiter: CSV only).
   */
  detected?: { encoding: Dialect['encoding']; delimiter: Dialect['delimiter'] | null };
  /** Set for row sources (a query): rows, names and types come from the source; no dialect to choose. */
  dialectFixed?: true;
  /** XML only: element names from the root to the record element. */
  xmlRecordPath?: string[];
  /** Excel workbooks only: the worksheets, in the workbook's order (the dialect's `sheet` is one). */
  sheets?: { name: string; hidden: boolean }[];
  issues: IngestIssue[];
}

/** A sniff plus the first rows, exactly as in the file after unquoting. */
export interface Preview extends Sniff {
  header: string[];
  rows: string[][];
  /** True when the head read did not reach the end of the source. */
  truncated: boolean;
  /** Bytes read to build the preview. */
  headBytes: number;
}

/** What the user can override in the dialect bar (anything unset is detected). */
export interface DialectOverrides {
  format?: SourceFormat;
  encoding?: Dialect['encoding'];
  delimiter?: Dialect['delimiter'];
  hasHeader?: boolean;
  quote?: Dialect['quote'];
  /** False reads quotes strictly (RFC 4180) and refuses a quote that never closes. */
  lenientQuotes?: boolean;
  skipLines?: number;
  headerRows?: number;
  /** Excel workbooks: the sheet to read (unset: the first visible sheet that holds a table). */
  sheet?: string;
}
