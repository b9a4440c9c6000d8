/** Formats a file destination writes (the cleaned data export). */
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where a run writes its records (DESIGN §3: Destination). */
export type DestinationSpec =
  /** The local workspace, with the platforms' semantics (the default). */
  | { kind: 'workspace' }
  /** A file of the mapped records, written under a temporary name and renamed at the end. */
  | { kind: 'file'; path: string; format: ExportFormat };

export type DestinationKind = DestinationSpec['kind'];

/** The workspace: where a run writes unless told otherwise. */
export const WORKSPACE_DESTINATION: DestinationSpec = { kind: 'workspace' };
