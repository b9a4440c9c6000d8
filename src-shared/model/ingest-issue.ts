/** What kind of problem the reader or detector found. */
export type IngestIssueCode =
  | 'ragged-rows'
  | 'duplicate-headers'
  | 'empty-headers'
  | 'too-many-rows'
  | 'encoding-uncertain'
  | 'invalid-characters'
  | 'type-warning'
  | 'xml-late-columns'
  | 'stray-byte'
  | 'stray-quotes'
  | 'preamble-skipped'
  | 'multi-row-header'
  | 'other-sheets';

/** One entry of the issues panel: a message that names rows, columns and values. */
export interface IngestIssue {
  code: IngestIssueCode;
  severity: 'warning' | 'info';
  message: string;
  /** Row numbers as a spreadsheet shows them (the header is row 1), capped. */
  rows?: number[];
  columns?: string[];
}
