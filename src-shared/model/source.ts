/** Where a source's bytes come from. */
export type SourceKind = 'file' | 'paste' | 'upload';

/** A source registered in the workspace, ready to be previewed and staged. */
export interface SourceRef {
  id: string;
  kind: SourceKind;
  /** File name as the user knows it (a paste is named "Pasted data"). */
  name: string;
  size: number;
  createdAt: string;
}
