/** Formats a file destination writes (the cleaned data export). */
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where a run writes its records (DESIGN §3: Destination). */
export type DestinationSpec =
  /** The local workspace, with the platforms' semantics (the default). */
  | { kind: 'workspace' }
  /** A file of the mapped records, written under a temporary name and renamed at the end. */
  | { kind: 'file'; path: string; format: ExportFormat }
  /**
   * A platform's batch API through a saved connection: Bloomreach-style or Segment-compatible, as
   * the connection's kind says. Records go through the workspace's outbox.
   */
  | { kind: 'platform'; connectionId: string }
  /** A PostgreSQL database through a saved connection: one table per import type, merged by key. */
  | { kind: 'postgres'; connectionId: string; schema: string };

export type DestinationKind = DestinationSpec['kind'];

/** The workspace: where a run writes unless told otherwise. */
export const WORKSPACE_DESTINATION: DestinationSpec = { kind: 'workspace' };
